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

const allStoreFactories: StoreFactory[] = [
  // Adapters register here.
  { name: 'in-memory', create: async () => { const store = createInMemoryEventStore(); return { store, teardown: () => store.close() }; } },
  { name: 'sqlite', create: async () => { const { store, teardown } = await createTempSqliteStore(); return { store, teardown }; } },
  // A fresh in-process EventStoreDB server per store (or the real one named by EVENTSTORE_CONNECTION_STRING).
  { name: 'eventstoredb', create: () => createEventStoreDbFixture() },
];

/**
 * TEST_STORES (comma-separated names) narrows the list, e.g.
 * `TEST_STORES=eventstoredb` for `npm run test:eventstoredb`.
 */
const wanted = process.env['TEST_STORES']?.split(',').map((name) => name.trim()).filter((name) => name !== '');
const unknown = wanted?.filter((name) => !allStoreFactories.some((f) => f.name === name)) ?? [];
if (unknown.length > 0) throw new Error(`TEST_STORES names unknown store(s): ${unknown.join(', ')}`);

export const storeFactories: StoreFactory[] =
  wanted === undefined || wanted.length === 0 ? allStoreFactories : allStoreFactories.filter((f) => wanted.includes(f.name));
