import { closeSync, openSync, readSync, statSync } from 'node:fs';

/**
 * What the first 100 bytes of an SQLite file say, read without SQLite so a
 * file that is not a database, or one cut short, is recognised before any
 * connection could write to it. Layout: https://sqlite.org/fileformat.html
 */
export type FileVerdict =
  | { readonly kind: 'absent' }
  | { readonly kind: 'empty' }
  | { readonly kind: 'sqlite' }
  | { readonly kind: 'damaged'; readonly why: string };

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;

const sizeOf = (path: string): number | undefined => {
  try {
    return statSync(path).size;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
};

export const inspectFile = (path: string): FileVerdict => {
  const size = sizeOf(path);
  if (size === undefined) return { kind: 'absent' };
  if (size === 0) return { kind: 'empty' };
  if (size < HEADER_SIZE) return { kind: 'damaged', why: `it is ${size} bytes long, shorter than an SQLite header` };
  const header = Buffer.alloc(HEADER_SIZE);
  const fd = openSync(path, 'r');
  try {
    readSync(fd, header, 0, HEADER_SIZE, 0);
  } finally {
    closeSync(fd);
  }
  if (!header.subarray(0, MAGIC.length).equals(MAGIC)) {
    return { kind: 'damaged', why: 'it does not start with the SQLite header' };
  }
  const rawPageSize = header.readUInt16BE(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  if (pageSize < 512 || (pageSize & (pageSize - 1)) !== 0) {
    return { kind: 'damaged', why: `its header declares an impossible page size (${rawPageSize})` };
  }
  // With pages still in the write-ahead log the main file may lag its header
  // (a checkpoint cut short), so the length check only holds without one.
  const walSize = sizeOf(`${path}-wal`) ?? 0;
  const pageCount = header.readUInt32BE(28);
  const countIsValid = pageCount > 0 && header.readUInt32BE(24) === header.readUInt32BE(92);
  if (walSize === 0 && countIsValid && pageCount * pageSize > size) {
    return {
      kind: 'damaged',
      why: `it is truncated: its header declares ${pageCount * pageSize} bytes but the file holds ${size}`,
    };
  }
  return { kind: 'sqlite' };
};
