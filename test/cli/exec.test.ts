import { existsSync, writeFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, tempDir } from './support/harness.js';

const folder = tempDir();
afterAll(() => folder.remove());

const draft = {
  title: 'Add asset_owner to WRAC assets',
  description: { summary: 'Asset accountability', details: 'ISO 27001 A.5.9' },
  category: 'code',
  affectedModules: ['WRAC'],
};

const dataFile = (name: string, data: unknown): string => {
  const path = folder.path(name);
  writeFileSync(path, JSON.stringify(data));
  return path;
};

describe('exec: any command of the catalogue from JSON', () => {
  it('given draft data in a file, when the Foreman drafts then submits, then each result names the events and the new status', async () => {
    const store = `sqlite:${folder.path('exec-draft.db')}`;

    const drafted = await cli(['--store', store, 'exec', 'DraftChangeRequest', '--actor', 'maturion-foreman:foreman', '--data', dataFile('draft.json', draft), '--format', 'json']);
    expect(drafted.stderr).toBe('');
    expect(drafted.code).toBe(0);
    const first = JSON.parse(drafted.stdout) as { changeRequestId: string; status: string; events: { type: string }[] };
    expect(first.status).toBe('draft');
    expect(first.events.map((e) => e.type)).toEqual(['ChangeRequestDrafted']);

    const submitted = await cli(['--store', store, 'exec', 'SubmitChangeRequest', '--actor', 'maturion-foreman:foreman', '--cr', first.changeRequestId]);
    expect(submitted.code).toBe(0);
    expect(submitted.stdout).toMatch(/CR-\d{4}-001/);
    expect(submitted.stdout).toContain('ChangeRequestSubmitted');
    expect(submitted.stdout).toContain('submitted');
  });

  it('given data on stdin (--data -), when executed, then it is read from stdin', async () => {
    const store = `sqlite:${folder.path('exec-stdin.db')}`;

    const run = await cli(['--store', store, 'exec', 'DraftChangeRequest', '--actor', 'maturion-foreman:foreman', '--data', '-', '--format', 'json'], {
      stdin: JSON.stringify(draft),
    });

    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { status: string }).status).toBe('draft');
  });

  it('given a command the rules refuse, when executed, then the typed error is printed as JSON, the exit code is 1 and nothing is appended', async () => {
    const store = `sqlite:${folder.path('exec-refused.db')}`;
    const drafted = await cli(['--store', store, 'exec', 'DraftChangeRequest', '--actor', 'maturion-foreman:foreman', '--data', dataFile('d2.json', draft), '--format', 'json']);
    const { changeRequestId } = JSON.parse(drafted.stdout) as { changeRequestId: string };

    const refused = await cli(['--store', store, 'exec', 'ApproveChangeRequest', '--actor', 'builder-wrac:builder', '--cr', changeRequestId, '--data', dataFile('approve.json', { rationale: 'fine' })]);

    expect(refused.code).toBe(1);
    const body = JSON.parse(refused.stdout) as { error: { kind: string; code: string; message: string } };
    expect(body.error.kind).toBe('domain');
    expect(body.error.code).toMatch(/^[A-Z_]+$/);
    expect(refused.stderr).toContain(body.error.code);
    const shown = await cli(['--store', store, 'show', changeRequestId, '--format', 'json']);
    expect((JSON.parse(shown.stdout) as { revision: number; status: string }).revision).toBe(0);
  });

  it('given data that breaks the command schema, when executed, then INVALID_COMMAND names the field, exit code 2, and no file is created', async () => {
    const path = folder.path('exec-invalid.db');

    const run = await cli(['--store', `sqlite:${path}`, 'exec', 'DraftChangeRequest', '--actor', 'maturion-foreman:foreman', '--data', dataFile('bad.json', { ...draft, affectedModules: [] })]);

    expect(run.code).toBe(2);
    const body = JSON.parse(run.stdout) as { error: { code: string; path: string } };
    expect(body.error.code).toBe('INVALID_COMMAND');
    expect(body.error.path).toBe('data.affectedModules');
    expect(existsSync(path)).toBe(false);
  });

  it('given the same --command-id twice, when executed, then the retry appends nothing', async () => {
    const store = `sqlite:${folder.path('exec-idem.db')}`;
    const args = ['--store', store, 'exec', 'DraftChangeRequest', '--actor', 'maturion-foreman:foreman', '--data', dataFile('d3.json', draft), '--command-id', 'draft-1', '--format', 'json'];

    const first = JSON.parse((await cli(args)).stdout) as { changeRequestId: string; replayed: boolean };
    const retry = JSON.parse((await cli(args)).stdout) as { changeRequestId: string; replayed: boolean };

    expect(first.replayed).toBe(false);
    expect(retry).toMatchObject({ changeRequestId: first.changeRequestId, replayed: true });
  });

  it('given --help, then it lists every command type and the exit codes', async () => {
    const run = await cli(['exec', '--help']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('DeclareEmergency');
    expect(run.stdout).toContain('RecordPostIncidentReview');
    expect(run.stdout).toContain('Exit codes:');
  });
});
