import { EventStoreDBClient } from '@eventstore/db-client';
import { StoreError } from '../errors.js';

/**
 * A client from a connection string, passed to @eventstore/db-client as it is:
 * - one insecure node: `esdb://localhost:2113?tls=false`
 * - TLS: `esdb://host:2113?tls=true&tlsCAFile=/path/ca.crt` (add `tlsVerifyCert=false` only for self-signed tests)
 * - a cluster by gossip seeds: `esdb://node1:2113,node2:2113,node3:2113?nodePreference=leader`
 * - a cluster by DNS discovery: `esdb+discover://cluster.example.com:2113`
 * Options such as `defaultDeadline`, `keepAliveInterval` and credentials
 * (`esdb://user:password@host:2113`) are the client's own.
 */
export const connectEventStoreDb = (connectionString: string): EventStoreDBClient => {
  if (typeof connectionString !== 'string' || !/^esdb(\+discover)?:\/\//.test(connectionString)) {
    throw new StoreError(
      'STORE_UNAVAILABLE',
      `Not an EventStoreDB connection string (esdb://… or esdb+discover://…): ${String(connectionString)}`,
    );
  }
  try {
    return EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    throw new StoreError(
      'STORE_UNAVAILABLE',
      `Invalid EventStoreDB connection string: ${error instanceof Error ? error.message : String(error)}`,
      { cause: error },
    );
  }
};
