import Database from 'better-sqlite3';
import { StoreError } from '../errors.js';
import { inspectFile } from './fileHeader.js';
import { TUNING_PRAGMAS } from './pragmas.js';
import { APPLICATION_ID, MIGRATIONS, REQUIRED_TABLES, SCHEMA_VERSION } from './schema.js';
import { toStoreError } from './sqliteErrors.js';

export interface OpenOptions {
  readonly path: string;
  readonly busyTimeoutMs: number;
  /** Refuse to create the file when it does not exist. */
  readonly mustExist: boolean;
  /** SQLite `synchronous`: NORMAL survives a process crash, FULL also a power cut (one fsync per commit). */
  readonly synchronous: 'NORMAL' | 'FULL';
}

interface FileFacts {
  readonly applicationId: number;
  readonly userVersion: number;
  readonly tables: readonly string[];
}

const corrupt = (path: string, why: string): StoreError =>
  new StoreError('STORE_CORRUPT', `SQLite store ${path} cannot be opened: ${why}. Nothing was written to it.`);

const tooNew = (path: string, version: number): StoreError =>
  new StoreError(
    'STORE_VERSION_UNSUPPORTED',
    `SQLite store ${path} was written with schema version ${version}, newer than the ${SCHEMA_VERSION} this version ` +
      'of @maturion/change-management understands; upgrade the package to open it. Nothing was written to it.',
  );

const readFacts = (db: Database.Database): FileFacts => ({
  applicationId: db.pragma('application_id', { simple: true }) as number,
  userVersion: db.pragma('user_version', { simple: true }) as number,
  tables: db
    .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    .pluck()
    .all(),
});

/** Refuses a file that is not ours, is damaged, or is newer than this code. */
const judge = (path: string, facts: FileFacts): void => {
  const ours = facts.applicationId === APPLICATION_ID;
  if (!ours && (facts.applicationId !== 0 || facts.userVersion !== 0 || facts.tables.length > 0)) {
    throw corrupt(path, 'it is an SQLite database, but not a change-management event store');
  }
  if (facts.userVersion > SCHEMA_VERSION) throw tooNew(path, facts.userVersion);
  if (ours) {
    const missing = REQUIRED_TABLES.filter((t) => !facts.tables.includes(t));
    if (missing.length > 0) throw corrupt(path, `its table(s) ${missing.join(', ')} are missing`);
  }
};

/**
 * Looks at an existing file through a read-only connection, which cannot
 * write to it (not even a checkpoint on close), so a refused file is left
 * byte for byte as it was.
 */
const inspectExisting = (options: OpenOptions): void => {
  const { path } = options;
  const verdict = inspectFile(path);
  if (verdict.kind === 'absent') {
    if (options.mustExist) {
      throw new StoreError('STORE_UNAVAILABLE', `SQLite store ${path} does not exist. Nothing was created.`);
    }
    return;
  }
  if (verdict.kind === 'damaged') throw corrupt(path, verdict.why);
  if (verdict.kind === 'empty') return;
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { readonly: true, fileMustExist: true, timeout: options.busyTimeoutMs });
    judge(path, readFacts(db));
  } catch (e) {
    throw toStoreError(e, path, 'opening');
  } finally {
    db?.close();
  }
};

/** Brings a new or older file to the current schema; a current file is left alone, with no write lock taken. */
const migrate = (db: Database.Database, path: string): void => {
  const current = readFacts(db);
  judge(path, current);
  if (current.userVersion === SCHEMA_VERSION) return;
  db.transaction(() => {
    // Read again under the write lock: another process may have created or upgraded the file meanwhile.
    const facts = readFacts(db);
    judge(path, facts);
    for (const migration of MIGRATIONS) {
      if (migration.version > facts.userVersion) migration.up(db);
    }
    if (facts.userVersion < SCHEMA_VERSION) {
      db.pragma(`application_id = ${APPLICATION_ID}`);
      db.pragma(`user_version = ${SCHEMA_VERSION}`);
    }
  }).immediate();
};

/** Opens (creating or upgrading if needed) the store's database file, or throws a StoreError. */
export const openDatabase = (options: OpenOptions): Database.Database => {
  const { path } = options;
  inspectExisting(options);
  let db: Database.Database | undefined;
  try {
    db = new Database(path, { timeout: options.busyTimeoutMs });
    db.pragma('journal_mode = WAL');
    db.pragma(`synchronous = ${options.synchronous}`);
    for (const pragma of TUNING_PRAGMAS) db.pragma(pragma);
    migrate(db, path);
    return db;
  } catch (e) {
    db?.close();
    throw toStoreError(e, path, 'opening');
  }
};
