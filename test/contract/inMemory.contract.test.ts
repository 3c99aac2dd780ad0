import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import { describeEventStoreContract } from './eventStoreContract.js';

describeEventStoreContract('in-memory', async () => {
  const store = createInMemoryEventStore();
  return { store, teardown: () => store.close() };
});
