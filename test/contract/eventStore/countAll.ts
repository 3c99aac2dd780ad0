import { describe, expect, it } from 'vitest';
import type { EventFilter, ReadAllOptions } from '../../../src/store/port.js';
import type { StoreFixtureFactory } from './kit.js';
import { anEvent, rejectionOf, someEvents, uniqueCategory, uniqueSuffix, useStore } from './kit.js';

const byCategory = (...categories: string[]): EventFilter => ({ by: 'category', categories });
const byType = (...types: string[]): EventFilter => ({ by: 'eventType', types });

/**
 * countAll must agree with readAll: the store may hold other streams (a
 * shared server, other tests), so counts are either narrowed to this test's
 * own category or types, or compared with a readAll of the same filter.
 */
export const describeCountAllContract = (factory: StoreFixtureFactory): void => {
  describe('counting all', () => {
    const store = useStore(factory);

    /** What readAll with the same filter returns, in countAll's terms. */
    const readAllCount = async (filter?: EventFilter): Promise<{ count: number; lastPosition: number }> => {
      const options: ReadAllOptions = filter === undefined ? {} : { filter };
      const read = await store().readAll(options);
      return { count: read.length, lastPosition: read.at(-1)?.position ?? -1 };
    };

    /** Seven events: five over two streams of a category (two types, interleaved), then two in another category. */
    const givenTwoCategories = async (): Promise<{ category: string; other: string; opened: string; closed: string }> => {
      const category = uniqueCategory('count');
      const other = uniqueCategory('countother');
      const suffix = uniqueSuffix();
      const [opened, closed] = [`Opened${suffix}`, `Closed${suffix}`];
      await store().appendToStream(`${category}-a`, [anEvent(opened), anEvent(closed)]);
      await store().appendToStream(`${other}-1`, [anEvent(opened)]);
      await store().appendToStream(`${category}-b`, [anEvent(opened)]);
      await store().appendToStream(`${category}-a`, [anEvent(opened)]);
      await store().appendToStream(`${other}-2`, [anEvent(closed)]);
      await store().appendToStream(`${category}-b`, [anEvent(closed)]);
      return { category, other, opened, closed };
    };

    it('given no event of a category, when counted by it, then the count is 0 and the last position -1', async () => {
      await store().appendToStream(`${uniqueCategory('elsewhere')}-1`, someEvents(2));

      const counted = await store().countAll({ filter: byCategory(uniqueCategory('nothing')) });

      expect(counted).toEqual({ count: 0, lastPosition: -1 });
    });

    it('given no event of a type, when counted by it, then the count is 0 and the last position -1', async () => {
      await store().appendToStream(`${uniqueCategory('elsewhere')}-1`, someEvents(2));

      const counted = await store().countAll({ filter: byType(`Never${uniqueSuffix()}`) });

      expect(counted).toEqual({ count: 0, lastPosition: -1 });
    });

    it('given an empty filter list, when counted, then nothing matches, as nothing is read', async () => {
      await store().appendToStream(`${uniqueCategory('elsewhere')}-1`, someEvents(2));

      expect(await store().countAll({ filter: byCategory() })).toEqual({ count: 0, lastPosition: -1 });
      expect(await store().countAll({ filter: byType() })).toEqual({ count: 0, lastPosition: -1 });
      expect(await readAllCount(byCategory())).toEqual({ count: 0, lastPosition: -1 });
    });

    it('given whatever the store holds, when counted without a filter, then the count and last position are those of readAll at that moment', async () => {
      const before = await store().countAll();
      expect(before).toEqual(await readAllCount());

      await givenTwoCategories();
      const after = await store().countAll();

      expect(after).toEqual(await readAllCount());
      expect(after.count).toBeGreaterThanOrEqual(before.count + 7);
    });

    it('given events of two categories, when counted by one, then it is the number readAll returns with that filter and the last position is that of its last event', async () => {
      const { category } = await givenTwoCategories();

      const counted = await store().countAll({ filter: byCategory(category) });

      const read = await store().readAll({ filter: byCategory(category) });
      expect(read).toHaveLength(5);
      expect(counted).toEqual({ count: 5, lastPosition: read.at(-1)!.position });
    });

    it('given events of two types, when counted by one type, then it is the number readAll returns with that filter and the last position is that of its last event', async () => {
      const { opened, closed } = await givenTwoCategories();

      const openedCount = await store().countAll({ filter: byType(opened) });
      const closedCount = await store().countAll({ filter: byType(closed) });

      expect(openedCount).toEqual({ count: 4, lastPosition: (await readAllCount(byType(opened))).lastPosition });
      expect(closedCount).toEqual({ count: 3, lastPosition: (await readAllCount(byType(closed))).lastPosition });
    });

    it('given events of two types, when counted by both, then every event of either counts', async () => {
      const { opened, closed } = await givenTwoCategories();

      const counted = await store().countAll({ filter: byType(opened, closed) });

      expect(counted.count).toBe(7);
      expect(counted).toEqual(await readAllCount(byType(opened, closed)));
    });

    it('given several categories, when counted by two of them, then the events of both count, the last being the newest of either', async () => {
      const { category, other } = await givenTwoCategories();
      await store().appendToStream(`${uniqueCategory('third')}-1`, someEvents(3));
      const last = await store().appendToStream(`${other}-3`, someEvents(1));

      const counted = await store().countAll({ filter: byCategory(category, other) });

      expect(counted).toEqual({ count: 8, lastPosition: last.position });
      expect(counted).toEqual(await readAllCount(byCategory(category, other)));
    });

    it('given a category named twice in the filter, when counted, then each event counts once, as readAll returns it once', async () => {
      const { category } = await givenTwoCategories();

      const counted = await store().countAll({ filter: byCategory(category, category) });

      expect(counted).toEqual(await store().countAll({ filter: byCategory(category) }));
      expect(counted).toEqual(await readAllCount(byCategory(category, category)));
    });

    it('given streams whose names only start like the category, when counted by it, then only the category and the stream named exactly so count', async () => {
      const category = uniqueCategory('cat');
      await store().appendToStream(`${category}-1`, someEvents(2));
      await store().appendToStream(`${category}x-1`, someEvents(1));
      await store().appendToStream(`${category}_2-1`, someEvents(1));
      const exact = await store().appendToStream(category, someEvents(1));
      await store().appendToStream(`${category}x`, someEvents(1));

      const counted = await store().countAll({ filter: byCategory(category) });
      const byStreamName = await store().countAll({ filter: byCategory(`${category}-1`) });

      expect(counted).toEqual({ count: 3, lastPosition: exact.position });
      expect(counted).toEqual(await readAllCount(byCategory(category)));
      // A category holds no '-': naming a stream finds nothing, as readAll finds nothing.
      expect(byStreamName).toEqual({ count: 0, lastPosition: -1 });
      expect(await readAllCount(byCategory(`${category}-1`))).toEqual(byStreamName);
    });

    it('given a count, when more events of the category are appended, then a new count grows by exactly their number and ends at the last of them', async () => {
      const category = uniqueCategory('grow');
      await store().appendToStream(`${category}-1`, someEvents(4));
      const before = await store().countAll({ filter: byCategory(category) });

      await store().appendToStream(`${uniqueCategory('elsewhere')}-1`, someEvents(2));
      await store().appendToStream(`${category}-2`, someEvents(2));
      const appended = await store().appendToStream(`${category}-1`, someEvents(1));
      const after = await store().countAll({ filter: byCategory(category) });

      expect(before.count).toBe(4);
      expect(after).toEqual({ count: 7, lastPosition: appended.position });
      expect(after.lastPosition).toBeGreaterThan(before.lastPosition);
    });

    it('given events in a $-named stream and of a $-prefixed type, when counted, then they count exactly when readAll returns them', async () => {
      const category = uniqueCategory('dollar');
      const type = `$Dollar${uniqueSuffix()}`;
      await store().appendToStream(`$${category}-1`, [anEvent('Plain')]);
      await store().appendToStream(`${category}-1`, [anEvent(type), anEvent('Plain')]);

      for (const filter of [byCategory(`$${category}`), byCategory(category), byType(type)]) {
        expect(await store().countAll({ filter })).toEqual(await readAllCount(filter));
      }
      expect(await store().countAll()).toEqual(await readAllCount());
    });

    it('given a closed store, when counted, then it rejects with STORE_CLOSED, the error readAll gives', async () => {
      await store().appendToStream(`${uniqueCategory('closed')}-1`, someEvents(1));
      await store().close();

      const fromCount = await rejectionOf(store().countAll(), 'STORE_CLOSED');
      const fromFilteredCount = await rejectionOf(store().countAll({ filter: byCategory('closed') }), 'STORE_CLOSED');
      const fromRead = await rejectionOf(store().readAll(), 'STORE_CLOSED');

      expect(fromCount).toBeInstanceOf(fromRead.constructor);
      expect(fromFilteredCount).toBeInstanceOf(fromRead.constructor);
    });
  });
};
