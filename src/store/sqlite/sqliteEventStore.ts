import type { Observable } from 'rxjs';
import { validateAppend } from '../appendValidation.js';
import type { AllCount, CountAllOptions, EventStore, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../port.js';
import { createAppend } from './append.js';
import { createChangeFeed } from './changeFeed.js';
import { openDatabase } from './openDatabase.js';
import { toRecordedEvent } from './rows.js';
import { closedError, toStoreError } from './sqliteErrors.js';
import { filterBinding, prepareStatements } from './statements.js';
import { subscribeFromTable } from './subscription.js';

export interface SqliteEventStoreOptions {
  /** The database file; created with the current schema when absent. */
  readonly path: string;
  /** How often subscriptions look for events appended by other processes. Default 100 ms. */
  readonly pollIntervalMs?: number;
  /** How long a write waits for another connection's write lock before failing. Default 5000 ms. */
  readonly busyTimeoutMs?: number;
  /** Refuse to create the file when it does not exist (STORE_UNAVAILABLE). Default false. */
  readonly mustExist?: boolean;
  /**
   * `normal` (default) keeps every commit through a process crash; `full` also
   * through a power cut or OS crash, at the price of an fsync per append.
   */
  readonly durability?: 'normal' | 'full';
}

const LAST = Number.MAX_SAFE_INTEGER;
/** `start` read backwards is the first revision/position; any number stands for itself. */
const atStart = (from: number | 'start'): number => (from === 'start' ? 0 : from);
/** `end` read forwards is past the last revision/position. */
const atEnd = (from: number | 'end'): number => (from === 'end' ? LAST : from);

/** SQL LIMIT: -1 is no limit; like the in-memory store, a negative count reads nothing. */
const limitOf = (maxCount: number | undefined): number =>
  maxCount === undefined || !Number.isFinite(maxCount) ? -1 : Math.max(0, Math.floor(maxCount));

/**
 * An EventStore in one SQLite file (WAL mode), for a single service, an
 * operator or an auditor on one machine. Several processes may share the
 * file: writes serialise on SQLite's write lock and subscriptions poll for
 * each other's appends. Opening throws a StoreError (STORE_CORRUPT,
 * STORE_VERSION_UNSUPPORTED, STORE_UNAVAILABLE) without writing to a file it refuses.
 */
export const createSqliteEventStore = (options: SqliteEventStoreOptions): EventStore => {
  const { path } = options;
  const db = openDatabase({
    path,
    busyTimeoutMs: options.busyTimeoutMs ?? 5000,
    mustExist: options.mustExist ?? false,
    synchronous: options.durability === 'full' ? 'FULL' : 'NORMAL',
  });
  const statements = prepareStatements(db);
  const append = createAppend(db, statements);
  const feed = createChangeFeed(statements, options.pollIntervalMs ?? 100);
  let closed = false;

  /** Runs synchronous database work, mapping every failure to a StoreError. */
  const guard = <T>(doing: string, work: () => T): T => {
    if (closed) throw closedError(path);
    try {
      return work();
    } catch (e) {
      throw toStoreError(e, path, doing);
    }
  };

  const readStream = (streamName: string, o: ReadStreamOptions | undefined): RecordedEvent[] => {
    const from = o?.fromRevision;
    const limit = limitOf(o?.maxCount);
    const rows =
      o?.direction === 'backwards'
        ? statements.streamBackwards.all(streamName, from === undefined || from === 'end' ? LAST : atStart(from), limit)
        : statements.streamForwards.all(streamName, from === undefined || from === 'start' ? 0 : atEnd(from), limit);
    return rows.map(toRecordedEvent);
  };

  const readAll = (o: ReadAllOptions | undefined): RecordedEvent[] => {
    const from = o?.fromPosition;
    const limit = limitOf(o?.maxCount);
    const { shape, args } = filterBinding(o?.filter);
    const rows =
      o?.direction === 'backwards'
        ? statements.allBackwards[shape].all(from === undefined || from === 'end' ? LAST : atStart(from), ...args, limit)
        : statements.allForwards[shape].all(from === undefined || from === 'start' ? 0 : atEnd(from), ...args, limit);
    return rows.map(toRecordedEvent);
  };

  const countAll = (o: CountAllOptions | undefined): AllCount => {
    const { shape, args } = filterBinding(o?.filter);
    const [count, lastPosition] = statements.countAll[shape].get(...args)!;
    return { count, lastPosition: lastPosition ?? -1 };
  };

  return {
    appendToStream: async (streamName, events, appendOptions) => {
      const expected = appendOptions?.expectedRevision ?? 'any';
      const result = guard('appending', () => {
        const invalid = validateAppend(streamName, events, expected);
        if (invalid !== undefined) throw invalid;
        return append(streamName, events, expected);
      });
      feed.committed();
      return result;
    },

    readStream: async (streamName, o) => guard('reading a stream', () => readStream(streamName, o)),

    readAll: async (o) => guard('reading all', () => readAll(o)),

    countAll: async (o) => guard('counting all', () => countAll(o)),

    subscribeToAll: (o): Observable<RecordedEvent> =>
      subscribeFromTable({ statements, feed, guard }, o?.fromPosition, o?.filter),

    close: async () => {
      if (closed) return;
      closed = true;
      feed.close();
      db.close();
    },
  };
};
