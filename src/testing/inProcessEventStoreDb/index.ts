export { startInProcessEventStoreDb } from './server.js';
export type { InProcessEventStoreDb, InProcessEventStoreDbOptions } from './server.js';
export type { Faults } from './context.js';
