import { END, START, StreamDeletedError, eventTypeFilter, streamNameFilter } from '@eventstore/db-client';
import type { Position } from '@eventstore/db-client';
import { afterEach, describe, expect, it } from 'vitest';
import { testEvents, uniqueStream, useClient } from './support/client.js';
import { watch } from './support/watch.js';

/**
 * Catch-up subscriptions as EventStoreDB serves them, through the real
 * client: confirmation, history, `caughtUp`, then live events; exclusive start
 * points; server-side filters with checkpoints. Runs against the in-process
 * server, or a real server when EVENTSTORE_CONNECTION_STRING is set.
 */
describe('EventStoreDB catch-up subscriptions', () => {
  const { client } = useClient();
  const open: { unsubscribe(): Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.unsubscribe()));
  });
  const track = <S extends { unsubscribe(): Promise<void> }>(subscription: S): S => {
    open.push(subscription);
    return subscription;
  };

  describe('to a stream', () => {
    it('given history, when subscribed from the start, then history comes, then caughtUp, then live events, each once', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(3, 'History'));
      const watched = watch(track(client().subscribeToStream(stream, { fromRevision: START })));
      expect(await watched.until((w) => w.caughtUpAt !== undefined)).toBe(true);

      await client().appendToStream(stream, testEvents(2, 'Live'));

      expect(await watched.until((w) => w.events.length === 5)).toBe(true);
      expect(watched.caughtUpAt).toBe(3);
      expect(watched.events.map((e) => e.event!.revision)).toEqual([0n, 1n, 2n, 3n, 4n]);
      expect(watched.events.map((e) => e.event!.type)).toEqual(['History', 'History', 'History', 'Live', 'Live']);
    });

    it('given history, when subscribed from revision 1, then delivery starts after it', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(4));

      const watched = watch(track(client().subscribeToStream(stream, { fromRevision: 1n })));

      expect(await watched.until((w) => w.caughtUpAt !== undefined)).toBe(true);
      expect(watched.events.map((e) => e.event!.revision)).toEqual([2n, 3n]);
    });

    it('given history, when subscribed from the end, then only later events come', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(2));
      const watched = watch(track(client().subscribeToStream(stream, { fromRevision: END })));
      expect(await watched.until((w) => w.caughtUpAt !== undefined)).toBe(true);

      await client().appendToStream(stream, testEvents(1, 'Later'));

      expect(await watched.until((w) => w.events.length === 1)).toBe(true);
      expect(watched.events[0]!.event).toMatchObject({ type: 'Later', revision: 2n });
    });

    it('given no stream yet, when subscribed, then it waits and delivers the stream’s first events', async () => {
      const stream = uniqueStream();
      const watched = watch(track(client().subscribeToStream(stream)));

      await client().appendToStream(stream, testEvents(2));

      expect(await watched.until((w) => w.events.length === 2)).toBe(true);
    });

    it('given a tombstoned stream, when subscribed, then the subscription fails as deleted', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(1));
      await client().tombstoneStream(stream);

      const watched = watch(track(client().subscribeToStream(stream)));

      expect(await watched.until((w) => w.error !== undefined)).toBe(true);
      expect(watched.error).toBeInstanceOf(StreamDeletedError);
    });
  });

  describe('to $all', () => {
    it('given history, when subscribed from an event’s position with a stream-name prefix filter, then delivery starts after it and keeps to the prefix', async () => {
      const stream = uniqueStream('prefixed');
      const prefix = stream.slice(0, stream.indexOf('-') + 1);
      const first = await client().appendToStream(stream, testEvents(1, 'First'));
      await client().appendToStream(uniqueStream('other'), testEvents(1, 'Elsewhere'));
      await client().appendToStream(stream, testEvents(1, 'Second'));

      const watched = watch(
        track(client().subscribeToAll({ fromPosition: first.position!, filter: streamNameFilter({ prefixes: [prefix] }) })),
      );
      await client().appendToStream(stream, testEvents(1, 'Third'));

      expect(await watched.until((w) => w.events.length === 2)).toBe(true);
      expect(watched.events.map((e) => e.event!.type)).toEqual(['Second', 'Third']);
    });

    it('given events of several types, when subscribed with an event-type regex, then only matching types come', async () => {
      const stream = uniqueStream();
      const tag = stream.slice(-14, -2);
      await client().appendToStream(stream, [
        ...testEvents(1, `Kept_${tag}`),
        ...testEvents(1, `Dropped_${tag}`),
        ...testEvents(1, `Kept_${tag}`),
      ]);

      const watched = watch(
        track(client().subscribeToAll({ fromPosition: START, filter: eventTypeFilter({ regex: `^Kept_${tag}$` }) })),
      );

      expect(await watched.until((w) => w.events.length === 2 && w.caughtUpAt !== undefined)).toBe(true);
      expect(watched.events.map((e) => e.event!.type)).toEqual([`Kept_${tag}`, `Kept_${tag}`]);
    });

    it('given a filter that matches little, when catching up and then live, then checkpoints come with positions never behind what was delivered', async () => {
      const stream = uniqueStream('checkpointed');
      const prefix = stream.slice(0, stream.indexOf('-') + 1);
      await client().appendToStream(stream, testEvents(1));
      const checkpoints: Position[] = [];
      const watched = watch(
        track(
          client().subscribeToAll({
            fromPosition: START,
            filter: streamNameFilter({
              prefixes: [prefix],
              maxSearchWindow: 2,
              checkpointInterval: 1,
              checkpointReached: (_s, position) => {
                checkpoints.push(position);
              },
            }),
          }),
        ),
      );
      expect(await watched.until((w) => w.caughtUpAt !== undefined)).toBe(true);
      const atCatchUp = checkpoints.length;

      const noise = uniqueStream('noise');
      for (let i = 0; i < 6; i++) await client().appendToStream(noise, testEvents(1, 'Noise'));

      expect(atCatchUp).toBeGreaterThan(0);
      expect(await watched.until(() => checkpoints.length > atCatchUp)).toBe(true);
      const delivered = watched.events[0]!.commitPosition!;
      expect(checkpoints.at(-1)!.commit).toBeGreaterThan(delivered);
      const commits = checkpoints.map((c) => c.commit);
      expect(commits).toEqual([...commits].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    });

    it('given no filter, when subscribed from the start, then system events ($-prefixed streams) come too', async () => {
      const watched = watch(track(client().subscribeToAll({ fromPosition: START })));

      expect(await watched.until((w) => w.events.some((e) => e.event!.streamId.startsWith('$')))).toBe(true);
    });

    it('given a subscription from the end, when events are appended, then only they come', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(1, 'Before'));
      const watched = watch(
        track(client().subscribeToAll({ fromPosition: END, filter: streamNameFilter({ prefixes: [stream] }) })),
      );
      expect(await watched.until((w) => w.caughtUpAt !== undefined)).toBe(true);

      await client().appendToStream(stream, testEvents(1, 'After'));

      expect(await watched.until((w) => w.events.length === 1)).toBe(true);
      expect(watched.events[0]!.event!.type).toBe('After');
    });
  });
});
