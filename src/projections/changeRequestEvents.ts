import { Observable, type Subscriber, type TeardownLogic } from 'rxjs';
import { decodeRecordedEvent, type StoredEvent } from '../events/serialization.js';
import { changeRequestCategory } from '../events/streams.js';
import type { EventFilter, EventStore } from '../store/port.js';
import { ProjectionError } from './runner/errors.js';

export const changeRequestEvents: EventFilter = { by: 'category', categories: [changeRequestCategory] };

/** Position of the last change-request event in the store, -1 if none. */
export const headPosition = async (store: EventStore): Promise<number> => {
  const [last] = await store.readAll({ direction: 'backwards', maxCount: 1, filter: changeRequestEvents });
  return last === undefined ? -1 : last.position;
};

/** Every change-request event from the start, decoded; an unreadable event errors the stream with EVENT_UNREADABLE. */
export const decodedChangeRequestEvents = (store: EventStore): Observable<StoredEvent> =>
  new Observable<StoredEvent>((subscriber) =>
    store.subscribeToAll({ fromPosition: 'start', filter: changeRequestEvents }).subscribe({
      next: (recorded) => {
        const decoded = decodeRecordedEvent(recorded);
        if (decoded._tag === 'Right') return subscriber.next(decoded.right);
        const d = decoded.left;
        subscriber.error(
          new ProjectionError('EVENT_UNREADABLE', `${d.code} at ${d.streamName}@${d.revision}: ${d.message}`, {
            position: recorded.position,
            streamName: d.streamName,
          }),
        );
      },
      error: (e: unknown) => subscriber.error(new ProjectionError('STORE_FAILED', 'The subscription to the store failed', {}, { cause: e })),
      complete: () => subscriber.complete(),
    }),
  );

/**
 * Runs `setup` once the store's head position is known, so a feed can tell
 * history (position <= head) from live events. Errors of the head read
 * reach the subscriber.
 */
export const afterHead = <T>(
  store: EventStore,
  setup: (head: number, subscriber: Subscriber<T>) => TeardownLogic,
): Observable<T> =>
  new Observable<T>((subscriber) => {
    let teardown: TeardownLogic;
    let closed = false;
    headPosition(store).then(
      (head) => {
        if (!closed) teardown = setup(head, subscriber);
      },
      (e: unknown) => subscriber.error(new ProjectionError('STORE_FAILED', 'Could not read the store head', {}, { cause: e })),
    );
    return () => {
      closed = true;
      if (typeof teardown === 'function') teardown();
      else teardown?.unsubscribe();
    };
  });
