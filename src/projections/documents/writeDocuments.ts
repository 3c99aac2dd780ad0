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
 */
export const writeFileAtomically = async (path: string, text: string): Promise<void> => {
  const temp = `${path}.${randomUUID()}.tmp`;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
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

export interface WriteDocumentsOptions {
  readonly register: ChangeRegister;
  readonly changeLog: ChangeLog;
  /** Default `runtime/change-management` (relative to the working directory). */
  readonly directory?: string;
  readonly clock?: Clock;
}

/** Writes change-register.json and change-log.json (snake_case, spec 12) atomically; returns their paths. */
export const writeDocuments = async (options: WriteDocumentsOptions): Promise<{ readonly register: string; readonly changeLog: string }> => {
  const directory = options.directory ?? defaultDocumentsDirectory;
  const generatedAt = (options.clock ?? (() => new Date()))().toISOString();
  await mkdir(directory, { recursive: true });
  const register = join(directory, registerFileName);
  const changeLog = join(directory, changeLogFileName);
  await writeFileAtomically(register, `${JSON.stringify(toSnakeKeys(options.register.document(generatedAt)), null, 2)}\n`);
  await writeFileAtomically(changeLog, `${JSON.stringify(toSnakeKeys(options.changeLog.document(generatedAt)), null, 2)}\n`);
  return { register, changeLog };
};
