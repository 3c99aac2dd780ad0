import { status } from '@grpc/grpc-js';
import { BACKWARDS, END, FORWARDS, START } from '@eventstore/db-client';
import type { EventStoreDBClient, ReadPosition, ResolvedEvent } from '@eventstore/db-client';
import { StoreError } from '../errors.js';
import type { AllCount, CountAllOptions, ReadAllOptions, RecordedEvent } from '../port.js';
import { matchesFilter } from '../port.js';
import { commitPositionOf, isSystemEvent, positionOf, toRecordedEvent } from './recordedEvent.js';

const MIN_PAGE = 32;

/** The server refuses to start a read inside a record (gRPC INVALID_ARGUMENT, "invalid position"). */
export const isInvalidPosition = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { code?: unknown }).code === status.INVALID_ARGUMENT;

export const invalidPositionError = (position: unknown, cause: unknown): StoreError =>
  new StoreError(
    'STORE_UNAVAILABLE',
    `EventStoreDB cannot read $all from position ${String(position)}: it is not the position of an event (nor just after one)`,
    { cause },
  );
const MAX_PAGE = 1_000;

const positionAt = (commit: bigint): ReadPosition => ({ commit, prepare: commit });

const startOf = (from: ReadAllOptions['fromPosition'], backwards: boolean): ReadPosition => {
  if (from === undefined) return backwards ? END : START;
  if (from === 'start' || from === 'end') return from === 'start' ? START : END;
  // Forwards from P includes P; backwards from P excludes it: both as the server reads.
  const position = Math.ceil(from);
  return position <= 0 ? START : positionAt(BigInt(position));
};

/** One page, drained whole (leaving a read early would leave its gRPC call unconsumed). */
const readPage = async (
  client: EventStoreDBClient,
  direction: typeof FORWARDS | typeof BACKWARDS,
  fromPosition: ReadPosition,
  maxCount: number,
): Promise<ResolvedEvent[]> => {
  const page: ResolvedEvent[] = [];
  for await (const resolved of client.readAll({ direction, fromPosition, maxCount })) page.push(resolved);
  return page;
};

interface Scan {
  readonly direction?: ReadAllOptions['direction'];
  readonly fromPosition?: ReadAllOptions['fromPosition'];
  readonly filter?: ReadAllOptions['filter'];
  /** How many more events the caller wants (infinite for all): sizes the next page. */
  readonly wanted: () => number;
  /** Takes each event the caller asked for, in order; returns false to stop. */
  readonly visit: (resolved: ResolvedEvent) => boolean;
}

/**
 * Walks $all page by page, handing on the events the caller asked for: v6 of
 * the client cannot filter reads on the server, so system events and the
 * filter are applied here. Forwards, each page starts at the previous page's
 * last position (a position inside the log is always a record's own), whose
 * record is then skipped; backwards, the server already excludes the start.
 * Only one page is held at a time.
 */
const scanAll = async (client: EventStoreDBClient, scan: Scan): Promise<void> => {
  const backwards = scan.direction === 'backwards';
  let from = startOf(scan.fromPosition, backwards);
  if (backwards && from === START) return;
  if (!backwards && from === END) return;
  let skipUpTo: bigint | undefined;
  let firstPage = true;

  for (;;) {
    const wanted = scan.wanted();
    const pageSize = Math.min(MAX_PAGE, Math.max(MIN_PAGE, Number.isFinite(wanted) ? wanted * 2 : MAX_PAGE));
    let page: ResolvedEvent[];
    try {
      page = await readPage(client, backwards ? BACKWARDS : FORWARDS, from, pageSize);
    } catch (error) {
      // "After the event at q" is often asked as "from q + 1", which lies inside q's record:
      // read from q instead and skip q. Only once, and only for that shape.
      const at = typeof from === 'object' ? from.commit : 0n;
      if (!firstPage || backwards || at === 0n || !isInvalidPosition(error)) {
        throw isInvalidPosition(error) ? invalidPositionError(scan.fromPosition, error) : error;
      }
      from = positionAt(at - 1n);
      skipUpTo = at - 1n;
      continue;
    } finally {
      firstPage = false;
    }
    let lastPosition: bigint | undefined;
    for (const resolved of page) {
      const position = commitPositionOf(resolved);
      if (position !== undefined) lastPosition = position;
      if (skipUpTo !== undefined && position !== undefined && position <= skipUpTo) continue;
      const event = resolved.event;
      if (event === undefined || isSystemEvent(event.streamId, event.type)) continue;
      if (!matchesFilter(scan.filter, event.streamId, event.type)) continue;
      if (!scan.visit(resolved)) return;
    }
    if (page.length < pageSize || lastPosition === undefined) return;
    from = positionAt(lastPosition);
    if (!backwards) skipUpTo = lastPosition;
  }
};

/** Reads $all as the port's readAll: see scanAll. */
export const readAllEvents = async (client: EventStoreDBClient, options: ReadAllOptions = {}): Promise<RecordedEvent[]> => {
  const limit = options.maxCount === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(options.maxCount));
  const out: RecordedEvent[] = [];
  if (limit === 0) return out;
  await scanAll(client, {
    ...options,
    wanted: () => limit - out.length,
    visit: (resolved) => {
      out.push(toRecordedEvent(resolved));
      return out.length < limit;
    },
  });
  return out;
};

/**
 * Counts what readAllEvents would return for a filter, keeping only the tally
 * (the server has no count): memory stays one page whatever the log's size.
 */
export const countAllEvents = async (client: EventStoreDBClient, options: CountAllOptions = {}): Promise<AllCount> => {
  let count = 0;
  let lastPosition = -1;
  await scanAll(client, {
    ...options,
    wanted: () => Number.POSITIVE_INFINITY,
    visit: (resolved) => {
      count++;
      lastPosition = positionOf(resolved);
      return true;
    },
  });
  return { count, lastPosition };
};
