import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { isStoreError } from '../../store/errors.js';
import type { EventStore, EventToAppend } from '../../store/port.js';
import { createChecker, type CheckOptions, type JsonLinesSummary } from './checker.js';
import { JsonLinesFailure, jsonLinesError, type JsonLinesError } from './errors.js';
import type { EventLine } from './format.js';
import { splitLines } from './lines.js';

type Chunks = AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/**
 * Where an export comes from: a function that opens it afresh (read twice:
 * once to check, once to write), an array of chunks or lines (re-readable
 * as it is), or any other stream of chunks, e.g. a node Readable (read once
 * into a temporary file, which is then read twice).
 */
export type JsonLinesSource = (() => Chunks) | readonly (string | Uint8Array)[] | Chunks;

export interface ImportOptions extends CheckOptions {
  readonly maxLineBytes?: number;
  /** Most events per append (appends are atomic per stream batch). Default 500. */
  readonly batchSize?: number;
  /** Rough bound on one append's payload, below EventStoreDB's 1 MiB. Default 512 KiB. */
  readonly batchBytes?: number;
}

export interface ImportSummary extends JsonLinesSummary {
  readonly written: number;
}

const messageOf = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const failureOf = (e: unknown): JsonLinesError =>
  e instanceof JsonLinesFailure ? e.error : jsonLinesError('JSONL_SOURCE_FAILED', `Reading the export failed: ${messageOf(e)}`);

/** A write failed after the checks passed: another writer got there first, or the store failed. */
const writeFailure = (e: unknown, line?: number): JsonLinesError =>
  jsonLinesError(
    'IMPORT_WRITE_FAILED',
    `The store refused the import (${isStoreError(e) ? e.code : 'error'}: ${messageOf(e)}); events before this point may have been written`,
    line === undefined ? {} : { line },
  );

/** One checking pass; `onEvent` (the writer) sees each event only after its line checked out. */
const pass = async (
  chunks: Chunks,
  options: ImportOptions,
  onEvent?: (event: EventLine, lineLength: number) => Promise<void>,
): Promise<Either<JsonLinesError, { summary: JsonLinesSummary; streams: string[] }>> => {
  // The writing pass re-checks format, order and chains; the catalogue check of the first pass stands.
  const checker = createChecker({ ...options, decodeEvents: onEvent === undefined });
  try {
    for await (const numbered of splitLines(chunks, options.maxLineBytes)) {
      const accepted = checker.accept(numbered);
      if (E.isLeft(accepted)) return accepted;
      if (accepted.right !== undefined && onEvent !== undefined) {
        try {
          await onEvent(accepted.right, numbered.text.length);
        } catch (e) {
          return E.left(writeFailure(e, numbered.line));
        }
      }
    }
  } catch (e) {
    return E.left(failureOf(e));
  }
  return E.map((summary: JsonLinesSummary) => ({ summary, streams: [...checker.streamNames()] }))(checker.finish());
};

/** Checks an export without writing anything: format, order, revisions, hash chains, end line. */
export const verifyJsonLines =
  (source: Chunks, options: ImportOptions = {}): TaskEither<JsonLinesError, JsonLinesSummary> =>
  async () =>
    E.map((r: { summary: JsonLinesSummary }) => r.summary)(await pass(source, options));

const createBatchWriter = (store: EventStore, options: ImportOptions) => {
  const maxEvents = Math.max(1, options.batchSize ?? 500);
  const maxBytes = Math.max(1, options.batchBytes ?? 512 * 1024);
  let stream: string | undefined;
  let firstRevision = 0;
  let batch: EventToAppend[] = [];
  let bytes = 0;
  let written = 0;

  const flush = async (): Promise<void> => {
    if (stream === undefined || batch.length === 0) return;
    // Exact expected revisions: the target stream must be exactly where the export had it.
    await store.appendToStream(stream, batch, { expectedRevision: firstRevision === 0 ? 'no_stream' : firstRevision - 1 });
    written += batch.length;
    batch = [];
    bytes = 0;
  };

  const add = async (e: EventLine, lineLength: number): Promise<void> => {
    if (e.stream !== stream || batch.length >= maxEvents || (batch.length > 0 && bytes + lineLength > maxBytes)) {
      await flush();
      stream = e.stream;
      firstRevision = e.revision;
    }
    batch.push({ id: e.id, type: e.type, data: e.data, metadata: e.metadata });
    bytes += lineLength;
  };

  return { add, flush, written: () => written };
};

const ensureTargetEmpty = async (store: EventStore, streams: readonly string[]): Promise<Either<JsonLinesError, void>> => {
  for (const streamName of streams) {
    const existing = await store.readStream(streamName, { fromRevision: 'start', maxCount: 1 });
    if (existing.length > 0) {
      return E.left(
        jsonLinesError('IMPORT_TARGET_NOT_EMPTY', `The target store already holds stream ${streamName}; nothing was imported`, {
          streamName,
        }),
      );
    }
  }
  return E.right(undefined);
};

const importReopenable = async (store: EventStore, open: () => Chunks, options: ImportOptions): Promise<Either<JsonLinesError, ImportSummary>> => {
  const checked = await pass(open(), options);
  if (E.isLeft(checked)) return checked;
  let empty: Either<JsonLinesError, void>;
  try {
    empty = await ensureTargetEmpty(store, checked.right.streams);
  } catch (e) {
    return E.left(jsonLinesError('IMPORT_WRITE_FAILED', `Reading the target store failed: ${messageOf(e)}; nothing was imported`));
  }
  if (E.isLeft(empty)) return empty;
  // Second pass: the source checked out whole; it is checked again as it is written, in case it changed meanwhile.
  const writer = createBatchWriter(store, options);
  const written = await pass(open(), options, writer.add);
  if (E.isLeft(written)) return written;
  try {
    await writer.flush();
  } catch (e) {
    return E.left(writeFailure(e));
  }
  return E.right({ ...written.right.summary, written: writer.written() });
};

/** Copies a one-shot stream into a temporary file so it can be read twice. */
const spooled = async <T>(chunks: Chunks, use: (path: string) => Promise<Either<JsonLinesError, T>>): Promise<Either<JsonLinesError, T>> => {
  let dir: string | undefined;
  try {
    dir = await mkdtemp(join(tmpdir(), 'cm-import-'));
    const path = join(dir, 'export.jsonl');
    try {
      await pipeline(Readable.from(chunks, { objectMode: false }), createWriteStream(path));
    } catch (e) {
      return E.left(failureOf(e));
    }
    return await use(path);
  } finally {
    if (dir !== undefined) await rm(dir, { recursive: true, force: true });
  }
};

/**
 * Imports an export into a store: checks the whole source first (format,
 * order, contiguous revisions, hash chains, end line) and that none of its
 * streams exists in the target, and only then writes, in file order, with
 * the original event ids and exact expected revisions. A refused source
 * writes nothing.
 */
export const importJsonLines =
  (store: EventStore, source: JsonLinesSource, options: ImportOptions = {}): TaskEither<JsonLinesError, ImportSummary> =>
  async () => {
    if (typeof source === 'function') return importReopenable(store, source, options);
    if (Array.isArray(source)) return importReopenable(store, () => source as Chunks, options);
    return spooled(source as Chunks, (path) => importReopenable(store, () => createReadStream(path), options));
  };

/** Imports an export file (see importJsonLines). */
export const importJsonLinesFile = (store: EventStore, path: string, options: ImportOptions = {}): TaskEither<JsonLinesError, ImportSummary> =>
  importJsonLines(store, () => createReadStream(path), options);

/** Checks an export file without writing anything. */
export const verifyJsonLinesFile = (path: string, options: ImportOptions = {}): TaskEither<JsonLinesError, JsonLinesSummary> =>
  verifyJsonLines(createReadStream(path), options);
