import Database from 'better-sqlite3';
import { StoreError, StoreUnavailableError } from '../errors.js';

/**
 * Maps the driver's errors to the port's at the edge, so callers only ever see
 * a StoreError with a stable code. `doing` names the operation for the message.
 */
export const toStoreError = (error: unknown, path: string, doing: string): StoreError => {
  if (error instanceof StoreError) return error;
  if (!(error instanceof Database.SqliteError)) {
    // The driver throws plain errors for what SQLite never saw (e.g. a missing folder, a closed handle).
    const message = error instanceof Error ? error.message : String(error);
    return new StoreError('STORE_UNAVAILABLE', `SQLite store ${path}: ${doing} failed: ${message}`, { cause: error });
  }
  const code = error.code;
  if (code.startsWith('SQLITE_CORRUPT') || code === 'SQLITE_NOTADB') {
    return new StoreError(
      'STORE_CORRUPT',
      `SQLite store ${path}: ${doing} failed: the file is damaged or is not an SQLite database (${code}: ${error.message})`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) {
    return new StoreUnavailableError(
      `SQLite store ${path}: ${doing} failed: the database stayed locked by another connection past the busy timeout (${code})`,
      { cause: error },
    );
  }
  if (code.startsWith('SQLITE_IOERR') || code === 'SQLITE_FULL') {
    return new StoreUnavailableError(`SQLite store ${path}: ${doing} failed: ${code}: ${error.message}`, { cause: error });
  }
  // Not passing by itself (a missing folder, no permission, a read-only file): a plain STORE_UNAVAILABLE.
  return new StoreError('STORE_UNAVAILABLE', `SQLite store ${path}: ${doing} failed: ${code}: ${error.message}`, {
    cause: error,
  });
};

export const closedError = (path: string): StoreError =>
  new StoreError('STORE_CLOSED', `SQLite store ${path} is closed`);
