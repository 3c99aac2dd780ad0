import { describe, expect, it } from 'vitest';
import type { StoreFixtureFactory } from './kit.js';
import { anEvent, collect, eventually, rejectionOf, someEvents, uniqueCategory, useStore } from './kit.js';

export const describeLifecycleContract = (factory: StoreFixtureFactory): void => {
  describe('closing', () => {
    const store = useStore(factory);

    it('given a closed store, when it is used, then every call rejects with STORE_CLOSED', async () => {
      const stream = `${uniqueCategory('closed')}-1`;
      await store().appendToStream(stream, someEvents(1));

      await store().close();

      await rejectionOf(store().appendToStream(stream, [anEvent('Late')]), 'STORE_CLOSED');
      await rejectionOf(store().readStream(stream), 'STORE_CLOSED');
      await rejectionOf(store().readAll(), 'STORE_CLOSED');
      await rejectionOf(collect(store().subscribeToAll(), 1), 'STORE_CLOSED');
    });

    it('given a live subscription, when the store is closed, then the subscription completes', async () => {
      const category = uniqueCategory('closing');
      const seen: string[] = [];
      let completed = false;
      let failed: unknown;
      store()
        .subscribeToAll({ filter: { by: 'category', categories: [category] } })
        .subscribe({ next: (e) => seen.push(e.id), complete: () => (completed = true), error: (e: unknown) => (failed = e) });
      const event = anEvent('Before');
      await store().appendToStream(`${category}-1`, [event]);
      expect(await eventually(() => seen.length === 1)).toBe(true);

      await store().close();

      expect(await eventually(() => completed || failed !== undefined)).toBe(true);
      expect(failed).toBeUndefined();
      expect(seen).toEqual([event.id]);
    });

    it('given a closed store, when it is closed again, then that succeeds', async () => {
      await store().close();

      await expect(store().close()).resolves.toBeUndefined();
    });

    it('given a store, when an append is refused, then the store stays usable', async () => {
      const stream = `${uniqueCategory('usable')}-1`;
      await rejectionOf(store().appendToStream(stream, [], {}), 'INVALID_APPEND');

      const result = await store().appendToStream(stream, [anEvent('After')]);

      expect(result.nextExpectedRevision).toBe(0);
    });
  });
};
