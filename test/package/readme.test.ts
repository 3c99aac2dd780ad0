import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type * as ReadmeTypes from './readmeTypes.js';

/** The README's library quick start is code users paste: it must run as written. */
const root = resolve(import.meta.dirname, '../..');

describe('README quick start (library)', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs as written and prints what its comments promise', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /## Quick start \(library\)[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const dir = join(root, '.tmp', 'readme');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'quickstart.ts');
    writeFileSync(file, block!.replace("'@maturion/change-management'", "'../../src/index.js'"));
    const lines: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    vi.spyOn(console, 'warn').mockImplementation((...args: unknown[]) => void lines.push(args.join(' ')));
    await import(file);
    expect(lines).toEqual([
      'maturion-foreman refused DeployToProduction: PERMISSION_DENIED',
      'PERMISSION_DENIED actor.role',
      expect.stringMatching(/^CR-\d{4}-001 submitted$/),
    ]);
  });
});

describe('README projections example', () => {
  afterEach(() => vi.restoreAllMocks());

  it('runs as written against a store holding the full-lifecycle scenario', async () => {
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const block = /## Projections, documents and metrics[\s\S]*?```ts\n([\s\S]*?)```/.exec(readme)?.[1];
    expect(block).toBeDefined();
    const dir = join(root, '.tmp', 'readme');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'projections.ts');
    const prelude = [
      "import { createInMemoryEventStore, runFullLifecycle } from '../../src/index.js';",
      'const store = createInMemoryEventStore();',
      'await runFullLifecycle({ store });',
    ].join('\n');
    const body = block!
      .replace("'@maturion/change-management'", "'../../src/index.js'")
      .replace("directory: 'runtime/change-management'", `directory: ${JSON.stringify(join(dir, 'documents'))}`);
    writeFileSync(file, `${prelude}\n${body}\nexport { register, changeLog, metrics };\n`);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const { register, changeLog, metrics } = (await import(file)) as typeof ReadmeTypes;
    expect(register.get('CR-2025-001')?.status).toBe('closed');
    expect(changeLog.entries()).toHaveLength(1);
    expect(metrics.byMonth().map((m) => m.month)).toEqual(['2025-12']);
    expect(readFileSync(join(dir, 'documents', 'change-register.json'), 'utf8')).toContain('"cr_id":"CR-2025-001"');
  });
});
