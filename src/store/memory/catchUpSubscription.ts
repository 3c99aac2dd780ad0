import { Observable } from 'rxjs';
import type { Subscriber } from 'rxjs';
import type { RecordedEvent } from '../port.js';

/** What a subscription needs from the store: its log and a place to register for appends. */
export interface LiveLog {
  readonly log: readonly RecordedEvent[];
  /** Called after every committed append; returns the function that unregisters. */
  readonly listen: (onAppend: () => void, onClose: () => void) => () => void;
}

/**
 * A catch-up subscription over a log whose positions are indexes. One cursor
 * serves history and live events alike, so there is no seam to get wrong: every
 * wake-up delivers log[cursor..] in order, whether the events were there at
 * subscribe time or appended since, even from inside this subscriber's own
 * `next`. History is delivered in chunks, yielding to the event loop between
 * them so a long replay does not starve appenders or timers.
 */
export const catchUpSubscription = (
  live: LiveLog,
  startIndex: () => number,
  keep: ((e: RecordedEvent) => boolean) | undefined,
  chunkSize: number,
): Observable<RecordedEvent> =>
  new Observable<RecordedEvent>((subscriber: Subscriber<RecordedEvent>) => {
    const { log } = live;
    let cursor = startIndex();
    let delivering = false;
    let resumeLater: ReturnType<typeof setImmediate> | undefined;

    const deliver = (): void => {
      if (delivering || resumeLater !== undefined) return;
      delivering = true;
      try {
        let budget = chunkSize;
        while (cursor < log.length && !subscriber.closed) {
          if (budget-- === 0) {
            resumeLater = setImmediate(() => {
              resumeLater = undefined;
              deliver();
            });
            return;
          }
          const e = log[cursor++]!;
          if (keep === undefined || keep(e)) subscriber.next(e);
        }
      } finally {
        delivering = false;
      }
    };

    const unlisten = live.listen(deliver, () => subscriber.complete());
    deliver();
    return () => {
      unlisten();
      if (resumeLater !== undefined) clearImmediate(resumeLater);
    };
  });
