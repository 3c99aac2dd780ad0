import Database from 'better-sqlite3';
import { StoreError, WrongExpectedRevisionError } from '../errors.js';
import type { AppendResult, EventToAppend, ExpectedRevision } from '../port.js';
import { checkExpectedRevision } from '../appendValidation.js';
import type { Statements } from './statements.js';

/** Thrown inside the write transaction when an event id is already stored, to roll it back. */
class DuplicateId extends Error {}

const isDuplicateId = (e: unknown): boolean =>
  e instanceof Database.SqliteError && e.code === 'SQLITE_CONSTRAINT_UNIQUE' && e.message.includes('events.id');

/**
 * The result of an earlier append of exactly this batch, if there was one: the
 * same ids, in order, at consecutive revisions of this stream, where the
 * expected revision puts them. A writer retrying after a lost reply then gets
 * its first answer again instead of a conflict or a duplicate.
 */
const earlierAppend = (
  s: Statements,
  streamName: string,
  events: readonly EventToAppend[],
  expected: ExpectedRevision,
): AppendResult | undefined => {
  const rows = events.map((e) => s.findId.get(e.id));
  const first = rows[0];
  if (first === undefined) return undefined;
  if (typeof expected === 'number' && first.revision !== expected + 1) return undefined;
  if (expected === 'no_stream' && first.revision !== 0) return undefined;
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (row === undefined || row.stream !== streamName || row.revision !== first.revision + i) return undefined;
  }
  const last = rows[rows.length - 1]!;
  return { nextExpectedRevision: last.revision, position: last.position };
};

const duplicateIdError = (s: Statements, streamName: string, events: readonly EventToAppend[]): StoreError => {
  const seen = new Set<string>();
  for (const e of events) {
    if (seen.has(e.id)) {
      return new StoreError(
        'INVALID_APPEND',
        `Append to ${JSON.stringify(streamName)} refused: event id ${e.id} appears twice in the batch`,
      );
    }
    seen.add(e.id);
    const stored = s.findId.get(e.id);
    if (stored !== undefined) {
      return new StoreError(
        'INVALID_APPEND',
        `Append to ${JSON.stringify(streamName)} refused: event id ${e.id} is already stored ` +
          `(stream ${JSON.stringify(stored.stream)}, revision ${stored.revision})`,
      );
    }
  }
  return new StoreError('INVALID_APPEND', `Append to ${JSON.stringify(streamName)} refused: an event id is already stored`);
};

export type Append = (streamName: string, events: readonly EventToAppend[], expected: ExpectedRevision) => AppendResult;

/**
 * Data and metadata of each event as JSON text, [data0, metadata0, data1, ...],
 * made before the write lock is taken so it is held only for the inserts.
 */
const serialise = (streamName: string, events: readonly EventToAppend[]): string[] => {
  const texts: string[] = new Array<string>(events.length * 2);
  for (let i = 0; i < events.length; i++) {
    const e = events[i]!;
    try {
      texts[2 * i] = JSON.stringify(e.data);
      texts[2 * i + 1] = JSON.stringify(e.metadata);
    } catch (cause) {
      throw new StoreError(
        'INVALID_APPEND',
        `Append to ${JSON.stringify(streamName)} refused: event #${i} cannot be serialised as JSON (${String(cause)})`,
        { cause },
      );
    }
  }
  return texts;
};

/**
 * Builds the append: the expected-revision check and every insert run in one
 * BEGIN IMMEDIATE transaction, so writers in other processes queue on the
 * write lock (for up to the busy timeout) and a batch is all there or absent.
 */
export const createAppend = (db: Database.Database, s: Statements): Append => {
  const write = db.transaction(
    (streamName: string, events: readonly EventToAppend[], texts: readonly string[], expected: ExpectedRevision) => {
      const last = s.lastRevision.get(streamName) ?? -1;
      const conflict = checkExpectedRevision(streamName, expected, last);
      if (conflict !== undefined) throw conflict;
      let revision = last;
      let position = 0;
      try {
        for (let i = 0; i < events.length; i++) {
          const e = events[i]!;
          revision += 1;
          const { lastInsertRowid } = s.insert.run(e.id, streamName, revision, e.type, texts[2 * i]!, texts[2 * i + 1]!);
          position = Number(lastInsertRowid);
        }
      } catch (e) {
        throw isDuplicateId(e) ? new DuplicateId() : e;
      }
      return { nextExpectedRevision: revision, position };
    },
  );

  return (streamName, events, expected) => {
    const texts = serialise(streamName, events);
    try {
      return write.immediate(streamName, events, texts, expected);
    } catch (e) {
      if (!(e instanceof WrongExpectedRevisionError || e instanceof DuplicateId)) throw e;
      const earlier = earlierAppend(s, streamName, events, expected);
      if (earlier !== undefined) return earlier;
      throw e instanceof DuplicateId ? duplicateIdError(s, streamName, events) : e;
    }
  };
};
