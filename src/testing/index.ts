/**
 * Test support for services built on this library: an EventStoreDB-protocol
 * server that runs inside the test process, so the EventStoreDB adapter can
 * be exercised without Docker or a real server.
 *
 *   const server = await startInProcessEventStoreDb();
 *   const store = createEventStoreDbEventStore(server.connectionString);
 *   ...
 *   await store.close();
 *   await server.stop();
 */
export { startInProcessEventStoreDb } from './inProcessEventStoreDb/index.js';
export type { Faults, InProcessEventStoreDb, InProcessEventStoreDbOptions } from './inProcessEventStoreDb/index.js';
