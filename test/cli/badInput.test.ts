import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SCHEMA_VERSION } from '../../src/store/sqlite/schema.js';
import { cli, seededStore, tempDir } from './support/harness.js';

/** Issue 5 item 6: each bad input gets a clear message and a non-zero exit, and nothing is written. */
const folder = tempDir();
let seeded: Awaited<ReturnType<typeof seededStore>>;
beforeAll(async () => {
  seeded = await seededStore(folder.dir);
});
afterAll(() => folder.remove());

const draft = JSON.stringify({ title: 'T', description: { summary: 'S' }, category: 'code', affectedModules: ['WRAC'] });
const draftFile = (): string => {
  const path = folder.path('draft.json');
  writeFileSync(path, draft);
  return path;
};
const execDraft = (path: string, ...extra: string[]) =>
  cli(['--store', `sqlite:${path}`, 'exec', 'DraftChangeRequest', '--actor', 'maturion-foreman:foreman', '--data', draftFile(), ...extra]);

/**
 * The file's bytes and what its write-ahead log holds. (SQLite's read-only
 * look at a WAL-mode file may leave an empty -wal and a -shm index beside it;
 * neither holds data, so only the log's content counts as a write.)
 */
const snapshot = (path: string) => ({
  bytes: readFileSync(path),
  walBytes: existsSync(`${path}-wal`) ? readFileSync(`${path}-wal`).length : 0,
});

describe('a missing database file', () => {
  it.each([
    ['show CR-2025-001'],
    ['register'],
    ['log'],
    ['metrics'],
    ['audit CR-2025-001'],
    ['evidence CR-2025-001'],
    ['verify'],
    ['export'],
    ['projections rebuild'],
    ['projections write'],
    ['watch'],
    ['exec SubmitChangeRequest --actor maturion-foreman:foreman --cr CR-2025-001'],
  ])(
    'given no file, when `%s` runs, then it says the store does not exist, exits 3 and creates nothing',
    async (command) => {
      const path = folder.path(`missing-${command.split(' ').slice(0, 2).join('-')}.db`);

      const run = await cli(['--store', `sqlite:${path}`, ...command.split(' ')]);

      expect(run.code).toBe(3);
      expect(run.stderr).toContain('does not exist');
      expect(run.stderr).toContain(path);
      expect(run.stdout).toBe('');
      expect(existsSync(path)).toBe(false);
    },
  );

  it('given --format json, then the typed store error is also printed as JSON on stdout', async () => {
    const path = folder.path('missing-json.db');

    const run = await cli(['--store', `sqlite:${path}`, 'register', '--format', 'json']);

    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toEqual({ error: { kind: 'store', code: 'STORE_UNAVAILABLE', message: expect.stringContaining(path) } });
  });
});

describe('a file the store refuses', () => {
  const corruptFile = (name: string): string => {
    const path = folder.path(name);
    writeFileSync(path, Buffer.from('this is a spreadsheet, not a change-management store\n'.repeat(100)));
    return path;
  };
  const newerFile = (name: string): string => {
    const path = seeded.copy(name);
    const db = new Database(path);
    db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    return path;
  };

  it.each([
    ['a corrupt file', corruptFile, 'STORE_CORRUPT'],
    ['a file written by a newer schema version', newerFile, 'STORE_VERSION_UNSUPPORTED'],
  ] as const)('given %s, when a command is executed or the register read, then exit 3 with %s and the file is byte-identical', async (_, make, code) => {
    const path = make(`${code}.db`);
    const before = snapshot(path);

    const exec = await execDraft(path);
    const register = await cli(['--store', `sqlite:${path}`, 'register']);

    for (const run of [exec, register]) {
      expect(run.code).toBe(3);
      expect(run.stderr).toContain(code);
      expect(run.stderr).toContain('Nothing was written');
    }
    expect(snapshot(path)).toEqual(before);
  });
});

describe('bad command input, checked before the store is touched', () => {
  it.each([
    ['an unknown command type', ['exec', 'ApproveEverything', '--actor', 'johan:change_manager'], /Unknown command type "ApproveEverything"/],
    ['a misspelt command type', ['exec', 'SubmitChangeRequst', '--actor', 'johan:change_manager', '--cr', 'CR-2025-001'], /Did you mean SubmitChangeRequest\?/],
    ['an actor without a role', ['exec', 'DraftChangeRequest', '--actor', 'maturion-foreman'], /has no role/],
    ['an actor with an unknown role', ['exec', 'DraftChangeRequest', '--actor', 'maturion-foreman:boss'], /unknown role "boss"/],
    ['an actor with an empty role', ['exec', 'DraftChangeRequest', '--actor', 'johan:'], /has no role/],
  ])('given %s, then exit 2, a clear message, and the store file is byte-identical', async (_, args, message) => {
    const path = seeded.copy('untouched.db');
    const before = snapshot(path);

    const run = await cli(['--store', `sqlite:${path}`, ...args, '--data', draftFile()]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(snapshot(path)).toEqual(before);
  });

  it.each([
    ['a truncated object', '{"title": "T", "description": '],
    ['trailing garbage', '{"title": "T"} x'],
    ['an empty file', ''],
  ])('given malformed JSON (%s), then exit 2, the message names the file, and no store file is created', async (_, text) => {
    const path = folder.path('never-created.db');
    const data = folder.path('malformed.json');
    writeFileSync(data, text);

    const run = await cli(['--store', `sqlite:${path}`, 'exec', 'DraftChangeRequest', '--actor', 'maturion-foreman:foreman', '--data', data]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`Malformed JSON in ${data}`);
    expect(existsSync(path)).toBe(false);
  });

  it('given JSON that is not an object, then exit 2 and nothing is created', async () => {
    const path = folder.path('never-created-2.db');

    const run = await cli(['--store', `sqlite:${path}`, 'exec', 'DraftChangeRequest', '--actor', 'maturion-foreman:foreman', '--data', '-'], { stdin: '[1, 2]' });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('must be a JSON object');
    expect(existsSync(path)).toBe(false);
  });

  it('given a data file that does not exist, then exit 2 naming it', async () => {
    const run = await cli(['--store', 'memory', 'exec', 'DraftChangeRequest', '--actor', 'maturion-foreman:foreman', '--data', folder.path('nope.json')]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no such file');
  });
});

describe('usage errors', () => {
  it.each([
    ['an unknown subcommand', ['frobnicate']],
    ['an unknown option', ['register', '--colour']],
    ['a format that does not exist', ['register', '--format', 'xml']],
    ['exec without --actor', ['exec', 'DraftChangeRequest']],
    ['show without a CR', ['show']],
  ])('given %s, then exit 2 with commander’s message and a hint', async (_, args) => {
    const run = await cli(['--store', 'memory', ...args]);

    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/error: /);
    expect(run.stderr).toContain('--help');
  });

  it('given no subcommand, then the help is shown and the exit code is 2', async () => {
    const run = await cli([]);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('Usage: change-management');
  });
});
