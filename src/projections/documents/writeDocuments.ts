import { randomUUID } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Clock } from '../../domain/ports.js';
import type { ChangeLog } from '../changeLog/changeLog.js';
import type { ChangeRegister } from '../register/register.js';
import { toSnakeKeys } from './snakeCase.js';

export const defaultDocumentsDirectory = 'runtime/change-management';
export const registerFileName = 'change-register.json';
export const changeLogFileName = 'change-log.json';

export class DocumentWriteError extends Error {
  readonly code = 'DOCUMENT_WRITE_FAILED';
  constructor(
    readonly path: string,
    options: { cause?: unknown },
  ) {
    super(`Could not write ${path}`, options);
    this.name = 'DocumentWriteError';
  }
}

/**
 * Writes a file so readers see the old content or the new, never half of
 * it: the text goes to a temporary file in the same folder, is flushed to
 * disk, then renamed over the target (rename is atomic within a file system).
 * Chunks are written as they come, so a large document is never one string.
 */
export const writeFileAtomically = async (path: string, content: string | Iterable<string>): Promise<void> => {
  const temp = `${path}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temp, 'wx');
    try {
      if (typeof content === 'string') await handle.writeFile(content, 'utf8');
      else {
        let buffered: string[] = [];
        let size = 0;
        for (const chunk of content) {
          buffered.push(chunk);
          size += chunk.length;
          if (size >= 1 << 20) {
            await handle.write(buffered.join(''));
            buffered = [];
            size = 0;
          }
        }
        if (buffered.length > 0) await handle.write(buffered.join(''));
      }
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (e) {
    await rm(temp, { force: true });
    throw new DocumentWriteError(path, { cause: e });
  }
};

/** Serialised entries by snapshot: projections hand out the same frozen snapshot until an entry changes. */
const serialised = new WeakMap<object, string>();
const entryJson = (entry: object): string => {
  let json = serialised.get(entry);
  if (json === undefined) {
    json = JSON.stringify(toSnakeKeys(entry));
    serialised.set(entry, json);
  }
  return json;
};

/**
 * A document as JSON text, in chunks: the header fields, then the list with
 * one entry per line (still one JSON value, and greppable line by line).
 */
function* documentChunks(header: { readonly [key: string]: unknown }, listKey: string, entries: readonly object[]): Generator<string> {
  const head = JSON.stringify(toSnakeKeys(header));
  yield `${head.slice(0, -1)},${JSON.stringify(listKey)}:[`;
  for (let i = 0; i < entries.length; i++) yield `${i === 0 ? '\n' : ',\n'}${entryJson(entries[i]!)}`;
  yield entries.length === 0 ? ']}\n' : '\n]}\n';
}

export interface WriteDocumentsOptions {
  readonly register: ChangeRegister;
  readonly changeLog: ChangeLog;
  /** Default `runtime/change-management` (relative to the working directory). */
  readonly directory?: string;
  readonly clock?: Clock;
}

/**
 * Writes change-register.json and change-log.json (snake_case, spec 12)
 * atomically; returns their paths. Entries unchanged since the last write
 * are not serialised again.
 */
export const writeDocuments = async (options: WriteDocumentsOptions): Promise<{ readonly register: string; readonly changeLog: string }> => {
  const directory = options.directory ?? defaultDocumentsDirectory;
  const generatedAt = (options.clock ?? (() => new Date()))().toISOString();
  await mkdir(directory, { recursive: true });
  const register = join(directory, registerFileName);
  const changeLog = join(directory, changeLogFileName);
  const r = options.register.document(generatedAt);
  await writeFileAtomically(
    register,
    documentChunks({ schemaVersion: r.schemaVersion, generatedAt, lastPosition: r.lastPosition }, 'change_requests', r.changeRequests),
  );
  const l = options.changeLog.document(generatedAt);
  await writeFileAtomically(changeLog, documentChunks({ schemaVersion: l.schemaVersion, generatedAt, lastPosition: l.lastPosition }, 'entries', l.entries));
  return { register, changeLog };
};
