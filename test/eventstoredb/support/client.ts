import { randomUUID } from 'node:crypto';
import { EventStoreDBClient, jsonEvent } from '@eventstore/db-client';
import type { AllStreamResolvedEvent, AppendToStreamOptions, JSONEventData, ResolvedEvent } from '@eventstore/db-client';
import { afterAll, beforeAll } from 'vitest';
import type { InProcessEventStoreDb, InProcessEventStoreDbOptions } from '../../../src/testing/inProcessEventStoreDb/index.js';
import { startTarget } from './target.js';
import type { EventStoreDbTarget } from './target.js';

/**
 * One target (in-process server, or the real one of EVENTSTORE_CONNECTION_STRING)
 * and one real @eventstore/db-client for a whole test file. Tests keep to
 * their own streams, so they also hold on a server shared with other data.
 */
export const useClient = (
  options: InProcessEventStoreDbOptions = {},
): { client: () => EventStoreDBClient; target: () => EventStoreDbTarget; server: () => InProcessEventStoreDb | undefined } => {
  let target: EventStoreDbTarget | undefined;
  let client: EventStoreDBClient | undefined;
  beforeAll(async () => {
    target = await startTarget(options);
    client = EventStoreDBClient.connectionString(target.connectionString);
  });
  afterAll(async () => {
    await client?.dispose();
    await target?.stop();
  });
  return {
    client: () => client!,
    target: () => target!,
    server: () => target?.server,
  };
};

/**
 * The two ways the client appends. It uses BatchAppend when the server lists
 * it, except for calls given their own credentials, which go through Append:
 * so one server exercises both.
 */
export const appendPaths: readonly { readonly name: string; readonly options: AppendToStreamOptions }[] = [
  { name: 'BatchAppend', options: {} },
  { name: 'Append', options: { credentials: { username: 'admin', password: 'changeit' } } },
];

export const uniqueStream = (category = 'semantics'): string => `${category}_${randomUUID().replace(/-/g, '').slice(0, 12)}-1`;

export const testEvents = (count: number, type = 'TestEvent'): JSONEventData[] =>
  Array.from({ length: count }, (_, i) => jsonEvent({ type, data: { i } }));

/** Reads everything a read returns (reads are drained; the client needs that to release the call). */
export const drain = async <E>(read: AsyncIterable<E>): Promise<E[]> => {
  const out: E[] = [];
  for await (const e of read) out.push(e);
  return out;
};

export const revisions = (events: readonly ResolvedEvent[]): bigint[] => events.map((e) => e.event!.revision);
export const types = (events: readonly (ResolvedEvent | AllStreamResolvedEvent)[]): string[] => events.map((e) => e.event!.type);

/** The rejection of a promise (fails the test if it resolves). */
export const rejectionOf = async (promise: Promise<unknown>): Promise<unknown> => {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the call to fail, but it succeeded');
};
