import { tap } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { EventFilter, EventToAppend, RecordedEvent } from '../../../src/store/port.js';
import type { StoreFixtureFactory } from './kit.js';
import {
  anEvent,
  collect,
  eventually,
  expectStrictlyIncreasing,
  ids,
  someEvents,
  uniqueCategory,
  uniqueSuffix,
  useStore,
} from './kit.js';

const byCategory = (category: string): EventFilter => ({ by: 'category', categories: [category] });

export const describeSubscribeContract = (factory: StoreFixtureFactory): void => {
  describe('subscribing to all', () => {
    const store = useStore(factory);

    /** Appends `batches` batches of `size` events, alternating between two streams of the category. */
    const givenHistory = async (category: string, batches: number, size: number): Promise<EventToAppend[]> => {
      const appended: EventToAppend[] = [];
      for (let b = 0; b < batches; b++) {
        const batch = someEvents(size, 'History', b * size);
        await store().appendToStream(`${category}-${b % 2}`, batch);
        appended.push(...batch);
      }
      return appended;
    };

    it('given history, when subscribed from start and more is appended while the history is still being delivered, then every event arrives once, in order', async () => {
      const category = uniqueCategory('seam');
      const history = await givenHistory(category, 8, 25);
      const live = someEvents(20, 'Live');
      let liveAppends: Promise<void> | undefined;

      const received = await collect(
        store()
          .subscribeToAll({ fromPosition: 'start', filter: byCategory(category) })
          .pipe(
            tap(() => {
              // Start appending on the first delivered event: the catch-up is in progress.
              liveAppends ??= (async () => {
                for (const [i, e] of live.entries()) await store().appendToStream(`${category}-${i % 3}`, [e]);
              })();
            }),
          ),
        history.length + live.length,
      );
      await liveAppends;

      expect(ids(received)).toEqual(ids([...history, ...live]));
      expectStrictlyIncreasing(received.map((e) => e.position));
    });

    it('given a subscriber that appends from inside its own handler, then the events it appends arrive once each, in order', async () => {
      const category = uniqueCategory('reentrant');
      const stream = `${category}-chain`;
      await store().appendToStream(stream, [anEvent('Link', { k: 0 })], { expectedRevision: 'no_stream' });
      const failures: unknown[] = [];

      const received = await collect(
        store()
          .subscribeToAll({ filter: byCategory(category) })
          .pipe(
            tap((e) => {
              const k = e.data['k'] as number;
              if (k < 5) {
                // Not awaited: the append starts synchronously inside the delivery of event k.
                store()
                  .appendToStream(stream, [anEvent('Link', { k: k + 1 })], { expectedRevision: k })
                  .catch((error: unknown) => failures.push(error));
              }
            }),
          ),
        6,
      );

      expect(received.map((e) => e.data['k'])).toEqual([0, 1, 2, 3, 4, 5]);
      expect(received.map((e) => e.revision)).toEqual([0, 1, 2, 3, 4, 5]);
      expect(failures).toEqual([]);
    });

    it('given history, when subscribed from the position of one event, then delivery starts with the event after it', async () => {
      const category = uniqueCategory('from');
      const history = await givenHistory(category, 2, 3);
      const [, second] = await store().readAll({
        fromPosition: (await store().readStream(`${category}-0`))[0]!.position,
        filter: byCategory(category),
        maxCount: 2,
      });

      const received = await collect(
        store().subscribeToAll({ fromPosition: second!.position, filter: byCategory(category) }),
        history.length - 2,
      );

      expect(ids(received)).toEqual(ids(history.slice(2)));
    });

    it('given history, when subscribed from end, then only events appended afterwards arrive', async () => {
      const category = uniqueCategory('end');
      const stream = `${category}-1`;
      const history = await givenHistory(category, 1, 3);
      const received: RecordedEvent[] = [];
      const probes: string[] = [];
      const subscription = store()
        .subscribeToAll({ fromPosition: 'end', filter: byCategory(category) })
        .subscribe((e) => received.push(e));
      try {
        // A remote subscription is confirmed asynchronously and the port has no
        // "ready" signal, so probe until the first live event comes through.
        const deadline = Date.now() + 5_000;
        for (let i = 0; received.length === 0 && Date.now() < deadline; i++) {
          const probe = anEvent('Probe', { i });
          probes.push(probe.id);
          await store().appendToStream(stream, [probe]);
          await eventually(() => received.length > 0, 50);
        }
        const after = someEvents(2, 'After');
        await store().appendToStream(stream, after);
        probes.push(...ids(after));
        expect(await eventually(() => received.length >= 1 && received.at(-1)!.id === after[1]!.id)).toBe(true);
      } finally {
        subscription.unsubscribe();
      }

      const firstSeen = probes.indexOf(received[0]!.id);
      expect(firstSeen).toBeGreaterThanOrEqual(0);
      expect(ids(received)).toEqual(probes.slice(firstSeen));
      expect(ids(received).some((id) => ids(history).includes(id))).toBe(false);
    });

    it('given events of several types, when subscribed with an event-type filter, then only those types arrive', async () => {
      const category = uniqueCategory('typed');
      const suffix = uniqueSuffix();
      const wanted = [anEvent(`Wanted${suffix}`, { n: 0 }), anEvent(`Wanted${suffix}`, { n: 2 })];
      await store().appendToStream(`${category}-1`, [wanted[0]!, anEvent(`Unwanted${suffix}`, { n: 1 })]);
      await store().appendToStream(`${category}-2`, [anEvent(`Unwanted${suffix}`, { n: 3 })]);

      const subscription = store().subscribeToAll({ filter: { by: 'eventType', types: [`Wanted${suffix}`] } });
      const receiving = collect(subscription, 2);
      await store().appendToStream(`${category}-2`, [wanted[1]!]);

      expect(ids(await receiving)).toEqual(ids(wanted));
    });

    it('given events in two categories, when subscribed with a category filter, then live events of other categories are skipped', async () => {
      const category = uniqueCategory('cat');
      const other = uniqueCategory('other');
      const mine = [anEvent('Mine'), anEvent('Mine')];

      const receiving = collect(store().subscribeToAll({ filter: byCategory(category) }), 2);
      await store().appendToStream(`${other}-1`, [anEvent('NotMine')]);
      await store().appendToStream(`${category}-1`, [mine[0]!]);
      await store().appendToStream(`${other}-1`, [anEvent('NotMine')]);
      await store().appendToStream(`${category}-2`, [mine[1]!]);

      expect(ids(await receiving)).toEqual(ids(mine));
    });

    it('given one observable, when subscribed twice, then each subscriber gets every event (cold), even after the other stopped', async () => {
      const category = uniqueCategory('cold');
      const history = await givenHistory(category, 2, 2);
      const events = store().subscribeToAll({ filter: byCategory(category) });

      const first = await collect(events, 1);
      const secondReceiving = collect(events, history.length + 1);
      const late = anEvent('Late');
      await store().appendToStream(`${category}-0`, [late]);

      expect(ids(first)).toEqual([history[0]!.id]);
      expect(ids(await secondReceiving)).toEqual([...ids(history), late.id]);
    });
  });
};
