import { randomUUID } from 'node:crypto';
import { take } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import type { EventToAppend, RecordedEvent } from '../../src/store/port.js';

const anEvent = (n: number): EventToAppend => ({ id: randomUUID(), type: 'Counted', data: { n }, metadata: {} });
const nextTurn = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const events = (count: number, from = 0): EventToAppend[] => Array.from({ length: count }, (_, i) => anEvent(from + i));

describe('in-memory event store (beyond the contract)', () => {
  it('given appends to several streams, then positions are 0, 1, 2, ... in append order', async () => {
    const store = createInMemoryEventStore();
    await store.appendToStream('a-1', events(2));
    await store.appendToStream('b-1', events(1));

    const all = await store.readAll();

    expect(all.map((e) => e.position)).toEqual([0, 1, 2]);
  });

  it('given an appended event, then its record is frozen and holds the data object it was handed (ownership passes to the store)', async () => {
    const store = createInMemoryEventStore();
    const event = anEvent(1);
    await store.appendToStream('a-1', [event]);

    const [record] = await store.readStream('a-1');

    expect(Object.isFrozen(record)).toBe(true);
    expect(() => {
      (record as { revision: number }).revision = 7;
    }).toThrow(TypeError);
    expect(record!.data).toBe(event.data);
  });

  describe('listeners', () => {
    it('given a subscription, when it is unsubscribed, then the store holds no listener', async () => {
      const store = createInMemoryEventStore();
      const subscription = store.subscribeToAll().subscribe();
      expect(store.listenerCount()).toBe(1);

      subscription.unsubscribe();

      expect(store.listenerCount()).toBe(0);
    });

    it('given a subscription limited by take, when it has its events, then the store holds no listener', async () => {
      const store = createInMemoryEventStore();
      await store.appendToStream('a-1', events(3));
      const seen: RecordedEvent[] = [];

      store.subscribeToAll().pipe(take(2)).subscribe((e) => seen.push(e));

      expect(seen).toHaveLength(2);
      expect(store.listenerCount()).toBe(0);
    });

    it('given live subscriptions, when the store is closed, then they complete and no listener is left', async () => {
      const store = createInMemoryEventStore();
      let completed = 0;
      store.subscribeToAll().subscribe({ complete: () => completed++ });
      store.subscribeToAll({ fromPosition: 'end' }).subscribe({ complete: () => completed++ });

      await store.close();

      expect(completed).toBe(2);
      expect(store.listenerCount()).toBe(0);
    });

    it('given a subscriber that closes the store when it sees an event, when that event is appended, then the append still reports where it was written', async () => {
      const store = createInMemoryEventStore();
      await store.appendToStream('a-1', events(2));
      store.subscribeToAll({ fromPosition: 'end' }).subscribe(() => void store.close());

      const result = await store.appendToStream('a-1', events(1), { expectedRevision: 1 });

      expect(result).toEqual({ nextExpectedRevision: 2, position: 2 });
      expect(store.listenerCount()).toBe(0);
    });

    it('given a closed store, when subscribed, then the subscription fails with STORE_CLOSED and registers nothing', async () => {
      const store = createInMemoryEventStore();
      await store.close();
      let failure: unknown;

      store.subscribeToAll().subscribe({ error: (e: unknown) => (failure = e) });

      expect(failure).toMatchObject({ code: 'STORE_CLOSED' });
      expect(store.listenerCount()).toBe(0);
    });
  });

  describe('catch-up delivered in chunks', () => {
    it('given 50 events of history and chunks of 7, when subscribed, then only the first chunk is delivered before yielding to the event loop', async () => {
      const store = createInMemoryEventStore({ catchUpChunkSize: 7 });
      await store.appendToStream('a-1', events(50));
      const seen: RecordedEvent[] = [];

      const subscription = store.subscribeToAll().subscribe((e) => seen.push(e));

      expect(seen).toHaveLength(7);
      subscription.unsubscribe();
    });

    it('given a catch-up in progress across chunks, when events are appended between chunks, then each event arrives once, in order', async () => {
      const store = createInMemoryEventStore({ catchUpChunkSize: 7 });
      await store.appendToStream('a-1', events(50));
      const seen: RecordedEvent[] = [];
      store.subscribeToAll().subscribe((e) => seen.push(e));
      const seenWhenLiveAppendsStarted = seen.length;

      for (let i = 0; i < 10; i++) {
        await store.appendToStream(`b-${i % 2}`, [anEvent(50 + i)]);
        await nextTurn(); // lets one chunk of history through between appends
      }
      for (let turns = 0; turns < 20 && seen.length < 60; turns++) await nextTurn();

      expect(seenWhenLiveAppendsStarted).toBeLessThan(50);
      expect(seen.map((e) => e.data['n'])).toEqual(Array.from({ length: 60 }, (_, i) => i));
      expect(seen.map((e) => e.position)).toEqual(Array.from({ length: 60 }, (_, i) => i));
    });

    it('given a catch-up in progress, when the store is closed, then the subscription completes and the pending chunk is dropped', async () => {
      const store = createInMemoryEventStore({ catchUpChunkSize: 7 });
      await store.appendToStream('a-1', events(50));
      const seen: RecordedEvent[] = [];
      let completed = false;
      store.subscribeToAll().subscribe({ next: (e) => seen.push(e), complete: () => (completed = true) });

      await store.close();
      await nextTurn();

      expect(completed).toBe(true);
      expect(seen).toHaveLength(7);
      expect(store.listenerCount()).toBe(0);
    });
  });
});
