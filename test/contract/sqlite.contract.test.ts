import { createTempSqliteStore } from '../store/fixtures/tempSqliteStore.js';
import { describeEventStoreContract } from './eventStoreContract.js';

describeEventStoreContract('sqlite', async () => {
  const { store, teardown } = await createTempSqliteStore();
  return { store, teardown };
});
