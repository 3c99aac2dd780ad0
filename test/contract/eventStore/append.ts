import { describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from '../../../src/store/errors.js';
import type { EventToAppend, ExpectedRevision } from '../../../src/store/port.js';
import type { StoreFixtureFactory } from './kit.js';
import {
  anEvent,
  expectStrictlyIncreasing,
  ids,
  inCategory,
  rejectionOf,
  someEvents,
  uniqueCategory,
  useStore,
} from './kit.js';

export const describeAppendContract = (factory: StoreFixtureFactory): void => {
  describe('appending', () => {
    const store = useStore(factory);

    it('given a new stream, when a batch is appended, then revisions start at 0 and the result names the last event', async () => {
      const stream = `${uniqueCategory('append')}-1`;
      const batch = someEvents(3);

      const result = await store().appendToStream(stream, batch);

      const read = await store().readStream(stream);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2]);
      expect(ids(read)).toEqual(ids(batch));
      expect(read.every((e) => e.streamName === stream && e.type === 'Something')).toBe(true);
      expect(result.nextExpectedRevision).toBe(2);
      expect(result.position).toBe(read[2]!.position);
    });

    it('given a stream with events, when more are appended, then revisions continue without a gap', async () => {
      const stream = `${uniqueCategory('append')}-1`;
      await store().appendToStream(stream, someEvents(2));

      const result = await store().appendToStream(stream, someEvents(2, 'Something', 2));

      const read = await store().readStream(stream);
      expect(read.map((e) => e.revision)).toEqual([0, 1, 2, 3]);
      expect(read.map((e) => e.data['n'])).toEqual([0, 1, 2, 3]);
      expect(result.nextExpectedRevision).toBe(3);
    });

    it('given appends to several streams, then positions grow strictly in the order of the appends', async () => {
      const category = uniqueCategory('append');
      const [a, b] = [`${category}-a`, `${category}-b`];

      const r1 = await store().appendToStream(a, someEvents(2));
      const r2 = await store().appendToStream(b, someEvents(1));
      const r3 = await store().appendToStream(a, someEvents(1));

      const readA = await store().readStream(a);
      const readB = await store().readStream(b);
      const positions = [readA[0]!, readA[1]!, readB[0]!, readA[2]!].map((e) => e.position);
      expectStrictlyIncreasing(positions);
      expect([r1.position, r2.position, r3.position]).toEqual([positions[1], positions[2], positions[3]]);
    });

    describe('with an expected revision', () => {
      const accepted: [string, number, ExpectedRevision][] = [
        ['no_stream on a missing stream', 0, 'no_stream'],
        ['stream_exists on a stream with events', 2, 'stream_exists'],
        ['the exact last revision', 2, 1],
        ['any on a missing stream', 0, 'any'],
        ['any on a stream with events', 2, 'any'],
      ];
      it.each(accepted)('given %s, when one event is appended, then it is accepted', async (_, existing, expectedRevision) => {
        const stream = `${uniqueCategory('expected')}-1`;
        if (existing > 0) await store().appendToStream(stream, someEvents(existing));

        const result = await store().appendToStream(stream, [anEvent('Accepted')], { expectedRevision });

        expect(result.nextExpectedRevision).toBe(existing);
        const read = await store().readStream(stream, { direction: 'backwards', maxCount: 1 });
        expect(read[0]!.type).toBe('Accepted');
        expect(read[0]!.revision).toBe(existing);
      });

      const refused: [string, number, ExpectedRevision, ExpectedRevision | 'no_stream'][] = [
        ['no_stream, but the stream has events', 2, 'no_stream', 1],
        ['stream_exists, but the stream is missing', 0, 'stream_exists', 'no_stream'],
        ['an exact revision, but the stream is missing', 0, 0, 'no_stream'],
        ['an exact revision that is stale', 3, 1, 2],
        ['an exact revision ahead of the stream', 1, 4, 0],
      ];
      it.each(refused)(
        'given %s, when appending, then WrongExpectedRevisionError names both revisions and nothing is written',
        async (_, existing, expectedRevision, actual) => {
          const stream = `${uniqueCategory('expected')}-1`;
          if (existing > 0) await store().appendToStream(stream, someEvents(existing));

          const error = await rejectionOf(
            store().appendToStream(stream, [anEvent('Refused')], { expectedRevision }),
            'WRONG_EXPECTED_REVISION',
          );

          expect(error).toBeInstanceOf(WrongExpectedRevisionError);
          expect(error).toMatchObject({ streamName: stream, expected: expectedRevision, actual });
          const read = await store().readStream(stream);
          expect(read).toHaveLength(existing);
        },
      );

      it('given no options, when appending to any stream, then no check is made', async () => {
        const stream = `${uniqueCategory('expected')}-1`;
        await store().appendToStream(stream, someEvents(1));
        await store().appendToStream(stream, someEvents(1));
        expect(await store().readStream(stream)).toHaveLength(2);
      });
    });

    it('given a stream at revision 0, when five writers append concurrently expecting revision 0, then exactly one succeeds', async () => {
      const stream = `${uniqueCategory('race')}-1`;
      await store().appendToStream(stream, someEvents(1));
      const contenders = Array.from({ length: 5 }, (_, i) => anEvent('Contender', { i }));

      const outcomes = await Promise.allSettled(
        contenders.map((e) => store().appendToStream(stream, [e], { expectedRevision: 0 })),
      );

      const winners = outcomes.flatMap((o, i) => (o.status === 'fulfilled' ? [contenders[i]!.id] : []));
      expect(winners).toHaveLength(1);
      for (const o of outcomes) {
        if (o.status === 'rejected') expect(o.reason).toBeInstanceOf(WrongExpectedRevisionError);
      }
      const read = await store().readStream(stream);
      expect(ids(read)).toEqual([read[0]!.id, winners[0]]);
    });

    it('given a missing stream, when five writers create it concurrently with no_stream, then exactly one succeeds', async () => {
      const stream = `${uniqueCategory('race')}-1`;

      const outcomes = await Promise.allSettled(
        Array.from({ length: 5 }, () => store().appendToStream(stream, someEvents(2), { expectedRevision: 'no_stream' })),
      );

      expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(1);
      expect(await store().readStream(stream)).toHaveLength(2);
    });

    describe('a refused batch writes nothing', () => {
      const snapshot = async (stream: string, category: string, from: number) => ({
        stream: ids(await store().readStream(stream)),
        all: ids((await store().readAll({ fromPosition: from })).filter(inCategory(category))),
      });

      const refusals: [string, (stream: string) => Promise<unknown>, 'WRONG_EXPECTED_REVISION' | 'INVALID_APPEND'][] = [
        [
          'a stale expected revision',
          (s) => store().appendToStream(s, someEvents(3), { expectedRevision: 0 }),
          'WRONG_EXPECTED_REVISION',
        ],
        [
          'one invalid event among valid ones',
          (s) =>
            store().appendToStream(s, [anEvent('Valid'), { ...anEvent('Valid'), type: '' }, anEvent('Valid')], {
              expectedRevision: 1,
            }),
          'INVALID_APPEND',
        ],
      ];
      it.each(refusals)(
        'given a stream of two events, when a batch with %s is refused, then the stream and $all are unchanged and the next append continues at revision 2',
        async (_, refusedAppend, code) => {
          const category = uniqueCategory('atomic');
          const stream = `${category}-1`;
          const first = await store().appendToStream(stream, someEvents(2));
          const from = (await store().readStream(stream))[0]!.position;
          const before = await snapshot(stream, category, from);

          await rejectionOf(refusedAppend(stream), code);

          expect(await snapshot(stream, category, from)).toEqual(before);
          const next = await store().appendToStream(stream, someEvents(1), { expectedRevision: first.nextExpectedRevision });
          expect(next.nextExpectedRevision).toBe(2);
        },
      );
    });

    describe('bad input is refused with INVALID_APPEND', () => {
      const valid = (): EventToAppend => anEvent('Valid');
      const badBatches: [string, () => unknown[]][] = [
        ['an empty batch', () => []],
        ['an event without id', () => [{ type: 'T', data: {}, metadata: {} }]],
        ['an event with an empty id', () => [{ ...valid(), id: '' }]],
        ['an event without type', () => [{ id: valid().id, data: {}, metadata: {} }]],
        ['an event with an empty type', () => [{ ...valid(), type: '' }]],
        ['an event whose data is an array', () => [{ ...valid(), data: [1, 2] }]],
        ['an event whose data is null', () => [{ ...valid(), data: null }]],
        ['an event without metadata', () => [{ id: valid().id, type: 'T', data: {} }]],
      ];
      it.each(badBatches)('given a missing stream, when %s is appended, then INVALID_APPEND and the stream stays missing', async (_, batch) => {
        const stream = `${uniqueCategory('invalid')}-1`;

        await rejectionOf(store().appendToStream(stream, batch() as EventToAppend[]), 'INVALID_APPEND');

        expect(await store().readStream(stream)).toEqual([]);
      });

      it('given a stream with events, when an empty batch is appended (even with the right revision), then INVALID_APPEND and nothing changes', async () => {
        const stream = `${uniqueCategory('invalid')}-1`;
        await store().appendToStream(stream, someEvents(2));

        await rejectionOf(store().appendToStream(stream, [], { expectedRevision: 1 }), 'INVALID_APPEND');

        expect(await store().readStream(stream)).toHaveLength(2);
      });

      const badRevisions: unknown[] = [-1, 1.5, Number.NaN, 'latest'];
      it.each(badRevisions)('given expected revision %s, when appending, then INVALID_APPEND', async (expectedRevision) => {
        const stream = `${uniqueCategory('invalid')}-1`;

        await rejectionOf(
          store().appendToStream(stream, [valid()], { expectedRevision: expectedRevision as ExpectedRevision }),
          'INVALID_APPEND',
        );

        expect(await store().readStream(stream)).toEqual([]);
      });

      it('given an empty stream name, when appending, then INVALID_APPEND', async () => {
        await rejectionOf(store().appendToStream('', [valid()]), 'INVALID_APPEND');
      });
    });
  });
};
