import type Database from 'better-sqlite3';

/**
 * The file format of the SQLite event store, versioned with PRAGMA user_version.
 *
 * One table holds every event: `position` is the rowid, so the global order is
 * the order of commits (writers serialise on BEGIN IMMEDIATE and SQLite hands
 * out rowids inside the write lock). UNIQUE(stream, revision) gives each
 * stream a B-tree index whose last entry is the stream's current revision:
 * the expected-revision check is one index descent, the same cost as a lookup
 * in a separate streams table, without a second write per append.
 */

/** Marks the file as ours (PRAGMA application_id): "CMES" in ASCII. */
export const APPLICATION_ID = 0x434d4553;

/** The newest schema this code reads and writes. */
export const SCHEMA_VERSION = 1;

export interface Migration {
  /** The user_version the file has once this migration has run. */
  readonly version: number;
  readonly up: (db: Database.Database) => void;
}

/** Run in order, each inside the opening write transaction. Never edit a released one; add the next. */
export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    up: (db) => {
      db.exec(`
        CREATE TABLE events (
          position INTEGER PRIMARY KEY,
          id       TEXT    NOT NULL UNIQUE,
          stream   TEXT    NOT NULL,
          revision INTEGER NOT NULL,
          type     TEXT    NOT NULL,
          data     TEXT    NOT NULL,
          metadata TEXT    NOT NULL,
          UNIQUE (stream, revision)
        );
      `);
    },
  },
];

/** Tables a file of the current schema must hold; their absence means the file is not ours or is damaged. */
export const REQUIRED_TABLES: readonly string[] = ['events'];
