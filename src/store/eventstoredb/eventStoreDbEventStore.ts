import { BACKWARDS, END, FORWARDS, START, StreamNotFoundError, jsonEvent } from '@eventstore/db-client';
import type { EventStoreDBClient, JSONType, ReadRevision, ResolvedEvent } from '@eventstore/db-client';
import { Observable } from 'rxjs';
import { StoreError } from '../errors.js';
import { validateAppend } from '../appendValidation.js';
import type { AppendResult, EventStore, ReadStreamOptions, RecordedEvent } from '../port.js';
import { connectEventStoreDb } from './connect.js';
import { ORIGINAL_ID_KEY, toServerEvent } from './eventIds.js';
import { toClientExpectedRevision } from './expectedRevision.js';
import { toStoreError } from './mapErrors.js';
import { countAllEvents, readAllEvents } from './readAll.js';
import { toRecordedEvent } from './recordedEvent.js';
import { subscribeToAllResilient } from './subscribeToAll.js';
import type { ResubscribeOptions } from './subscribeToAll.js';

export interface EventStoreDbEventStoreOptions {
  /** Deadline of each append in milliseconds (default: the client's, 10 s). A late reply is a StoreUnavailableError. */
  readonly appendDeadlineMs?: number;
  /** Backoff of subscriptions resubscribing after the server went away. */
  readonly resubscribe?: ResubscribeOptions;
}

/** A connection string, or a client the caller made (and keeps: `close` leaves it open). */
export type EventStoreDbConnection = string | { readonly client: EventStoreDBClient };

const closedError = (): StoreError => new StoreError('STORE_CLOSED', 'The EventStoreDB event store is closed');

const readRevision = (from: ReadStreamOptions['fromRevision'], backwards: boolean): ReadRevision | 'nothing' => {
  if (from === undefined) return backwards ? END : START;
  if (from === 'start' || from === 'end') return from === 'start' ? START : END;
  const revision = backwards ? Math.floor(from) : Math.ceil(from);
  if (revision < 0) return backwards ? 'nothing' : START;
  return BigInt(revision);
};

/**
 * The event store over EventStoreDB (or KurrentDB) through
 * @eventstore/db-client 6.x.
 *
 * - Our event ids are EventStoreDB's event ids: a retried append after a
 *   timeout is recognised by the server and not written twice. Ids that are
 *   not lower-case UUIDs are mapped to UUIDs derived from them (see eventIds.ts).
 * - Revisions are the stream's event numbers; the global position is the
 *   event's commit position in the server's log (a byte offset: it grows,
 *   with gaps). Servers before 22.6 send no position on stream reads and are
 *   refused with STORE_VERSION_UNSUPPORTED.
 * - Counting all reads $all page by page (the server has no count) and keeps
 *   only the tally.
 * - Reading, counting or subscribing to all skips system events (`$`-prefixed streams
 *   and types: metadata, epochs, statistics, tombstones, links).
 * - A stream deleted on the server reads as STREAM_DELETED (tombstoned) or as
 *   empty (soft-deleted); appends to a tombstoned stream fail STREAM_DELETED.
 * - Driver errors become the port's: WRONG_EXPECTED_REVISION (with expected
 *   and actual), STREAM_DELETED, APPEND_TOO_LARGE (the server's limit, 1 MiB
 *   by default), STORE_UNAVAILABLE (a StoreUnavailableError, transient, for
 *   deadlines, unreachable or stopping servers and leader changes).
 */
export const createEventStoreDbEventStore = (
  connection: EventStoreDbConnection,
  options: EventStoreDbEventStoreOptions = {},
): EventStore => {
  const ownsClient = typeof connection === 'string';
  const client = typeof connection === 'string' ? connectEventStoreDb(connection) : connection.client;
  const resubscribe = {
    initialDelayMs: options.resubscribe?.initialDelayMs ?? 100,
    maxDelayMs: options.resubscribe?.maxDelayMs ?? 5_000,
  };
  const openSubscriptions = new Set<() => void>();
  let closed = false;

  const guarded = async <T>(work: () => Promise<T>): Promise<T> => {
    if (closed) throw closedError();
    return work();
  };

  const appendToStream: EventStore['appendToStream'] = (streamName, events, appendOptions) =>
    guarded(async (): Promise<AppendResult> => {
      const expected = appendOptions?.expectedRevision ?? 'any';
      const invalid = validateAppend(streamName, events, expected);
      if (invalid !== undefined) throw invalid;
      const reserved = events.find((e) => Object.hasOwn(e.metadata, ORIGINAL_ID_KEY));
      if (reserved !== undefined) {
        throw new StoreError('INVALID_APPEND', `Append to ${JSON.stringify(streamName)} refused: metadata key ${ORIGINAL_ID_KEY} is reserved`);
      }
      const proposed = events.map((e) => {
        const { uuid, metadata } = toServerEvent(e.id, e.metadata);
        // JsonObject is JSON by construction; the client's JSONType is the same thing, typed more loosely.
        return jsonEvent({ id: uuid, type: e.type, data: e.data as JSONType, metadata: metadata as JSONType });
      });
      try {
        const result = await client.appendToStream(streamName, proposed, {
          expectedRevision: toClientExpectedRevision(expected),
          ...(options.appendDeadlineMs === undefined ? {} : { deadline: options.appendDeadlineMs }),
        });
        if (result.position === undefined) {
          throw new StoreError('STORE_CORRUPT', `EventStoreDB reported no position for the append to ${streamName}`);
        }
        return { nextExpectedRevision: Number(result.nextExpectedRevision), position: Number(result.position.commit) };
      } catch (error) {
        throw toStoreError(error, { streamName, expected });
      }
    });

  const readStream: EventStore['readStream'] = (streamName, readOptions) =>
    guarded(async (): Promise<readonly RecordedEvent[]> => {
      const backwards = readOptions?.direction === 'backwards';
      const fromRevision = readRevision(readOptions?.fromRevision, backwards);
      const maxCount = readOptions?.maxCount === undefined ? undefined : Math.max(0, Math.floor(readOptions.maxCount));
      if (fromRevision === 'nothing' || maxCount === 0) return [];
      // Drained before converting: leaving the read early would leave its gRPC call unconsumed.
      const read: ResolvedEvent[] = [];
      try {
        for await (const resolved of client.readStream(streamName, {
          direction: backwards ? BACKWARDS : FORWARDS,
          fromRevision,
          ...(maxCount === undefined ? {} : { maxCount }),
        })) {
          read.push(resolved);
        }
      } catch (error) {
        if (error instanceof StreamNotFoundError) return [];
        throw toStoreError(error, { streamName });
      }
      return read.map(toRecordedEvent);
    });

  const readAll: EventStore['readAll'] = (readOptions) =>
    guarded(async () => {
      try {
        return await readAllEvents(client, readOptions);
      } catch (error) {
        throw toStoreError(error);
      }
    });

  const countAll: EventStore['countAll'] = (countOptions) =>
    guarded(async () => {
      try {
        return await countAllEvents(client, countOptions);
      } catch (error) {
        throw toStoreError(error);
      }
    });

  const subscribeToAll: EventStore['subscribeToAll'] = (subscribeOptions = {}) => {
    const live = subscribeToAllResilient(client, subscribeOptions, resubscribe, (complete) => {
      openSubscriptions.add(complete);
      return () => openSubscriptions.delete(complete);
    });
    return new Observable<RecordedEvent>((subscriber) => {
      if (closed) {
        subscriber.error(closedError());
        return undefined;
      }
      return live.subscribe(subscriber);
    });
  };

  const close: EventStore['close'] = async () => {
    if (closed) return;
    closed = true;
    const open = [...openSubscriptions];
    openSubscriptions.clear();
    for (const complete of open) complete();
    if (ownsClient) await client.dispose();
  };

  return { appendToStream, readStream, readAll, countAll, subscribeToAll, close };
};
