import { Observable } from 'rxjs';
import type { EventFilter, RecordedEvent } from '../port.js';
import type { ChangeFeed } from './changeFeed.js';
import { toRecordedEvent } from './rows.js';
import { filterBinding } from './statements.js';
import type { Statements } from './statements.js';

export interface SubscriptionSource {
  readonly statements: Statements;
  readonly feed: ChangeFeed;
  /** Throws STORE_CLOSED (or another StoreError) when the store cannot be read. */
  readonly guard: <T>(doing: string, work: () => T) => T;
}

/** Events delivered per step: a long catch-up yields to the event loop between steps. */
const PAGE_SIZE = 500;
/**
 * Positions scanned per step at most, so a filter that matches little does not
 * turn one step into a scan of the whole table.
 */
const SCAN_WINDOW = 20_000;

/**
 * A catch-up subscription read from the table. One cursor (the last position
 * delivered or passed over) serves history and live events alike: each step
 * reads the page after the cursor up to the head it saw first, so the seam
 * between them needs no special case. Positions are handed out under the
 * write lock, so every position up to a committed one is committed too: the
 * cursor never skips an event that commits later.
 */
export const subscribeFromTable = (
  source: SubscriptionSource,
  fromPosition: number | 'start' | 'end' | undefined,
  filter: EventFilter | undefined,
): Observable<RecordedEvent> =>
  new Observable<RecordedEvent>((subscriber) => {
    const { statements: s, feed, guard } = source;
    const { shape, args } = filterBinding(filter);
    const page = s.allBetween[shape];
    let cursor: number;
    try {
      cursor = guard('subscribing', () =>
        fromPosition === undefined || fromPosition === 'start'
          ? -1
          : fromPosition === 'end'
            ? (s.headPosition.get() ?? -1)
            : fromPosition,
      );
    } catch (e) {
      subscriber.error(e);
      return;
    }

    let pending: ReturnType<typeof setImmediate> | undefined;
    const pump = (): void => {
      pending = undefined;
      try {
        const head = guard('reading for a subscription', () => s.headPosition.get() ?? -1);
        const upTo = Math.min(head, cursor + SCAN_WINDOW);
        const rows = guard('reading for a subscription', () => page.all(cursor, upTo, ...args, PAGE_SIZE));
        for (const row of rows) {
          if (subscriber.closed) return;
          const event = toRecordedEvent(row);
          cursor = row[0];
          subscriber.next(event);
        }
        if (rows.length === PAGE_SIZE) schedule();
        else {
          cursor = Math.max(cursor, upTo);
          if (upTo < head) schedule();
        }
      } catch (e) {
        subscriber.error(e);
      }
    };
    const schedule = (): void => {
      if (pending === undefined && !subscriber.closed) pending = setImmediate(pump);
    };

    const unlisten = feed.listen({ wake: schedule, end: () => subscriber.complete() });
    schedule();
    return () => {
      unlisten();
      if (pending !== undefined) clearImmediate(pending);
      pending = undefined;
    };
  });
