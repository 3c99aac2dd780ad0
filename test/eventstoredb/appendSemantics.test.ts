import { randomUUID } from 'node:crypto';
import {
  MaxAppendSizeExceededError,
  StreamDeletedError,
  StreamNotFoundError,
  WrongExpectedVersionError,
  jsonEvent,
} from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { appendPaths, drain, rejectionOf, revisions, testEvents, uniqueStream, useClient } from './support/client.js';

/**
 * How EventStoreDB appends, through the real client, over both of its append
 * calls. Runs against the in-process server, or a real server when
 * EVENTSTORE_CONNECTION_STRING is set.
 */
describe.each(appendPaths)('EventStoreDB appends through $name', ({ options }) => {
  const { client } = useClient();

  describe('expected revisions', () => {
    it('given no stream, when appending with no_stream, then revisions start at 0 and the position is the last event’s', async () => {
      const stream = uniqueStream();

      const result = await client().appendToStream(stream, testEvents(3), { ...options, expectedRevision: 'no_stream' });

      expect(result.nextExpectedRevision).toBe(2n);
      const read = await drain(client().readStream(stream));
      expect(revisions(read)).toEqual([0n, 1n, 2n]);
      expect(read[2]!.event!.position).toEqual(result.position);
      expect(result.position!.commit).toBe(result.position!.prepare);
    });

    it('given a stream, when appending with no_stream, then it is a conflict naming the actual revision and nothing is written', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(2), options);

      const error = await rejectionOf(client().appendToStream(stream, testEvents(1), { ...options, expectedRevision: 'no_stream' }));

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect((error as WrongExpectedVersionError).expectedVersion).toBe('no_stream');
      expect((error as WrongExpectedVersionError).actualVersion).toBe(1n);
      expect(await drain(client().readStream(stream))).toHaveLength(2);
    });

    it('given a stream at revision 1, when appending expecting 1, then it succeeds; expecting 0 or 5, it is a conflict with expected and actual', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(2), options);

      const ok = await client().appendToStream(stream, testEvents(1), { ...options, expectedRevision: 1n });
      const behind = await rejectionOf(client().appendToStream(stream, testEvents(1), { ...options, expectedRevision: 0n }));
      const ahead = await rejectionOf(client().appendToStream(stream, testEvents(1), { ...options, expectedRevision: 5n }));

      expect(ok.nextExpectedRevision).toBe(2n);
      expect(behind).toMatchObject({ expectedVersion: 0n, actualVersion: 2n });
      expect(ahead).toMatchObject({ expectedVersion: 5n, actualVersion: 2n });
      expect(behind).toBeInstanceOf(WrongExpectedVersionError);
    });

    it('given no stream, when appending expecting a revision, then the conflict reports no_stream as the actual state', async () => {
      const error = await rejectionOf(client().appendToStream(uniqueStream(), testEvents(1), { ...options, expectedRevision: 0n }));

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect((error as WrongExpectedVersionError).actualVersion).toBe('no_stream');
    });

    it('given no stream, when appending with stream_exists, then it is a conflict; given a stream, it succeeds', async () => {
      const stream = uniqueStream();

      const missing = await rejectionOf(client().appendToStream(stream, testEvents(1), { ...options, expectedRevision: 'stream_exists' }));
      await client().appendToStream(stream, testEvents(1), options);
      const exists = await client().appendToStream(stream, testEvents(1), { ...options, expectedRevision: 'stream_exists' });

      expect(missing).toBeInstanceOf(WrongExpectedVersionError);
      expect((missing as WrongExpectedVersionError).expectedVersion).toBe('stream_exists');
      expect(exists.nextExpectedRevision).toBe(1n);
    });

    it('given any stream state, when appending with any, then it succeeds', async () => {
      const stream = uniqueStream();

      const first = await client().appendToStream(stream, testEvents(1), { ...options, expectedRevision: 'any' });
      const second = await client().appendToStream(stream, testEvents(1), { ...options, expectedRevision: 'any' });

      expect([first.nextExpectedRevision, second.nextExpectedRevision]).toEqual([0n, 1n]);
      expect(second.position!.commit).toBeGreaterThan(first.position!.commit);
    });
  });

  describe('idempotency by event id', () => {
    it('given an append, when the same events are sent again with the same exact expected revision, then the first result comes back and nothing is added', async () => {
      const stream = uniqueStream();
      const events = testEvents(3);
      const first = await client().appendToStream(stream, events, { ...options, expectedRevision: 'no_stream' });

      const again = await client().appendToStream(stream, events, { ...options, expectedRevision: 'no_stream' });

      expect(again).toEqual(first);
      expect(await drain(client().readStream(stream))).toHaveLength(3);
    });

    it('given an append, when the same events are sent again with any, then nothing is added', async () => {
      const stream = uniqueStream();
      const events = testEvents(2);
      const first = await client().appendToStream(stream, events, options);
      await client().appendToStream(stream, testEvents(1), options);

      const again = await client().appendToStream(stream, events, options);

      expect(again.nextExpectedRevision).toBe(first.nextExpectedRevision);
      expect(await drain(client().readStream(stream))).toHaveLength(3);
    });

    it('given an append, when a batch repeats its first event id but not the others, then it is a conflict', async () => {
      const stream = uniqueStream();
      const events = testEvents(2);
      await client().appendToStream(stream, events, { ...options, expectedRevision: 'no_stream' });

      const error = await rejectionOf(
        client().appendToStream(stream, [events[0]!, jsonEvent({ type: 'Other', data: {} })], { ...options, expectedRevision: 'no_stream' }),
      );

      expect(error).toBeInstanceOf(WrongExpectedVersionError);
      expect(await drain(client().readStream(stream))).toHaveLength(2);
    });

    it('given an event id used in one stream, when appended to another stream, then it is written there too', async () => {
      const id = randomUUID();
      const [a, b] = [uniqueStream(), uniqueStream()];

      await client().appendToStream(a, jsonEvent({ id, type: 'Shared', data: {} }), options);
      await client().appendToStream(b, jsonEvent({ id, type: 'Shared', data: {} }), options);

      expect((await drain(client().readStream(b)))[0]!.event!.id).toBe(id);
    });
  });

  describe('limits and deleted streams', () => {
    it('given a batch over the 1 MiB maximum append size, when appended, then it is refused and nothing is written', async () => {
      const stream = uniqueStream();
      const big = 'x'.repeat(300 * 1024);

      const error = await rejectionOf(
        client().appendToStream(stream, [0, 1, 2, 3].map((i) => jsonEvent({ type: 'Big', data: { i, big } })), options),
      );

      expect(error).toBeInstanceOf(MaxAppendSizeExceededError);
      expect((error as MaxAppendSizeExceededError).maxAppendSize).toBe(1024 * 1024);
      expect(await rejectionOf(drain(client().readStream(stream)))).toBeInstanceOf(StreamNotFoundError);
    });

    it('given a tombstoned stream, when appended to with any expected revision, then it fails as deleted', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(1), options);
      await client().tombstoneStream(stream);

      const error = await rejectionOf(client().appendToStream(stream, testEvents(1), options));

      expect(error).toBeInstanceOf(StreamDeletedError);
      expect((error as StreamDeletedError).streamName).toBe(stream);
    });

    it('given a soft-deleted stream, when appended to with no_stream, then it is recreated and numbering continues', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(2), options);
      await client().deleteStream(stream);

      const result = await client().appendToStream(stream, testEvents(3), { ...options, expectedRevision: 'no_stream' });

      expect(result.nextExpectedRevision).toBe(4n);
      expect(revisions(await drain(client().readStream(stream)))).toEqual([2n, 3n, 4n]);
      expect((await client().getStreamMetadata(stream)).metadata?.truncateBefore).toBe(2);
      // Recreation is for the first write only.
      expect(await rejectionOf(client().appendToStream(stream, testEvents(1), { ...options, expectedRevision: 'no_stream' }))).toBeInstanceOf(
        WrongExpectedVersionError,
      );
    });

    it('given a soft-deleted stream, when appended to expecting its last revision, then it is recreated', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(2), options);
      await client().deleteStream(stream, { expectedRevision: 1n });

      const result = await client().appendToStream(stream, testEvents(1), { ...options, expectedRevision: 1n });

      expect(result.nextExpectedRevision).toBe(2n);
      expect(revisions(await drain(client().readStream(stream)))).toEqual([2n]);
    });

    it('given a soft-deleted stream, when appended to with stream_exists, then it fails as deleted', async () => {
      const stream = uniqueStream();
      await client().appendToStream(stream, testEvents(1), options);
      await client().deleteStream(stream);

      const error = await rejectionOf(client().appendToStream(stream, testEvents(1), { ...options, expectedRevision: 'stream_exists' }));

      expect(error).toBeInstanceOf(StreamDeletedError);
    });
  });
});
