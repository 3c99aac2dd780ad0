import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { tempDir } from './support/harness.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const folder = tempDir();
afterAll(() => folder.remove());

describe('the real entry point', () => {
  it('given `node --import tsx src/cli/main.ts demo` on the SQLite store of the environment variable, then it runs the demo and exits 0', () => {
    const path = folder.path('spawned.db');

    const child = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'demo'], {
      cwd: root,
      env: { ...process.env, CHANGE_MANAGEMENT_STORE: `sqlite:${path}` },
      encoding: 'utf8',
      timeout: 20_000,
    });

    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    expect(child.stdout).toContain(`Store: SQLite store ${path}`);
    expect(child.stdout).toContain('Metrics by month');
    expect(existsSync(path)).toBe(true);
  });
});
