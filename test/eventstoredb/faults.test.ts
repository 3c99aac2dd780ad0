import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { StoreError, StoreUnavailableError, WrongExpectedRevisionError } from '../../src/store/errors.js';
import { createEventStoreDbEventStore } from '../../src/store/eventstoredb/eventStoreDbEventStore.js';
import type { EventStoreDbEventStoreOptions } from '../../src/store/eventstoredb/eventStoreDbEventStore.js';
import type { EventStore, EventToAppend, RecordedEvent } from '../../src/store/port.js';
import { startInProcessEventStoreDb } from '../../src/testing/inProcessEventStoreDb/index.js';
import type { InProcessEventStoreDb, InProcessEventStoreDbOptions } from '../../src/testing/inProcessEventStoreDb/index.js';

/**
 * The EventStoreDB adapter under faults, against the in-process server (which
 * can be stopped, restarted and slowed down on purpose).
 */

const anEvent = (type: string, n: number): EventToAppend => ({ id: randomUUID(), type, data: { n }, metadata: {} });
const events = (count: number, type: string): EventToAppend[] => Array.from({ length: count }, (_, n) => anEvent(type, n));
const ids = (list: readonly { readonly id: string }[]): string[] => list.map((e) => e.id);
const category = (label: string): string => `${label}_${randomUUID().replace(/-/g, '').slice(0, 12)}`;

const eventually = async (condition: () => boolean, timeoutMs = 10_000): Promise<boolean> => {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) return false;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return true;
};

const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
};

describe('the EventStoreDB adapter under faults', () => {
  const cleanups: (() => Promise<void>)[] = [];
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const serverWith = async (options: InProcessEventStoreDbOptions = {}): Promise<InProcessEventStoreDb> => {
    const server = await startInProcessEventStoreDb(options);
    cleanups.push(() => server.stop());
    return server;
  };
  const storeOn = (server: InProcessEventStoreDb, options: EventStoreDbEventStoreOptions = {}): EventStore => {
    const store = createEventStoreDbEventStore(server.connectionString, options);
    cleanups.push(() => store.close());
    return store;
  };
  const fastResubscribe = { resubscribe: { initialDelayMs: 20, maxDelayMs: 200 } };

  describe('a server stopped and restarted during a live subscription', () => {
    it('given a live subscription, when the server restarts and more events are appended, then every event arrives once, in order', async () => {
      const server = await serverWith();
      const store = storeOn(server, fastResubscribe);
      const writer = storeOn(server);
      const cat = category('restart');
      const received: RecordedEvent[] = [];
      let failure: unknown;
      const subscription = store
        .subscribeToAll({ filter: { by: 'category', categories: [cat] } })
        .subscribe({ next: (e) => received.push(e), error: (e: unknown) => (failure = e) });
      cleanups.push(async () => subscription.unsubscribe());
      const before = events(3, 'Before');
      await writer.appendToStream(`${cat}-1`, before);
      expect(await eventually(() => received.length === 3)).toBe(true);

      await server.restart();
      const after = events(3, 'AfterRestart');
      await writer.appendToStream(`${cat}-1`, after.slice(0, 2));
      await writer.appendToStream(`${cat}-2`, after.slice(2));

      expect(await eventually(() => received.length >= 6)).toBe(true);
      const later = events(2, 'Later');
      await writer.appendToStream(`${cat}-1`, later);
      expect(await eventually(() => received.length >= 8)).toBe(true);
      expect(failure).toBeUndefined();
      expect(ids(received)).toEqual(ids([...before, ...after, ...later]));
    });

    it('given a subscription from the end, when the server is down for a while and events come in as it returns, then none is lost', async () => {
      const server = await serverWith();
      const store = storeOn(server, fastResubscribe);
      const writer = storeOn(server);
      const cat = category('down');
      await writer.appendToStream(`${cat}-1`, events(2, 'History'));
      const received: RecordedEvent[] = [];
      const subscription = store
        .subscribeToAll({ fromPosition: 'end', filter: { by: 'category', categories: [cat] } })
        .subscribe((e) => received.push(e));
      cleanups.push(async () => subscription.unsubscribe());
      // Probe until the subscription is live (the port has no "ready" signal); probes sent before that are not for it.
      const probes: EventToAppend[] = [];
      do {
        const probe = anEvent('Probe', probes.length);
        probes.push(probe);
        await writer.appendToStream(`${cat}-1`, [probe]);
      } while (!(await eventually(() => received.length > 0, 200)));
      const live = probes.slice(probes.findIndex((p) => p.id === received[0]!.id));
      expect(await eventually(() => received.length === live.length)).toBe(true);

      await server.stop();
      await new Promise((resolve) => setTimeout(resolve, 100)); // several failed resubscriptions
      await server.start();
      const afterwards = events(4, 'Afterwards');
      await writer.appendToStream(`${cat}-2`, afterwards);

      expect(await eventually(() => received.length >= live.length + 4)).toBe(true);
      expect(ids(received)).toEqual(ids([...live, ...afterwards]));
    });

    it('given a subscription, when it is unsubscribed, then its call on the server is cancelled', async () => {
      const server = await serverWith();
      const store = storeOn(server);
      const cat = category('teardown');
      const received: RecordedEvent[] = [];
      const subscription = store.subscribeToAll({ filter: { by: 'category', categories: [cat] } }).subscribe((e) => received.push(e));
      await store.appendToStream(`${cat}-1`, events(1, 'One'));
      expect(await eventually(() => received.length === 1)).toBe(true);
      expect(server.openCalls('Read')).toBe(1);

      subscription.unsubscribe();

      expect(await eventually(() => server.openCalls('Read') === 0)).toBe(true);
    });
  });

  describe.each([
    { path: 'BatchAppend', advertiseBatchAppend: true },
    { path: 'Append', advertiseBatchAppend: false },
  ])('appends through $path', ({ advertiseBatchAppend }) => {
    it('given acknowledgements slower than the deadline, when appending, then a transient StoreUnavailableError; the retry with the same ids writes nothing twice', async () => {
      const server = await serverWith({ advertiseBatchAppend });
      const store = storeOn(server, { appendDeadlineMs: 100 });
      const stream = `${category('deadline')}-1`;
      const batch = events(3, 'Slow');
      server.faults.appendReplyDelayMs = 400;

      const error = await rejectionOf(store.appendToStream(stream, batch, { expectedRevision: 'no_stream' }));

      expect(error).toBeInstanceOf(StoreUnavailableError);
      expect(error).toMatchObject({ code: 'STORE_UNAVAILABLE', transient: true });
      server.faults.appendReplyDelayMs = 0;
      const retried = await store.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
      expect(retried.nextExpectedRevision).toBe(2);
      expect(ids(await store.readStream(stream))).toEqual(ids(batch));
    });

    it('given an append over the 1 MiB limit, when appended, then APPEND_TOO_LARGE and nothing is written; the store stays usable', async () => {
      const server = await serverWith({ advertiseBatchAppend });
      const store = storeOn(server);
      const stream = `${category('large')}-1`;
      const big = 'x'.repeat(400 * 1024);

      const error = await rejectionOf(
        store.appendToStream(stream, [0, 1, 2].map((n) => ({ id: randomUUID(), type: 'Large', data: { n, big }, metadata: {} }))),
      );

      expect(error).toBeInstanceOf(StoreError);
      expect((error as StoreError).code).toBe('APPEND_TOO_LARGE');
      expect(await store.readStream(stream)).toEqual([]);
      await store.appendToStream(stream, events(1, 'Small'));
      expect(await store.readStream(stream)).toHaveLength(1);
    });
  });

  describe('two clients writing one stream', () => {
    it('given two clients expecting the same revision, when both append at once, then exactly one wins each round and the other gets the conflict', async () => {
      const server = await serverWith();
      const [one, two] = [storeOn(server), storeOn(server)];
      const stream = `${category('race')}-1`;
      await one.appendToStream(stream, events(1, 'Start'));

      for (let revision = 0; revision < 20; revision++) {
        const outcomes = await Promise.allSettled([
          one.appendToStream(stream, [anEvent('One', revision)], { expectedRevision: revision }),
          two.appendToStream(stream, [anEvent('Two', revision)], { expectedRevision: revision }),
        ]);
        const won = outcomes.filter((o) => o.status === 'fulfilled');
        const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
        expect(won).toHaveLength(1);
        expect(lost).toHaveLength(1);
        expect(lost[0]!.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(lost[0]!.reason).toMatchObject({ streamName: stream, expected: revision, actual: revision + 1 });
      }
      expect((await one.readStream(stream)).map((e) => e.revision)).toEqual(Array.from({ length: 21 }, (_, i) => i));
    });
  });
});
