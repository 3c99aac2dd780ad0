import type { Observable } from 'rxjs';

/**
 * The event store port. Every adapter (in-memory, SQLite, EventStoreDB)
 * implements it with the same semantics, proven by test/contract.
 *
 * - Stream revisions start at 0 and have no gaps.
 * - Every event also has a position in one global order over all streams
 *   ($all). Positions grow strictly; they need not be contiguous
 *   (EventStoreDB uses byte offsets in its log).
 * - The category of a stream is its name up to the first '-'
 *   (`change_request-42` belongs to `change_request`).
 */

/** JSON-compatible value, as stored. */
export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };
export type JsonObject = { readonly [key: string]: Json };

/**
 * What the writer expects of the stream before the append:
 * - `any`: no check;
 * - `no_stream`: the stream must not exist;
 * - `stream_exists`: the stream must hold at least one event;
 * - a number: the revision of the stream's last event must be exactly that.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | number;

/** The actual state of a stream, as reported by a conflict. */
export type ActualRevision = 'no_stream' | number;

export interface EventToAppend {
  /** Unique id of the event (a UUID). Appends are idempotent by it where the store supports it. */
  readonly id: string;
  readonly type: string;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface RecordedEvent {
  readonly id: string;
  readonly type: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: number;
  readonly data: JsonObject;
  readonly metadata: JsonObject;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextExpectedRevision: number;
  /** Global position of the last event appended. */
  readonly position: number;
}

export type Direction = 'forwards' | 'backwards';

export interface ReadStreamOptions {
  readonly direction?: Direction;
  /** Inclusive start revision; defaults to the first (forwards) or last (backwards) event. */
  readonly fromRevision?: number | 'start' | 'end';
  readonly maxCount?: number;
}

/** Keeps events by stream category or by event type. */
export type EventFilter =
  | { readonly by: 'category'; readonly categories: readonly string[] }
  | { readonly by: 'eventType'; readonly types: readonly string[] };

export interface ReadAllOptions {
  readonly direction?: Direction;
  /**
   * Forwards: events at or after this position. Backwards: events strictly
   * before it. Defaults to the beginning (forwards) or the end (backwards).
   */
  readonly fromPosition?: number | 'start' | 'end';
  readonly maxCount?: number;
  readonly filter?: EventFilter;
}

export interface CountAllOptions {
  readonly filter?: EventFilter;
}

/** How many events $all holds (through a filter) and where the last of them is. */
export interface AllCount {
  readonly count: number;
  /** Global position of the last counted event; -1 when none was counted. */
  readonly lastPosition: number;
}

export interface SubscribeToAllOptions {
  /**
   * Exclusive start: `start` delivers every event, a position P delivers the
   * events after P, `end` delivers only events appended after subscribing.
   */
  readonly fromPosition?: number | 'start' | 'end';
  readonly filter?: EventFilter;
}

export interface EventStore {
  /**
   * Appends a batch atomically, or rejects with a StoreError and writes
   * nothing. An empty batch, a missing id or type, non-object data or
   * metadata, or a malformed expected revision is INVALID_APPEND.
   */
  appendToStream(
    streamName: string,
    events: readonly EventToAppend[],
    options?: { readonly expectedRevision?: ExpectedRevision },
  ): Promise<AppendResult>;

  /** Reads one stream. A stream that does not exist reads as empty. */
  readStream(streamName: string, options?: ReadStreamOptions): Promise<readonly RecordedEvent[]>;

  /** Reads the global log, in global order (or its reverse). */
  readAll(options?: ReadAllOptions): Promise<readonly RecordedEvent[]>;

  /**
   * Counts the events `readAll({ filter })` would return now, without
   * reading them: `count` of them, the last at `lastPosition` (-1 if none).
   * Meant for sizing a replay before it starts (progress reporting).
   */
  countAll(options?: CountAllOptions): Promise<AllCount>;

  /**
   * Catch-up subscription to all: historical events first, then live ones,
   * with no gap and no duplicate where one turns into the other. Cold: each
   * subscriber gets its own. Unsubscribing releases everything.
   */
  subscribeToAll(options?: SubscribeToAllOptions): Observable<RecordedEvent>;

  /** Releases the store's resources; further calls reject with STORE_CLOSED. Closing twice is harmless. */
  close(): Promise<void>;
}

/** Category of a stream: the part of its name before the first '-'. */
export const categoryOf = (streamName: string): string => {
  const dash = streamName.indexOf('-');
  return dash === -1 ? streamName : streamName.slice(0, dash);
};

export const matchesFilter = (filter: EventFilter | undefined, streamName: string, type: string): boolean => {
  if (filter === undefined) return true;
  return filter.by === 'category'
    ? filter.categories.includes(categoryOf(streamName))
    : filter.types.includes(type);
};
