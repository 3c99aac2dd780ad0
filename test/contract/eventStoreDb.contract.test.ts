import { createEventStoreDbFixture } from '../eventstoredb/support/target.js';
import { describeEventStoreContract } from './eventStoreContract.js';

// Against the in-process server, or the real one named by EVENTSTORE_CONNECTION_STRING.
describeEventStoreContract('EventStoreDB', () => createEventStoreDbFixture());
