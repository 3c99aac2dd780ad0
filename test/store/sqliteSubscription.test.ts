import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { firstValueFrom, take, toArray } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventToAppend, RecordedEvent } from '../../src/store/port.js';
import { createSqliteEventStore } from '../../src/store/sqlite/sqliteEventStore.js';
import { tempFolder } from './fixtures/tempSqliteStore.js';

const anEvent = (type: string, n: number): EventToAppend => ({ id: randomUUID(), type, data: { n }, metadata: {} });

describe('SQLite store subscriptions', () => {
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => {
    folder = tempFolder();
  });
  afterEach(() => {
    vi.useRealTimers();
    folder.remove();
  });
  const pathOf = (name: string): string => join(folder.dir, name);

  it('given more history than one page, when subscribed from start, then every event arrives once, in order, then live ones follow', async () => {
    const store = createSqliteEventStore({ path: pathOf('pages.db') });
    try {
      for (let b = 0; b < 25; b++) {
        await store.appendToStream(`cr-${b % 4}`, Array.from({ length: 50 }, (_, i) => anEvent('History', b * 50 + i)));
      }
      const receiving = firstValueFrom(store.subscribeToAll().pipe(take(1_251), toArray()));
      await store.appendToStream('cr-9', [anEvent('Live', 1_250)]);

      const received = await receiving;

      expect(received.map((e) => e.data['n'])).toEqual(Array.from({ length: 1_251 }, (_, n) => n));
    } finally {
      await store.close();
    }
  });

  it('given a filter that matches one event in a thousand, when subscribed, then the matching history and live events arrive', async () => {
    const store = createSqliteEventStore({ path: pathOf('sparse.db') });
    try {
      for (let b = 0; b < 10; b++) {
        const batch = Array.from({ length: 100 }, (_, i) => anEvent(b === 4 && i === 50 ? 'Rare' : 'Common', b * 100 + i));
        await store.appendToStream(`cr-${b}`, batch);
      }
      const receiving = firstValueFrom(
        store.subscribeToAll({ filter: { by: 'eventType', types: ['Rare'] } }).pipe(take(2), toArray()),
      );
      await store.appendToStream('cr-x', [anEvent('Common', 1_000), anEvent('Rare', 1_001)]);

      expect((await receiving).map((e) => e.data['n'])).toEqual([450, 1_001]);
    } finally {
      await store.close();
    }
  });

  it('given rare matches at the edges of the scan windows of a long history, when subscribed with a filter, then each arrives once, in order', async () => {
    const store = createSqliteEventStore({ path: pathOf('windows.db') });
    try {
      // Positions here start at 1, so event n is at position n + 1; windows end at positions 19,999 and 39,999.
      const rare = new Set([0, 19_997, 19_998, 19_999, 39_998, 39_999, 44_999]);
      for (let b = 0; b < 45; b++) {
        const batch = Array.from({ length: 1_000 }, (_, i) => b * 1_000 + i).map((n) =>
          anEvent(rare.has(n) ? 'Rare' : 'Common', n),
        );
        await store.appendToStream(`cr-${b}`, batch);
      }
      const receiving = firstValueFrom(
        store.subscribeToAll({ filter: { by: 'eventType', types: ['Rare'] } }).pipe(take(rare.size + 1), toArray()),
      );
      await store.appendToStream('cr-live', [anEvent('Rare', 45_000)]);

      expect((await receiving).map((e) => e.data['n'])).toEqual([...rare, 45_000]);
    } finally {
      await store.close();
    }
  });

  describe('with fake timers', () => {
    beforeEach(() => {
      vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval', 'setImmediate', 'clearImmediate'] });
    });

    it('given a subscription, when another connection to the file appends, then the next poll delivers it', async () => {
      const path = pathOf('poll.db');
      const reader = createSqliteEventStore({ path, pollIntervalMs: 1_000 });
      const writer = createSqliteEventStore({ path });
      const received: RecordedEvent[] = [];
      const subscription = reader.subscribeToAll().subscribe((e) => received.push(e));
      try {
        vi.advanceTimersToNextTimer();
        await writer.appendToStream('cr-1', [anEvent('Remote', 0)]);
        vi.advanceTimersByTime(999);
        expect(received).toEqual([]);

        vi.advanceTimersByTime(1);
        vi.advanceTimersToNextTimer();

        expect(received.map((e) => e.data['n'])).toEqual([0]);
      } finally {
        subscription.unsubscribe();
        await reader.close();
        await writer.close();
      }
    });

    it('given two subscriptions, when both unsubscribe, then no timer is left behind', async () => {
      const store = createSqliteEventStore({ path: pathOf('timers.db'), pollIntervalMs: 50 });
      try {
        const first = store.subscribeToAll().subscribe();
        const second = store.subscribeToAll().subscribe();
        expect(vi.getTimerCount()).toBeGreaterThan(0);

        first.unsubscribe();
        vi.runOnlyPendingTimers();
        expect(vi.getTimerCount()).toBe(1);
        second.unsubscribe();

        expect(vi.getTimerCount()).toBe(0);
      } finally {
        await store.close();
      }
    });

    it('given a live subscription, when the store closes, then the subscription completes and no timer is left behind', async () => {
      const store = createSqliteEventStore({ path: pathOf('closing.db'), pollIntervalMs: 50 });
      let completed = false;
      store.subscribeToAll().subscribe({ complete: () => (completed = true) });

      await store.close();

      expect(completed).toBe(true);
      expect(vi.getTimerCount()).toBe(0);
    });
  });
});
