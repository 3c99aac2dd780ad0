import { describe, expect, it } from 'vitest';
import type { EventToAppend, RecordedEvent } from '../../../src/store/port.js';
import type { StoreFixtureFactory } from './kit.js';
import { anEvent, expectStrictlyIncreasing, ids, inCategory, uniqueCategory, uniqueSuffix, useStore } from './kit.js';

/**
 * The store may hold other streams (a shared server, other tests), so every
 * assertion narrows $all to this test's category, or compares two reads of
 * the same range, which later appends elsewhere cannot change.
 */
export const describeReadAllContract = (factory: StoreFixtureFactory): void => {
  describe('reading all', () => {
    const store = useStore(factory);

    interface Given {
      readonly category: string;
      readonly opened: string;
      readonly closed: string;
      /** Appended events in append order. */
      readonly appended: EventToAppend[];
      readonly firstPosition: number;
      /** Position of an event appended after the others, in another category. */
      readonly sentinelPosition: number;
    }

    /** Six events over streams a and b, interleaved, with two event types unique to the test. */
    const givenInterleavedStreams = async (): Promise<Given> => {
      const category = uniqueCategory('all');
      const suffix = uniqueSuffix();
      const [opened, closed] = [`Opened${suffix}`, `Closed${suffix}`];
      const plan: [string, EventToAppend[]][] = [
        ['a', [anEvent(opened, { n: 0 }), anEvent(closed, { n: 1 })]],
        ['b', [anEvent(opened, { n: 2 })]],
        ['a', [anEvent(opened, { n: 3 })]],
        ['b', [anEvent(closed, { n: 4 }), anEvent(opened, { n: 5 })]],
      ];
      for (const [stream, events] of plan) await store().appendToStream(`${category}-${stream}`, events);
      const firstPosition = (await store().readStream(`${category}-a`, { maxCount: 1 }))[0]!.position;
      const sentinel = await store().appendToStream(`${uniqueCategory('sentinel')}-1`, [anEvent('Sentinel')]);
      return {
        category,
        opened,
        closed,
        appended: plan.flatMap(([, events]) => events),
        firstPosition,
        sentinelPosition: sentinel.position,
      };
    };
    const ns = (events: readonly RecordedEvent[]): unknown[] => events.map((e) => e.data['n']);

    it('given interleaved appends, when all is read forwards from the first of them, then they come in append order with growing positions', async () => {
      const given = await givenInterleavedStreams();

      const read = await store().readAll({ fromPosition: given.firstPosition });

      const mine = read.filter(inCategory(given.category));
      expect(ids(mine)).toEqual(ids(given.appended));
      expect(read[0]!.position).toBe(given.firstPosition);
      expectStrictlyIncreasing(read.map((e) => e.position));
      expect(mine.map((e) => `${e.streamName.slice(-1)}${e.revision}`)).toEqual(['a0', 'a1', 'b0', 'a2', 'b1', 'b2']);
    });

    it('given interleaved appends, when all is read with no options, then they are found in append order', async () => {
      const given = await givenInterleavedStreams();

      const read = await store().readAll();

      expect(ids(read.filter(inCategory(given.category)))).toEqual(ids(given.appended));
      expectStrictlyIncreasing(read.map((e) => e.position));
    });

    it('given interleaved appends, when all is read backwards from a later position, then that position is excluded and the events come in reverse order', async () => {
      const given = await givenInterleavedStreams();

      const read = await store().readAll({ direction: 'backwards', fromPosition: given.sentinelPosition, maxCount: 1_000 });

      expect(read[0]!.position).toBeLessThan(given.sentinelPosition);
      expect(ids(read.filter(inCategory(given.category)))).toEqual(ids(given.appended).reverse());
      expectStrictlyIncreasing(read.map((e) => e.position).reverse());
    });

    it('given interleaved appends, when all is read backwards from the end, then the newest come first: the sentinel, then these in reverse', async () => {
      const given = await givenInterleavedStreams();

      const read = await store().readAll({ direction: 'backwards', maxCount: 1_000 });

      const sentinelIndex = read.findIndex((e) => e.position === given.sentinelPosition);
      const firstMine = read.findIndex(inCategory(given.category));
      expect(sentinelIndex).toBeGreaterThanOrEqual(0);
      expect(sentinelIndex).toBeLessThan(firstMine);
      expect(ids(read.filter(inCategory(given.category)))).toEqual(ids(given.appended).reverse());
      expectStrictlyIncreasing(read.map((e) => e.position).reverse());
    });

    it('given interleaved appends, when all is read forwards with a count, then it is the head of the same range read without one', async () => {
      const given = await givenInterleavedStreams();

      const limited = await store().readAll({ fromPosition: given.firstPosition, maxCount: 2 });
      const wide = await store().readAll({ fromPosition: given.firstPosition, maxCount: 50 });

      expect(limited).toHaveLength(2);
      expect(ids(limited)).toEqual(ids(wide.slice(0, 2)));
      expect(limited[0]!.id).toBe(given.appended[0]!.id);
    });

    it('given interleaved appends, when all is read backwards with a count, then it is the head of the same range read without one', async () => {
      const given = await givenInterleavedStreams();

      const limited = await store().readAll({ direction: 'backwards', fromPosition: given.sentinelPosition, maxCount: 3 });
      const wide = await store().readAll({ direction: 'backwards', fromPosition: given.sentinelPosition, maxCount: 50 });

      expect(limited).toHaveLength(3);
      expect(ids(limited)).toEqual(ids(wide.slice(0, 3)));
    });

    describe('with a filter', () => {
      it('given two categories, when all is read filtered by one, then only its events come, in order', async () => {
        const given = await givenInterleavedStreams();
        const other = uniqueCategory('other');
        await store().appendToStream(`${other}-1`, [anEvent('Other')]);

        const read = await store().readAll({ fromPosition: given.firstPosition, filter: { by: 'category', categories: [given.category] } });

        expect(ids(read)).toEqual(ids(given.appended));
      });

      it('given several categories, when filtered by two of them, then events of both come', async () => {
        const given = await givenInterleavedStreams();
        const other = uniqueCategory('other');
        const otherEvent = anEvent('Other');
        await store().appendToStream(`${other}-1`, [otherEvent]);

        const read = await store().readAll({
          fromPosition: given.firstPosition,
          filter: { by: 'category', categories: [given.category, other] },
        });

        expect(ids(read)).toEqual([...ids(given.appended), otherEvent.id]);
      });

      it('given streams whose names only start like the category, when filtered by it, then only the category and the stream named exactly so come', async () => {
        const category = uniqueCategory('cat');
        const start = await store().readAll({ direction: 'backwards', maxCount: 1 });
        const inCategory = anEvent('In');
        const exactName = anEvent('Exact');
        await store().appendToStream(`${category}-1`, [inCategory]);
        await store().appendToStream(`${category}x-1`, [anEvent('LongerName')]);
        await store().appendToStream(`${category}_2-1`, [anEvent('Suffixed')]);
        await store().appendToStream(category, [exactName]);

        const read = await store().readAll({
          fromPosition: start.length === 0 ? 'start' : start[0]!.position + 1,
          filter: { by: 'category', categories: [category, `${category}-1`] },
        });

        expect(ids(read)).toEqual([inCategory.id, exactName.id]);
      });

      it('given two event types, when all is read filtered by one type, then only those events come, in order', async () => {
        const given = await givenInterleavedStreams();

        const read = await store().readAll({ fromPosition: given.firstPosition, filter: { by: 'eventType', types: [given.closed] } });

        expect(ns(read)).toEqual([1, 4]);
      });

      it('given a filter and a count, when read forwards, then the count applies to the matching events', async () => {
        const given = await givenInterleavedStreams();

        const read = await store().readAll({
          fromPosition: given.firstPosition,
          maxCount: 3,
          filter: { by: 'eventType', types: [given.opened] },
        });

        expect(ns(read)).toEqual([0, 2, 3]);
      });

      it('given a filter and a count, when read backwards, then the newest matching events come first', async () => {
        const given = await givenInterleavedStreams();

        const read = await store().readAll({
          direction: 'backwards',
          maxCount: 2,
          filter: { by: 'category', categories: [given.category] },
        });

        expect(ns(read)).toEqual([5, 4]);
      });
    });
  });
};
