import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { runCli } from '../../../src/cli/program.js';
import { runEmergencyChange, runFullLifecycle, runRollback } from '../../../src/demo/index.js';
import { createSqliteEventStore } from '../../../src/store/sqlite/sqliteEventStore.js';

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  readonly env?: Record<string, string | undefined>;
  readonly stdin?: string;
  readonly tty?: boolean;
  /** Resolves when the test "presses Ctrl-C" (for `watch`). */
  readonly interrupted?: () => Promise<void>;
  /** Called with each chunk written to stdout as it is written. */
  readonly onStdout?: (chunk: string) => void;
}

/** Runs the CLI in-process with captured output; the environment is empty unless given. */
export const cli = async (argv: readonly string[], options: RunOptions = {}): Promise<CliRun> => {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: {
      isTTY: options.tty ?? false,
      write: (s: string) => {
        stdout += s;
        options.onStdout?.(s);
        return true;
      },
    },
    stderr: { isTTY: false, write: (s: string) => ((stderr += s), true) },
    env: options.env ?? {},
    stdin: Readable.from(options.stdin === undefined ? [] : [Buffer.from(options.stdin)]),
    ...(options.interrupted === undefined ? {} : { interrupted: options.interrupted }),
  });
  return { code, stdout, stderr };
};

/** A temp folder for one test file; `path(name)` names a file in it. */
export const tempDir = (): { readonly dir: string; readonly path: (name: string) => string; readonly remove: () => void } => {
  const dir = mkdtempSync(join(tmpdir(), 'cm-cli-test-'));
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
};

/**
 * A SQLite file holding the demo's full-lifecycle, rollback and emergency
 * CRs (CR-2025-001 to 003), made once; `copy` gives each test its own file.
 */
export const seededStore = async (dir: string): Promise<{ readonly copy: (name: string) => string }> => {
  const seed = join(dir, 'seed.db');
  const store = createSqliteEventStore({ path: seed });
  await runFullLifecycle({ store });
  await runRollback({ store });
  await runEmergencyChange({ store });
  await store.close();
  return {
    copy: (name) => {
      const path = join(dir, name);
      copyFileSync(seed, path);
      return path;
    },
  };
};
