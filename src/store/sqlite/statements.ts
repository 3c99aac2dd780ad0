import type Database from 'better-sqlite3';
import type { EventFilter } from '../port.js';

/**
 * A row of the events table as read: an array in COLUMNS order (statements in
 * raw mode skip building an object per row, about a third of the read cost).
 */
export type EventRow = readonly [
  position: number,
  id: string,
  stream: string,
  revision: number,
  type: string,
  data: string,
  metadata: string,
];

/** Where a stored event id sits, for the idempotency check. */
export interface IdRow {
  readonly stream: string;
  readonly revision: number;
  readonly position: number;
}

const COLUMNS = 'position, id, stream, revision, type, data, metadata';
const CATEGORY = "CASE WHEN instr(stream, '-') > 0 THEN substr(stream, 1, instr(stream, '-') - 1) ELSE stream END";

/** Filters bind their list as one JSON array parameter, so each shape is one prepared statement. */
const FILTERS = {
  none: '',
  category: `AND ${CATEGORY} IN (SELECT value FROM json_each(?))`,
  eventType: 'AND type IN (SELECT value FROM json_each(?))',
} as const;
export type FilterShape = keyof typeof FILTERS;

/** The statement shape and the extra parameters a filter needs. */
export const filterBinding = (filter: EventFilter | undefined): { shape: FilterShape; args: string[] } => {
  if (filter === undefined) return { shape: 'none', args: [] };
  return filter.by === 'category'
    ? { shape: 'category', args: [JSON.stringify(filter.categories)] }
    : { shape: 'eventType', args: [JSON.stringify(filter.types)] };
};

type Read<P extends unknown[]> = Database.Statement<P, EventRow>;

/** count, then max(position) (null when nothing matched). */
export type CountRow = readonly [count: number, lastPosition: number | null];
type ByFilter<P extends unknown[]> = { readonly [K in FilterShape]: Read<P> };

/** Every statement the store runs, prepared once per connection. */
export interface Statements {
  readonly lastRevision: Database.Statement<[string], number>;
  readonly headPosition: Database.Statement<[], number | null>;
  readonly insert: Database.Statement<[string, string, number, string, string, string]>;
  readonly findId: Database.Statement<[string], IdRow>;
  readonly streamForwards: Read<[string, number, number]>;
  readonly streamBackwards: Read<[string, number, number]>;
  /** (from, [filter list], limit): forwards from a position, inclusive. */
  readonly allForwards: ByFilter<unknown[]>;
  /** (before, [filter list], limit): backwards before a position, exclusive. */
  readonly allBackwards: ByFilter<unknown[]>;
  /** (after, upTo, [filter list], limit): the page a subscription reads next. */
  readonly allBetween: ByFilter<unknown[]>;
  /** ([filter list]): how many events match and the last one's position. */
  readonly countAll: { readonly [K in FilterShape]: Database.Statement<unknown[], CountRow> };
  readonly dataVersion: Database.Statement<[], number>;
}

const reader = <P extends unknown[]>(db: Database.Database, sql: string): Read<P> =>
  db.prepare<P, EventRow>(sql).raw(true);

const byFilter = (db: Database.Database, sql: (filter: string) => string): ByFilter<unknown[]> => ({
  none: reader(db, sql(FILTERS.none)),
  category: reader(db, sql(FILTERS.category)),
  eventType: reader(db, sql(FILTERS.eventType)),
});

const counter = (db: Database.Database, sql: string): Database.Statement<unknown[], CountRow> =>
  db.prepare<unknown[], CountRow>(sql).raw(true);

/**
 * Counts read no event's data: unfiltered, two subqueries so SQLite can use
 * its count and max shortcuts (asked together they would scan the table);
 * by category, a scan of the (stream, revision) index, which also holds the
 * position; only a filter by type reads the table's rows.
 */
const countStatements = (db: Database.Database): Statements['countAll'] => ({
  none: counter(db, 'SELECT (SELECT count(*) FROM events), (SELECT max(position) FROM events)'),
  category: counter(db, `SELECT count(*), max(position) FROM events WHERE true ${FILTERS.category}`),
  eventType: counter(db, `SELECT count(*), max(position) FROM events WHERE true ${FILTERS.eventType}`),
});

export const prepareStatements = (db: Database.Database): Statements => ({
  lastRevision: db
    .prepare<[string], number>('SELECT revision FROM events WHERE stream = ? ORDER BY revision DESC LIMIT 1')
    .pluck(),
  headPosition: db.prepare<[], number | null>('SELECT max(position) FROM events').pluck(),
  insert: db.prepare('INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)'),
  findId: db.prepare('SELECT stream, revision, position FROM events WHERE id = ?'),
  streamForwards: reader(
    db,
    `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision >= ? ORDER BY revision ASC LIMIT ?`,
  ),
  streamBackwards: reader(
    db,
    `SELECT ${COLUMNS} FROM events WHERE stream = ? AND revision <= ? ORDER BY revision DESC LIMIT ?`,
  ),
  allForwards: byFilter(
    db,
    (f) => `SELECT ${COLUMNS} FROM events WHERE position >= ? ${f} ORDER BY position ASC LIMIT ?`,
  ),
  allBackwards: byFilter(
    db,
    (f) => `SELECT ${COLUMNS} FROM events WHERE position < ? ${f} ORDER BY position DESC LIMIT ?`,
  ),
  allBetween: byFilter(
    db,
    (f) => `SELECT ${COLUMNS} FROM events WHERE position > ? AND position <= ? ${f} ORDER BY position ASC LIMIT ?`,
  ),
  countAll: countStatements(db),
  dataVersion: db.prepare<[], number>('PRAGMA data_version').pluck(),
});
