import {
  BACKWARDS,
  END,
  START,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { drain, rejectionOf, revisions, testEvents, types, uniqueStream, useClient } from './support/client.js';
import { realServerConnectionString } from './support/target.js';
import { watch } from './support/watch.js';

/**
 * How EventStoreDB reads and deletes, through the real client. Runs against
 * the in-process server, or a real server when EVENTSTORE_CONNECTION_STRING is set.
 */
describe('EventStoreDB reads and deletes', () => {
  const { client } = useClient();

  describe('reading a stream', () => {
    it('given five events, when read forwards and backwards from a revision with a count, then the revisions come in that order, the start included', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(5));

      const forwards = await drain(client().readStream(stream, { fromRevision: 1n, maxCount: 3 }));
      const backwards = await drain(client().readStream(stream, { direction: BACKWARDS, fromRevision: 3n, maxCount: 2 }));
      const fromEnd = await drain(client().readStream(stream, { direction: BACKWARDS, fromRevision: END }));
      const forwardsFromEnd = await drain(client().readStream(stream, { fromRevision: END }));

      expect(revisions(forwards)).toEqual([1n, 2n, 3n]);
      expect(revisions(backwards)).toEqual([3n, 2n]);
      expect(revisions(fromEnd)).toEqual([4n, 3n, 2n, 1n, 0n]);
      expect(forwardsFromEnd).toEqual([]);
    });

    it('given no stream, when read, then the read fails with stream not found (sent in-band)', async () => {
      const stream = uniqueStream();

      const error = await rejectionOf(drain(client().readStream(stream)));

      expect(error).toBeInstanceOf(StreamNotFoundError);
      expect((error as StreamNotFoundError).streamName).toBe(stream);
    });

    it('given an event, when read from its stream and from $all, then both carry the same commit position, equal to its prepare position', async () => {
      const stream = uniqueStream();
      const appended = await client().appendToStream(stream, testEvents(1));

      const [fromStream] = await drain(client().readStream(stream));
      const [fromAll] = await drain(client().readAll({ fromPosition: appended.position!, maxCount: 1 }));

      expect(fromStream!.event!.position).toEqual(appended.position);
      expect(fromAll!.event!.id).toBe(fromStream!.event!.id);
      expect(fromAll!.commitPosition).toBe(appended.position!.commit);
    });

    it('given JSON data and metadata, when read back, then they are equal, with type, content type and creation time', async () => {
      const stream = uniqueStream();
      const data = { nested: { list: [1, 'two', null, true] }, text: 'é ✓' };
      const metadata = { correlationId: 'c-1' };
      const before = Date.now();
      await client().appendToStream(stream, jsonEvent({ type: 'Shaped', data, metadata }));
      const after = Date.now();

      const [read] = await drain(client().readStream(stream));

      expect(read!.event).toMatchObject({ type: 'Shaped', data, metadata, isJson: true, streamId: stream, revision: 0n });
      // On the server's clock: a real server may run elsewhere, so allow for skew there.
      const slack = realServerConnectionString() === undefined ? 0 : 60_000;
      expect(read!.event!.created.getTime()).toBeGreaterThanOrEqual(before - slack);
      expect(read!.event!.created.getTime()).toBeLessThanOrEqual(after + slack);
    });
  });

  describe('reading $all', () => {
    it('given two appends, when $all is read forwards from the first position, then that event is included; backwards from it, excluded', async () => {
      const stream = uniqueStream();
      const first = await client().appendToStream(stream, testEvents(1, 'First'));
      await client().appendToStream(stream, testEvents(1, 'Second'));

      const forwards = await drain(client().readAll({ fromPosition: first.position!, maxCount: 2 }));
      const backwards = await drain(client().readAll({ direction: BACKWARDS, fromPosition: first.position!, maxCount: 1 }));

      expect(types(forwards)).toEqual(['First', 'Second']);
      expect(backwards[0]!.commitPosition).toBeLessThan(first.position!.commit);
    });

    it('given an event, when $all is read or subscribed from a position inside its record, then the server refuses: invalid position', async () => {
      const { position } = await client().appendToStream(uniqueStream(), testEvents(1));
      const inside = { commit: position!.commit + 1n, prepare: position!.prepare + 1n };

      const read = await rejectionOf(drain(client().readAll({ fromPosition: inside, maxCount: 1 })));
      const watched = watch(client().subscribeToAll({ fromPosition: inside }));

      expect(read).toMatchObject({ code: 3 });
      expect(String((read as Error).message)).toMatch(/invalid position/i);
      expect(await watched.until((w) => w.error !== undefined)).toBe(true);
      expect(watched.error).toMatchObject({ code: 3 });
    });

    it('given a server, when $all is read from the start, then it holds system events ($-prefixed streams), in increasing positions', async () => {
      const read = await drain(client().readAll({ fromPosition: START, maxCount: 50 }));

      expect(read.some((e) => e.event!.streamId.startsWith('$'))).toBe(true);
      const positions = read.map((e) => e.commitPosition!);
      expect(positions).toEqual([...positions].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
      expect(new Set(positions).size).toBe(positions.length);
    });

    it('given stream metadata set, when $all is read backwards, then the $metadata event of $$<stream> is there', async () => {
      const stream = uniqueStream();
      await client().setStreamMetadata(stream, { maxCount: 10 });

      const recent = await drain(client().readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 20 }));

      expect(recent.some((e) => e.event!.streamId === `$$${stream}` && e.event!.type === '$metadata')).toBe(true);
    });
  });

  describe('deleting', () => {
    it('given a stream, when soft-deleted, then reads find no stream and the metadata holds $tb', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(2));

      await client().deleteStream(stream, { expectedRevision: 1n });

      expect(await rejectionOf(drain(client().readStream(stream)))).toBeInstanceOf(StreamNotFoundError);
      const { metadata } = await client().getStreamMetadata(stream);
      expect(Number(metadata?.truncateBefore)).toBeGreaterThan(2 ** 62);
    });

    it('given a stream at revision 1, when deleted expecting revision 0, then the conflict comes in the trailers with expected and actual', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(2));

      const error = await rejectionOf(client().deleteStream(stream, { expectedRevision: 0n }));

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(error).toMatchObject({ streamName: stream, expectedVersion: 0n, actualVersion: 1n });
      expect(await drain(client().readStream(stream))).toHaveLength(2);
    });

    it('given a stream, when tombstoned, then reads fail as deleted and $all holds its $streamDeleted event', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(1));

      const { position } = await client().tombstoneStream(stream, { expectedRevision: 0n });

      const error = await rejectionOf(drain(client().readStream(stream)));
      expect(error).toBeInstanceOf(StreamDeletedError);
      expect((error as StreamDeletedError).streamName).toBe(stream);
      const [tombstone] = await drain(client().readAll({ fromPosition: position!, maxCount: 1 }));
      expect(tombstone!.event).toMatchObject({ streamId: stream, type: '$streamDeleted' });
    });

    it('given a tombstoned stream, when tombstoned or deleted again, then it fails as deleted', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(1));
      await client().tombstoneStream(stream);

      expect(await rejectionOf(client().tombstoneStream(stream))).toBeInstanceOf(StreamDeletedError);
      expect(await rejectionOf(client().deleteStream(stream))).toBeInstanceOf(StreamDeletedError);
    });

    it('given no stream, when tombstoned expecting revision 0, then it is a conflict whose actual version is -1 (no stream)', async () => {
      const error = await rejectionOf(client().tombstoneStream(uniqueStream(), { expectedRevision: 0n }));

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect((error as WrongExpectedVersionError).actualVersion).toBe(-1n);
    });
  });
});
