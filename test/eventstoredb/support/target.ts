import { createEventStoreDbEventStore } from '../../../src/store/eventstoredb/eventStoreDbEventStore.js';
import type { EventStoreDbEventStoreOptions } from '../../../src/store/eventstoredb/eventStoreDbEventStore.js';
import type { EventStore } from '../../../src/store/port.js';
import { startInProcessEventStoreDb } from '../../../src/testing/inProcessEventStoreDb/index.js';
import type { InProcessEventStoreDb, InProcessEventStoreDbOptions } from '../../../src/testing/inProcessEventStoreDb/index.js';

/**
 * Where EventStoreDB tests run: the real server named by
 * EVENTSTORE_CONNECTION_STRING when set (e.g. esdb://localhost:2113?tls=false),
 * else a fresh in-process server. `server` is only there in-process.
 */
export interface EventStoreDbTarget {
  readonly connectionString: string;
  readonly server: InProcessEventStoreDb | undefined;
  readonly stop: () => Promise<void>;
}

export const realServerConnectionString = (): string | undefined => {
  const value = process.env['EVENTSTORE_CONNECTION_STRING'];
  return value === undefined || value.trim() === '' ? undefined : value.trim();
};

export const startTarget = async (options: InProcessEventStoreDbOptions = {}): Promise<EventStoreDbTarget> => {
  const real = realServerConnectionString();
  if (real !== undefined) return { connectionString: real, server: undefined, stop: () => Promise.resolve() };
  const server = await startInProcessEventStoreDb(options);
  return { connectionString: server.connectionString, server, stop: () => server.stop() };
};

/** A store on its own target: teardown closes the store and stops what was started for it. */
export const createEventStoreDbFixture = async (
  options: EventStoreDbEventStoreOptions = {},
): Promise<{ store: EventStore; teardown: () => Promise<void> }> => {
  const target = await startTarget();
  const store = createEventStoreDbEventStore(target.connectionString, options);
  return {
    store,
    teardown: async () => {
      await store.close();
      await target.stop();
    },
  };
};
