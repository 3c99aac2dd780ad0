import { BACKWARDS, END, START } from '@eventstore/db-client';
import type {
  AllStreamResolvedEvent,
  AllStreamSubscription,
  EventStoreDBClient,
  ReadPosition,
  ResolvedEvent,
} from '@eventstore/db-client';
import { Observable } from 'rxjs';
import { StoreUnavailableError } from '../errors.js';
import type { RecordedEvent, SubscribeToAllOptions } from '../port.js';
import { matchesFilter } from '../port.js';
import { isTransient, toStoreError } from './mapErrors.js';
import { invalidPositionError, isInvalidPosition } from './readAll.js';
import { commitPositionOf, isSystemEvent, toRecordedEvent } from './recordedEvent.js';
import { serverFilterFor } from './serverFilter.js';

export interface ResubscribeOptions {
  /** First delay before resubscribing after a transient failure (default 100 ms). */
  readonly initialDelayMs?: number;
  /** Longest delay between attempts; delays double up to it (default 5 s). */
  readonly maxDelayMs?: number;
}

const positionAt = (commit: bigint): ReadPosition => ({ commit, prepare: commit });

/**
 * Commit position of the last record in $all, or undefined when $all is empty.
 * The read is drained, not broken out of: leaving a read early leaves its gRPC
 * call unconsumed, and the client's dispose() would wait on it for ever.
 */
const headPosition = async (client: EventStoreDBClient): Promise<bigint | undefined> => {
  let head: bigint | undefined;
  for await (const resolved of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) {
    head ??= commitPositionOf(resolved as ResolvedEvent);
  }
  return head;
};

/**
 * A catch-up subscription to $all as a cold Observable that survives the
 * server going away. It remembers the position of the last event received
 * (or of the last checkpoint of a filtered subscription) and, when the
 * subscription fails with a transient error (unavailable, cancelled by a
 * stopping server, not leader), resubscribes from there with exponential
 * backoff: events are neither lost nor delivered twice. `end` is pinned to
 * the head of $all when first subscribing, so a reconnection does not skip
 * what was appended meanwhile. Unsubscribing always cancels the gRPC call.
 *
 * `register` lets the store complete open subscriptions when it closes.
 */
export const subscribeToAllResilient = (
  client: EventStoreDBClient,
  options: SubscribeToAllOptions,
  resubscribe: Required<ResubscribeOptions>,
  register: (complete: () => void) => () => void,
): Observable<RecordedEvent> => {
  const filter = options.filter;
  return new Observable<RecordedEvent>((subscriber) => {
    let active = true;
    let current: AllStreamSubscription | undefined;
    let retryTimer: NodeJS.Timeout | undefined;
    let failures = 0;
    let triedJustBefore = false;
    const from = options.fromPosition ?? 'start';
    // Exclusive resume point: undefined = from the start of $all.
    let after: bigint | undefined = typeof from === 'number' ? BigInt(Math.max(0, Math.floor(from))) : undefined;
    let pinned = from !== 'end';
    if (typeof from === 'number' && from < 0) after = undefined;

    const advance = (position: bigint): void => {
      if (after === undefined || position > after) after = position;
    };

    const serverFilter = serverFilterFor(filter, (_subscription, position) => {
      advance(position.commit);
    });
    const mayMatch = !(filter !== undefined && serverFilter === undefined);

    const release = (): void => {
      const subscription = current;
      current = undefined;
      if (subscription !== undefined) {
        subscription.removeAllListeners('data');
        subscription.removeAllListeners('end');
        // Errors may still arrive while cancelling; they no longer matter.
        subscription.on('error', () => undefined);
        void subscription.unsubscribe().catch(() => undefined);
      }
    };

    const stop = (): void => {
      active = false;
      if (retryTimer !== undefined) clearTimeout(retryTimer);
      retryTimer = undefined;
      release();
    };

    const onEvent = (resolved: AllStreamResolvedEvent): void => {
      const position = commitPositionOf(resolved as ResolvedEvent);
      if (position === undefined) return;
      if (after !== undefined && position <= after) return; // already delivered before a reconnection
      after = position;
      failures = 0;
      const event = resolved.event;
      if (event === undefined || isSystemEvent(event.streamId, event.type)) return;
      if (!matchesFilter(filter, event.streamId, event.type)) return;
      let recorded: RecordedEvent;
      try {
        recorded = toRecordedEvent(resolved as ResolvedEvent);
      } catch (error) {
        fail(error);
        return;
      }
      subscriber.next(recorded);
    };

    const fail = (error: unknown): void => {
      if (!active) return;
      release();
      if (isInvalidPosition(error) && !triedJustBefore && typeof from === 'number' && after === BigInt(Math.floor(from)) && after > 0n) {
        // "After q" asked as "after q + 1", inside q's record: the same events follow q.
        triedJustBefore = true;
        after -= 1n;
        void connect();
        return;
      }
      if (isInvalidPosition(error)) {
        stop();
        subscriber.error(invalidPositionError(from, error));
        return;
      }
      if (!isTransient(error)) {
        stop();
        subscriber.error(toStoreError(error));
        return;
      }
      const delay = Math.min(resubscribe.maxDelayMs, resubscribe.initialDelayMs * 2 ** Math.min(failures, 20));
      failures += 1;
      retryTimer = setTimeout(() => {
        retryTimer = undefined;
        void connect();
      }, delay);
    };

    const connect = async (): Promise<void> => {
      if (!active) return;
      try {
        if (!pinned) {
          after = await headPosition(client);
          pinned = true;
          if (!active) return;
        }
        const subscription = client.subscribeToAll({
          fromPosition: after === undefined ? START : positionAt(after),
          ...(serverFilter === undefined ? {} : { filter: serverFilter }),
        });
        current = subscription;
        subscription.on('data', (resolved: AllStreamResolvedEvent) => {
          if (current === subscription) onEvent(resolved);
        });
        subscription.on('error', (error: unknown) => {
          if (current === subscription) fail(error);
        });
        subscription.on('end', () => {
          // The server ended the subscription without an error: treat as a dropped connection.
          if (current === subscription) fail(new StoreUnavailableError('The server ended the subscription'));
        });
      } catch (error) {
        fail(error);
      }
    };

    const unregister = register(() => {
      stop();
      subscriber.complete();
    });
    // A filter naming only system categories or types can match nothing: stay open, silent.
    if (mayMatch) void connect();
    return () => {
      unregister();
      stop();
    };
  });
};
