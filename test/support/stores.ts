import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import type { EventStore } from '../../src/store/port.js';
import { createTempSqliteStore } from '../store/fixtures/tempSqliteStore.js';
import { createEventStoreDbFixture } from '../eventstoredb/support/target.js';

/**
 * Every store adapter the shared suites run on. The contract suite, the
 * command-pipeline tests and the projection/audit tests iterate over this
 * list, so an adapter added here is proven by all of them.
 */
export interface StoreFixture {
  readonly store: EventStore;
  /** Releases the store and anything started for it (files, servers). */
  readonly teardown: () => Promise<void>;
}

export interface StoreFactory {
  readonly name: string;
  readonly create: () => Promise<StoreFixture>;
}

export const storeFactories: StoreFactory[] = [
  // Adapters register here.
  { name: 'in-memory', create: async () => { const store = createInMemoryEventStore(); return { store, teardown: () => store.close() }; } },
  { name: 'sqlite', create: async () => { const { store, teardown } = await createTempSqliteStore(); return { store, teardown }; } },
  // A fresh in-process EventStoreDB server per store (or the real one named by EVENTSTORE_CONNECTION_STRING).
  { name: 'eventstoredb', create: () => createEventStoreDbFixture() },
];
