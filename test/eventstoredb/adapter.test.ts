import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StoreError, StreamDeletedError } from '../../src/store/errors.js';
import { createEventStoreDbEventStore } from '../../src/store/eventstoredb/eventStoreDbEventStore.js';
import { ORIGINAL_ID_KEY } from '../../src/store/eventstoredb/eventIds.js';
import type { EventFilter, EventStore, EventToAppend, RecordedEvent, SubscribeToAllOptions } from '../../src/store/port.js';
import { drain } from './support/client.js';
import { startTarget } from './support/target.js';
import type { EventStoreDbTarget } from './support/target.js';

/**
 * What the EventStoreDB adapter adds on top of the shared contract: system
 * events kept out, deleted streams, ids that are not UUIDs, paging of $all,
 * connection forms. Runs against the in-process server, or a real server when
 * EVENTSTORE_CONNECTION_STRING is set.
 */
describe('the EventStoreDB adapter', () => {
  let target: EventStoreDbTarget;
  let client: EventStoreDBClient;
  let store: EventStore;
  beforeAll(async () => {
    target = await startTarget();
    client = EventStoreDBClient.connectionString(target.connectionString);
    store = createEventStoreDbEventStore({ client });
  });
  afterAll(async () => {
    await store.close();
    await client.dispose();
    await target.stop();
  });

  const category = (label: string): string => `${label}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;
  const anEvent = (type: string, n = 0, id: string = randomUUID()): EventToAppend => ({ id, type, data: { n }, metadata: {} });

  describe('system events', () => {
    it('given system events among a category’s events ($-typed in the stream, $metadata of it), when $all is read or subscribed, then only the category’s own events come', async () => {
      const cat = category('sys');
      const stream = `${cat}-1`;
      const mine = [anEvent('Mine', 0), anEvent('Mine', 1)];
      await store.appendToStream(stream, [mine[0]!]);
      await client.appendToStream(stream, jsonEvent({ type: '$systemLike', data: {} }));
      await client.setStreamMetadata(stream, { maxCount: 100 });
      await client.appendToStream(`$${cat}-1`, jsonEvent({ type: 'Ordinary', data: {} }));
      await store.appendToStream(stream, [mine[1]!]);

      const read = await store.readAll({ filter: { by: 'category', categories: [cat] } });
      const unfiltered = (await store.readAll({ direction: 'backwards', maxCount: 10 })).filter((e) => e.streamName.includes(cat));
      const subscribed = await firstEvents(store, { by: 'category', categories: [cat] }, 2);

      expect(read.map((e) => e.id)).toEqual(mine.map((e) => e.id));
      expect(unfiltered.map((e) => e.id)).toEqual([mine[1]!.id, mine[0]!.id]);
      expect(subscribed.map((e) => e.id)).toEqual(mine.map((e) => e.id));
    });

    it('given a $-prefixed event type asked for by a type filter, then nothing is delivered for it (system events never are)', async () => {
      const cat = category('systype');
      await client.appendToStream(`${cat}-1`, jsonEvent({ type: `$own_${cat}`, data: {} }));
      await store.appendToStream(`${cat}-1`, [anEvent(`Own_${cat}`)]);

      const read = await store.readAll({ filter: { by: 'eventType', types: [`$own_${cat}`, `Own_${cat}`] } });
      const subscribed = await firstEvents(store, { by: 'eventType', types: [`$own_${cat}`, `Own_${cat}`] }, 1);

      expect(read.map((e) => e.type)).toEqual([`Own_${cat}`]);
      expect(subscribed.map((e) => e.type)).toEqual([`Own_${cat}`]);
    });
  });

  describe('deleted streams', () => {
    it('given a soft-deleted stream, when read, then it reads as empty; when recreated, its revisions continue', async () => {
      const stream = `${category('soft')}-1`;
      await store.appendToStream(stream, [anEvent('A'), anEvent('B')]);
      await client.deleteStream(stream);

      expect(await store.readStream(stream)).toEqual([]);
      const result = await store.appendToStream(stream, [anEvent('C')], { expectedRevision: 'no_stream' });

      expect(result.nextExpectedRevision).toBe(2);
      expect((await store.readStream(stream)).map((e) => e.revision)).toEqual([2]);
    });

    it('given a tombstoned stream, when read or appended to, then STREAM_DELETED', async () => {
      const stream = `${category('tomb')}-1`;
      await store.appendToStream(stream, [anEvent('A')]);
      await client.tombstoneStream(stream);

      await expect(store.readStream(stream)).rejects.toBeInstanceOf(StreamDeletedError);
      await expect(store.appendToStream(stream, [anEvent('B')])).rejects.toMatchObject({ code: 'STREAM_DELETED', streamName: stream });
    });
  });

  describe('event ids', () => {
    it('given ids that are not UUIDs, when appended and read back by every route, then the ids and metadata come back as given', async () => {
      const cat = category('ids');
      const events = [anEvent('Odd', 0, 'id-1'), { ...anEvent('Odd', 1, 'Order #2'), metadata: { who: 'me' } }];
      await store.appendToStream(`${cat}-1`, events);

      const fromStream = await store.readStream(`${cat}-1`);
      const fromAll = await store.readAll({ filter: { by: 'category', categories: [cat] } });
      const subscribed = await firstEvents(store, { by: 'category', categories: [cat] }, 2);

      for (const read of [fromStream, fromAll, subscribed]) {
        expect(read.map((e) => e.id)).toEqual(['id-1', 'Order #2']);
        expect(read.map((e) => e.metadata)).toEqual([{}, { who: 'me' }]);
      }
      const [raw] = await drain(client.readStream(`${cat}-1`, { maxCount: 1 }));
      expect(raw!.event!.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    });

    it('given an id that is not a UUID, when the same append is retried, then the server recognises it and writes nothing twice', async () => {
      const stream = `${category('retry')}-1`;
      const events = [anEvent('Retried', 0, 'cmd-7/event-1'), anEvent('Retried', 1, 'cmd-7/event-2')];

      const first = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });
      const again = await store.appendToStream(stream, events, { expectedRevision: 'no_stream' });

      expect(again).toEqual(first);
      expect(await store.readStream(stream)).toHaveLength(2);
    });

    it('given metadata using the key that carries original ids, when appended, then INVALID_APPEND', async () => {
      await expect(
        store.appendToStream(`${category('reserved')}-1`, [{ ...anEvent('X'), metadata: { [ORIGINAL_ID_KEY]: 'mine' } }]),
      ).rejects.toMatchObject({ code: 'INVALID_APPEND' });
    });
  });

  describe('paging $all', () => {
    it('given more matching events than one page, when read forwards and backwards with filters and counts, then pages join without gaps or repeats', async () => {
      const cat = category('paging');
      const other = category('between');
      const events = Array.from({ length: 1_500 }, (_, n) => anEvent('Paged', n));
      for (let i = 0; i < events.length; i += 500) {
        await store.appendToStream(`${cat}-1`, events.slice(i, i + 500));
        await store.appendToStream(`${other}-1`, [anEvent('Between', i)]);
      }
      const filter = { by: 'category', categories: [cat] } as const;

      const forwards = await store.readAll({ filter });
      const backwards = await store.readAll({ filter, direction: 'backwards', maxCount: 1_200 });
      const fromMiddle = await store.readAll({ filter, fromPosition: forwards[700]!.position, maxCount: 1_000 });

      expect(forwards.map((e) => e.data['n'])).toEqual(events.map((_, n) => n));
      expect(backwards.map((e) => e.data['n'])).toEqual(events.map((_, n) => n).reverse().slice(0, 1_200));
      expect(fromMiddle.map((e) => e.data['n'])).toEqual(events.slice(700, 1_500).map((_, i) => 700 + i));
    });
  });

  describe('positions', () => {
    it('given events, when all is read or subscribed from “an event’s position + 1”, then what follows that event comes', async () => {
      const cat = category('after');
      await store.appendToStream(`${cat}-1`, [anEvent('A', 0), anEvent('B', 1), anEvent('C', 2)]);
      const [a] = await store.readStream(`${cat}-1`, { maxCount: 1 });
      const filter = { by: 'category', categories: [cat] } as const;

      const read = await store.readAll({ fromPosition: a!.position + 1, filter });
      const subscribed = await firstEventsFrom(store, { fromPosition: a!.position + 1, filter }, 2);

      expect(read.map((e) => e.type)).toEqual(['B', 'C']);
      expect(subscribed.map((e) => e.type)).toEqual(['B', 'C']);
    });

    it('given an event, when all is read from a position well inside it, then the store says the position is not an event’s', async () => {
      const stream = `${category('inside')}-1`;
      const { position } = await store.appendToStream(stream, [anEvent('Long', 0)]);

      await expect(store.readAll({ fromPosition: position + 5 })).rejects.toThrow(/not the position of an event/);
    });
  });

  describe('connections', () => {
    it('given a string that is not an EventStoreDB connection string, when a store is created, then a StoreError says so', () => {
      expect(() => createEventStoreDbEventStore('http://localhost:2113')).toThrow(StoreError);
      expect(() => createEventStoreDbEventStore('esdb://')).toThrow(/connection string/);
    });

    it('given a store made on a caller’s client, when the store is closed, then the client stays usable', async () => {
      const own = createEventStoreDbEventStore({ client });
      await own.close();

      await expect(own.readAll({ maxCount: 1 })).rejects.toMatchObject({ code: 'STORE_CLOSED' });
      expect(await drain(client.readAll({ maxCount: 1 }))).toHaveLength(1);
    });
  });
});

/** The first `count` events a subscription from the start delivers, then unsubscribes. */
const firstEvents = (store: EventStore, filter: EventFilter, count: number): Promise<RecordedEvent[]> =>
  firstEventsFrom(store, { filter }, count);

const firstEventsFrom = (store: EventStore, options: SubscribeToAllOptions, count: number): Promise<RecordedEvent[]> =>
  new Promise((resolve, reject) => {
    const got: RecordedEvent[] = [];
    const timer = setTimeout(() => {
      subscription.unsubscribe();
      reject(new Error(`got ${got.length} of ${count} events`));
    }, 5_000);
    const subscription = store.subscribeToAll(options).subscribe({
      next: (e) => {
        got.push(e);
        if (got.length === count) {
          clearTimeout(timer);
          subscription.unsubscribe();
          resolve(got);
        }
      },
      error: (e: unknown) => {
        clearTimeout(timer);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    });
  });
