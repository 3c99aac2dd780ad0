import { Observable } from 'rxjs';
import { StoreError } from './errors.js';
import type {
  AppendResult,
  CountAllOptions,
  EventStore,
  EventToAppend,
  ExpectedRevision,
  ReadAllOptions,
  ReadStreamOptions,
  RecordedEvent,
  SubscribeToAllOptions,
} from './port.js';
import { checkExpectedRevision, validateAppend } from './appendValidation.js';
import { catchUpSubscription } from './memory/catchUpSubscription.js';
import type { LiveLog } from './memory/catchUpSubscription.js';
import { compileFilter, countAllRange, readAllRange, readStreamRange } from './memory/ranges.js';
import { countCategories, tallyOf, type CategoryTally } from './memory/categoryTallies.js';

export interface InMemoryEventStoreOptions {
  /** Events a catch-up subscription delivers before yielding to the event loop (default 1,000). */
  readonly catchUpChunkSize?: number;
}

export interface InMemoryEventStore extends EventStore {
  /** Live subscriptions currently registered (for tests and leak checks). */
  listenerCount(): number;
}

interface Stream {
  /** The name as first appended, shared by every record of the stream. */
  readonly name: string;
  readonly records: RecordedEvent[];
  /** The running count of its category, shared by the category's streams. */
  readonly tally: CategoryTally;
}

/**
 * Makes V8 flatten a string built by concatenation (a template literal gives a
 * tree of pieces). Done once per stream for the name all its records share;
 * not per event: flattening every event id (crypto.randomUUID() returns such a
 * tree, ~480 bytes instead of ~60) halves the append rate, so that is the
 * event creator's job, where the string is young and flattening is cheap.
 */
const flattened = (s: string): string => {
  s.charCodeAt(0);
  return s;
};

interface Listener {
  readonly onAppend: () => void;
  readonly onClose: () => void;
}

const closedError = (): StoreError => new StoreError('STORE_CLOSED', 'The in-memory event store is closed');

/**
 * An event store held in process memory: a Map from stream name to its
 * records plus one global log, where an event's position is its index.
 * Appends cost the same whatever the store's size: one Map lookup, one check,
 * two pushes per event.
 *
 * Ownership: the store keeps the `data` and `metadata` objects it is handed,
 * without copying or freezing them (that would dominate append cost). The
 * caller gives them up on append and readers must treat them as read-only.
 * Recorded events themselves are frozen and every read returns a fresh array,
 * so nobody can renumber, retype or reorder what was stored.
 *
 * An empty batch is refused with INVALID_APPEND: an append result names the
 * position of the last event written, and there would be none.
 */
export const createInMemoryEventStore = (options: InMemoryEventStoreOptions = {}): InMemoryEventStore => {
  const chunkSize = Math.max(1, options.catchUpChunkSize ?? 1_000);
  const streams = new Map<string, Stream>();
  const categories = new Map<string, CategoryTally>();
  const log: RecordedEvent[] = [];
  const listeners = new Set<Listener>();
  let closed = false;

  const live: LiveLog = {
    log,
    listen: (onAppend, onClose) => {
      const listener: Listener = { onAppend, onClose };
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };

  const append = (
    streamName: string,
    events: readonly EventToAppend[],
    expectedRevision: ExpectedRevision,
  ): AppendResult => {
    if (closed) throw closedError();
    const invalid = validateAppend(streamName, events, expectedRevision);
    if (invalid !== undefined) throw invalid;
    let stream = streams.get(streamName);
    const conflict = checkExpectedRevision(streamName, expectedRevision, stream === undefined ? -1 : stream.records.length - 1);
    if (conflict !== undefined) throw conflict;

    if (stream === undefined) {
      const name = flattened(streamName);
      stream = { name, records: [], tally: tallyOf(categories, name) };
      streams.set(stream.name, stream);
    }
    const { name, records } = stream;
    for (const e of events) {
      // Same property order for every record: one hidden class, cheap freeze.
      const record: RecordedEvent = Object.freeze({
        id: e.id,
        type: e.type,
        streamName: name,
        revision: records.length,
        position: log.length,
        data: e.data,
        metadata: e.metadata,
      });
      records.push(record);
      log.push(record);
    }
    stream.tally.count += events.length;
    stream.tally.lastPosition = log.length - 1;
    const result: AppendResult = { nextExpectedRevision: records.length - 1, position: log.length - 1 };
    // Live subscribers run here, synchronously; one of them may even close the store.
    for (const l of listeners) l.onAppend();
    return result;
  };

  return {
    appendToStream: (streamName, events, opts) => {
      try {
        return Promise.resolve(append(streamName, events, opts?.expectedRevision ?? 'any'));
      } catch (e) {
        return Promise.reject(e);
      }
    },

    readStream: (streamName: string, opts?: ReadStreamOptions) => {
      if (closed) return Promise.reject(closedError());
      const stream = streams.get(streamName);
      return Promise.resolve(stream === undefined ? [] : readStreamRange(stream.records, opts));
    },

    readAll: (opts?: ReadAllOptions) => (closed ? Promise.reject(closedError()) : Promise.resolve(readAllRange(log, opts))),

    countAll: (opts?: CountAllOptions) => {
      if (closed) return Promise.reject(closedError());
      const filter = opts?.filter;
      return Promise.resolve(filter?.by === 'category' ? countCategories(categories, filter.categories) : countAllRange(log, filter));
    },

    subscribeToAll: (opts?: SubscribeToAllOptions) => {
      const from = opts?.fromPosition ?? 'start';
      const startIndex = (): number =>
        from === 'start' ? 0 : from === 'end' ? log.length : Math.max(0, Math.floor(from) + 1);
      const subscription = catchUpSubscription(live, startIndex, compileFilter(opts?.filter), chunkSize);
      return new Observable<RecordedEvent>((subscriber) => {
        if (closed) {
          subscriber.error(closedError());
          return undefined;
        }
        return subscription.subscribe(subscriber);
      });
    },

    close: () => {
      if (!closed) {
        closed = true;
        const open = [...listeners];
        listeners.clear();
        for (const l of open) l.onClose();
        streams.clear();
        categories.clear();
        log.length = 0;
      }
      return Promise.resolve();
    },

    listenerCount: () => listeners.size,
  };
};
