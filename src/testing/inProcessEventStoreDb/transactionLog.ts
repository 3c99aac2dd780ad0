import { randomUUID } from 'node:crypto';
import type { ExpectedState } from './expectedState.js';
import { DELETED_STREAM, metastreamOf, truncateBeforeOf, withTruncateBefore } from './streamMetadata.js';
import type { TruncateBefore } from './streamMetadata.js';
import { checkWrite } from './writeCheck.js';
import type { CommittedEventInfo } from './writeCheck.js';

export interface ProposedEvent {
  /** Canonical lower-case UUID. */
  readonly id: string;
  readonly type: string;
  readonly contentType: string;
  readonly data: Uint8Array;
  readonly metadata: Uint8Array;
}

/** One record of the log. Its position is its byte offset; commit and prepare positions are equal (as in v20+). */
export interface LogRecord extends ProposedEvent {
  readonly position: number;
  readonly streamName: string;
  /** Event number in its stream; meaningless for a tombstone (which is long.MaxValue on the wire). */
  readonly revision: number;
  readonly tombstone: boolean;
  /** Creation time in 100 ns ticks since the Unix epoch, as the protocol carries it. */
  readonly created: string;
}

interface StreamEntry {
  readonly records: LogRecord[];
  tombstone: LogRecord | undefined;
}

export type WriteOutcome =
  | { readonly kind: 'written' | 'idempotent'; readonly lastRevision: number; readonly lastPosition: number }
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: number }
  | { readonly kind: 'stream_deleted' };

export type DeleteOutcome =
  | { readonly kind: 'deleted'; readonly position: number }
  | { readonly kind: 'wrong_expected_version'; readonly currentRevision: number }
  | { readonly kind: 'stream_deleted' };

/** What a stream read sees. */
export type StreamView =
  | { readonly kind: 'not_found' }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'found'; readonly records: readonly LogRecord[]; readonly firstVisible: number };

export interface TransactionLog {
  /** Every record, in log order ($all). */
  readonly records: readonly LogRecord[];
  /** Index of the first record at or after a position. */
  indexAtOrAfter(position: number): number;
  /**
   * Whether reading may start at a position: a record's own position, or the
   * end of the log. Any other offset falls inside a record, and EventStoreDB
   * refuses to read there.
   */
  isReadablePosition(position: number): boolean;
  viewStream(streamName: string): StreamView;
  /** Revision of the stream's last event, -1 when none (tombstones aside). */
  currentRevision(streamName: string): number;
  isTombstoned(streamName: string): boolean;
  write(streamName: string, expected: ExpectedState, events: readonly ProposedEvent[]): WriteOutcome;
  softDelete(streamName: string, expected: ExpectedState): DeleteOutcome;
  tombstone(streamName: string, expected: ExpectedState): DeleteOutcome;
  /** Appends without checks: for the server's own system events. */
  appendSystemEvent(streamName: string, type: string, json: unknown): LogRecord;
  /** Resolves at the next commit (or when `wake` is called). */
  nextCommit(): Promise<void>;
  wake(): void;
}

const RECORD_HEADER_BYTES = 80;
const ticksNow = (): string => (BigInt(Date.now()) * 10_000n).toString();
const utf8Length = (s: string): number => Buffer.byteLength(s, 'utf8');

/**
 * The server's storage: an append-only log of records, an index per stream,
 * and the index of committed event ids that makes appends idempotent. It lives
 * in memory and outlives the gRPC server, so a restart keeps the data.
 */
export const createTransactionLog = (): TransactionLog => {
  const records: LogRecord[] = [];
  const streams = new Map<string, StreamEntry>();
  const committedIds = new Map<string, CommittedEventInfo>();
  let nextPosition = 0;
  let wakeUp: (() => void) | undefined;
  let commitSignal: Promise<void> | undefined;

  const signalCommit = (): void => {
    const resolve = wakeUp;
    wakeUp = undefined;
    commitSignal = undefined;
    resolve?.();
  };

  const appendRecord = (streamName: string, revision: number, event: ProposedEvent, tombstone = false): LogRecord => {
    const record: LogRecord = {
      ...event,
      position: nextPosition,
      streamName,
      revision,
      tombstone,
      created: ticksNow(),
    };
    nextPosition +=
      RECORD_HEADER_BYTES + utf8Length(streamName) + utf8Length(event.type) + event.data.length + event.metadata.length;
    records.push(record);
    let entry = streams.get(streamName);
    if (entry === undefined) {
      entry = { records: [], tombstone: undefined };
      streams.set(streamName, entry);
    }
    if (tombstone) entry.tombstone = record;
    else {
      entry.records.push(record);
      committedIds.set(event.id, { streamName, revision });
    }
    return record;
  };

  const lastMetadataOf = (streamName: string): Uint8Array | undefined => {
    const meta = streams.get(metastreamOf(streamName))?.records;
    return meta === undefined || meta.length === 0 ? undefined : meta[meta.length - 1]!.data;
  };

  const truncateBefore = (streamName: string): TruncateBefore =>
    streamName.startsWith('$$') ? { kind: 'none' } : truncateBeforeOf(lastMetadataOf(streamName));

  const currentRevision = (streamName: string): number => (streams.get(streamName)?.records.length ?? 0) - 1;

  const writeMetadata = (streamName: string, tb: bigint): LogRecord => {
    const metastream = metastreamOf(streamName);
    return appendRecord(metastream, currentRevision(metastream) + 1, {
      id: randomUUID(),
      type: '$metadata',
      contentType: 'application/json',
      data: withTruncateBefore(lastMetadataOf(streamName), tb),
      metadata: new Uint8Array(0),
    });
  };

  const decide = (streamName: string, expected: ExpectedState, eventIds: readonly string[]) => {
    const entry = streams.get(streamName);
    return checkWrite({
      streamName,
      currentRevision: currentRevision(streamName),
      tombstoned: entry?.tombstone !== undefined,
      softDeleted: truncateBefore(streamName).kind === 'deleted',
      metastreamExists: currentRevision(metastreamOf(streamName)) >= 0,
      expected,
      eventIds,
      committed: (id) => committedIds.get(id),
      idAt: (revision) => entry?.records[revision]?.id,
    });
  };

  const indexAtOrAfter = (position: number): number => {
    let lo = 0;
    let hi = records.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (records[mid]!.position < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };

  const deleteWith = (
    streamName: string,
    expected: ExpectedState,
    commit: () => LogRecord,
  ): DeleteOutcome => {
    const decision = decide(streamName, expected, []);
    if (decision.kind === 'deleted') return { kind: 'stream_deleted' };
    if (decision.kind !== 'ok') return { kind: 'wrong_expected_version', currentRevision: currentRevision(streamName) };
    const record = commit();
    signalCommit();
    return { kind: 'deleted', position: record.position };
  };

  return {
    records,

    indexAtOrAfter,

    isReadablePosition: (position) => {
      if (position === nextPosition) return true;
      const index = indexAtOrAfter(position);
      return index < records.length && records[index]!.position === position;
    },

    viewStream: (streamName) => {
      const entry = streams.get(streamName);
      if (entry?.tombstone !== undefined) return { kind: 'deleted' };
      if (streamName.startsWith('$$') && streams.get(streamName.slice(2))?.tombstone !== undefined) return { kind: 'deleted' };
      if (entry === undefined || entry.records.length === 0) return { kind: 'not_found' };
      const tb = truncateBefore(streamName);
      if (tb.kind === 'deleted') return { kind: 'not_found' };
      return { kind: 'found', records: entry.records, firstVisible: tb.kind === 'before' ? tb.revision : 0 };
    },

    currentRevision,

    isTombstoned: (streamName) => streams.get(streamName)?.tombstone !== undefined,

    write: (streamName, expected, events) => {
      const decision = decide(
        streamName,
        expected,
        events.map((e) => e.id),
      );
      switch (decision.kind) {
        case 'deleted':
          return { kind: 'stream_deleted' };
        case 'wrong_expected_version':
          return { kind: 'wrong_expected_version', currentRevision: currentRevision(streamName) };
        case 'idempotent': {
          const record = streams.get(streamName)!.records[decision.lastRevision]!;
          return { kind: 'idempotent', lastRevision: decision.lastRevision, lastPosition: record.position };
        }
        case 'ok': {
          const current = currentRevision(streamName);
          if (events.length === 0) return { kind: 'written', lastRevision: current, lastPosition: -1 };
          if (decision.softUndelete) writeMetadata(streamName, BigInt(current + 1));
          let last: LogRecord | undefined;
          events.forEach((event, i) => {
            last = appendRecord(streamName, current + 1 + i, event);
          });
          signalCommit();
          return { kind: 'written', lastRevision: last!.revision, lastPosition: last!.position };
        }
      }
    },

    softDelete: (streamName, expected) => deleteWith(streamName, expected, () => writeMetadata(streamName, DELETED_STREAM)),

    tombstone: (streamName, expected) =>
      deleteWith(streamName, expected, () =>
        appendRecord(
          streamName,
          -1,
          {
            id: randomUUID(),
            type: '$streamDeleted',
            contentType: 'application/octet-stream',
            data: new Uint8Array(0),
            metadata: new Uint8Array(0),
          },
          true,
        ),
      ),

    appendSystemEvent: (streamName, type, json) => {
      const record = appendRecord(streamName, currentRevision(streamName) + 1, {
        id: randomUUID(),
        type,
        contentType: 'application/json',
        data: Buffer.from(JSON.stringify(json), 'utf8'),
        metadata: new Uint8Array(0),
      });
      signalCommit();
      return record;
    },

    nextCommit: () => {
      commitSignal ??= new Promise<void>((resolve) => {
        wakeUp = resolve;
      });
      return commitSignal;
    },

    wake: signalCommit,
  };
};
