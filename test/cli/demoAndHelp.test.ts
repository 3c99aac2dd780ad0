import { afterAll, describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';
import { createContext } from '../../src/cli/context.js';
import { startInProcessEventStoreDb } from '../../src/testing/inProcessEventStoreDb/index.js';
import { cli, tempDir } from './support/harness.js';
import { Readable } from 'node:stream';
import type { Command } from 'commander';

const folder = tempDir();
afterAll(() => folder.remove());

describe('demo', () => {
  it('given a fresh SQLite file, when the demo runs twice, then each run prints its steps, the register, the change log and the metrics, and numbers continue', async () => {
    const store = `sqlite:${folder.path('demo.db')}`;

    const first = await cli(['--store', store, 'demo']);
    const second = await cli(['--store', store, 'demo', '--format', 'csv']);

    expect(first.stderr).toBe('');
    expect([first.code, second.code]).toEqual([0, 0]);
    expect(first.stdout).toContain('ok      Foreman drafts the CR from a user request');
    expect(first.stdout).toMatch(/refused The Foreman may not approve a medium-level change\n\s+ApproveChangeRequest by maturion-foreman \(foreman\): APPROVAL_AUTHORITY_INSUFFICIENT/);
    for (const section of ['Change register', 'Change log', 'Metrics by month']) expect(first.stdout).toContain(`${section}\n`);
    expect(first.stdout).toContain('=> CR-2025-001: closed (success)');
    expect(first.stdout).toContain('=> CR-2025-002: closed (rolled_back)');
    expect(second.stdout).toContain('=> CR-2025-004: closed (success)');
    expect(second.stdout).toMatch(/^CR-2025-006,/m);
  });

  it('given an EventStoreDB connection string, when the demo runs, then it runs against that server', async () => {
    const server = await startInProcessEventStoreDb();
    try {
      const run = await cli(['--store', server.connectionString, 'demo', '--format', 'csv']);

      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`Store: EventStoreDB ${server.connectionString}`);
      expect(run.stdout).toMatch(/^CR-2025-003,.*,emergency,closed,/m);
    } finally {
      await server.stop();
    }
  });
});

/** Every command and subcommand of the program, by its full name. */
const allCommands = (command: Command, prefix: string[] = []): string[][] =>
  command.commands.flatMap((c) => [[...prefix, c.name()], ...allCommands(c, [...prefix, c.name()])]);

describe('--help', () => {
  const ctx = createContext({ stdout: { write: () => true }, stderr: { write: () => true }, env: {}, stdin: Readable.from([]) });
  const names = allCommands(buildProgram(ctx));

  it('names every subcommand the issue asks for', () => {
    expect(names.map((n) => n.join(' '))).toEqual(
      expect.arrayContaining(['demo', 'exec', 'show', 'register', 'log', 'metrics', 'audit', 'evidence', 'verify', 'export', 'import', 'projections rebuild', 'projections write', 'watch']),
    );
  });

  it.each(names.map((n) => [n.join(' '), n]))('given `%s --help`, then usage and the exit codes, exit 0', async (_, name) => {
    const run = await cli([...name, '--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Usage: change-management ${name.join(' ')}`);
    expect(run.stdout).toContain('Exit codes:');
    expect(run.stdout).toContain('4  verification found tampering');
  });
});

describe('--version', () => {
  it('prints the package version and exits 0', async () => {
    const run = await cli(['--version']);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
