import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, seededStore, tempDir } from './support/harness.js';

const folder = tempDir();
let seeded: Awaited<ReturnType<typeof seededStore>>;
let store: string;
beforeAll(async () => {
  seeded = await seededStore(folder.dir);
  store = `sqlite:${seeded.copy('audit.db')}`;
});
afterAll(() => folder.remove());

/** Changes the data of one stored event behind the store's back, as an attacker with file access would. */
const tamper = (path: string, revision: number): void => {
  const db = new Database(path);
  const row = db.prepare("SELECT rowid AS id, data FROM events WHERE stream LIKE 'change_request-%' AND revision = ? LIMIT 1").get(revision) as { id: number; data: string };
  const data = JSON.parse(row.data) as Record<string, unknown>;
  db.prepare('UPDATE events SET data = ? WHERE rowid = ?').run(JSON.stringify({ ...data, rationale: 'approved by nobody' }), row.id);
  db.close();
};

describe('audit <CR-ID>', () => {
  it('given a CR, then every event with who, when and what, and the hash chain verified', async () => {
    const run = await cli(['--store', store, 'audit', 'CR-2025-001']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Audit trail of CR-2025-001');
    expect(run.stdout).toContain('Integrity: hash chain verified');
    expect(run.stdout).toMatch(/r0 @\d+ {2}2025-12-04T09:00:00\.000Z {2}maturion-foreman \(foreman\) {2}ChangeRequestDrafted/);
  });

  it('given --at a past time, then the state as it was then and only the events up to it', async () => {
    const run = await cli(['--store', store, 'audit', 'CR-2025-001', '--at', '2025-12-04T10:30:00Z', '--format', 'json']);

    expect(run.code).toBe(0);
    const body = JSON.parse(run.stdout) as { state: { status: string; revision: number }; trail: { entries: { when: string; revision: number }[] } };
    const full = JSON.parse((await cli(['--store', store, 'audit', 'CR-2025-001', '--format', 'json'])).stdout) as { entries: unknown[] };
    expect(body.state.status).not.toBe('closed');
    expect(body.trail.entries.length).toBeLessThan(full.entries.length);
    expect(body.trail.entries.every((e) => Date.parse(e.when) <= Date.parse('2025-12-04T10:30:00Z'))).toBe(true);
    expect(body.trail.entries[body.trail.entries.length - 1]?.revision).toBe(body.state.revision);
  });

  it('given --at before the CR existed, then it says so', async () => {
    const run = await cli(['--store', store, 'audit', 'CR-2025-001', '--at', '2024-01-01']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain('did not exist yet');
  });

  it('given --format csv, then one row per event', async () => {
    const lines = (await cli(['--store', store, 'audit', 'CR-2025-003', '--format', 'csv'])).stdout.trimEnd().split('\r\n');

    expect(lines[0]).toBe('revision,position,when,who,role,event,what,why,command,hash');
    expect(lines[1]).toMatch(/^0,\d+,.*,johan,change_manager,EmergencyDeclared,/);
  });
});

describe('evidence <CR-ID>', () => {
  it('given the emergency CR, then ISO 27001, COBIT and NIST checks with their verdicts', async () => {
    const run = await cli(['--store', store, 'evidence', 'CR-2025-003', '--format', 'json']);

    expect(run.code).toBe(0);
    const evidence = JSON.parse(run.stdout) as {
      number: string;
      checks: { framework: string; status: string }[];
      summary: { passed: number; failed: number; not_applicable: number };
    };
    expect(evidence.number).toBe('CR-2025-003');
    expect(new Set(evidence.checks.map((c) => c.framework))).toEqual(new Set(['ISO/IEC 27001:2022', 'COBIT 2019', 'NIST SP 800-53 Rev. 5']));
    const { passed, failed, not_applicable } = evidence.summary;
    expect(passed + failed + not_applicable).toBe(evidence.checks.length);
  });

  it('given the table format, then a summary line closes the report', async () => {
    const run = await cli(['--store', store, 'evidence', 'CR-2025-001', '--as-of', '2026-01-01T00:00:00Z']);

    expect(run.stdout).toMatch(/CR-2025-001 as of 2026-01-01T00:00:00.000Z: \d+ passed, 0 failed, \d+ not applicable/);
  });
});

describe('verify', () => {
  it('given an untouched store, then every chain verifies and the exit code is 0', async () => {
    const run = await cli(['--store', store, 'verify']);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Store verified: \d+ event\(s\) in \d+ stream\(s\)/);
  });

  it('given an event altered in the file, then verify and audit report it and exit 4', async () => {
    const path = seeded.copy('tampered.db');
    tamper(path, 8);

    const verify = await cli(['--store', `sqlite:${path}`, 'verify', '--format', 'json']);
    const body = JSON.parse(verify.stdout) as { ok: boolean; findings: { kind: string; revision: number }[] };

    expect(verify.code).toBe(4);
    expect(body.ok).toBe(false);
    expect(body.findings[0]).toMatchObject({ kind: 'hash_mismatch', revision: 8 });
    const audits = await Promise.all(['CR-2025-001', 'CR-2025-002', 'CR-2025-003'].map((cr) => cli(['--store', `sqlite:${path}`, 'audit', cr])));
    expect(audits.map((a) => a.code)).toContain(4);
    expect(audits.find((a) => a.code === 4)?.stdout).toContain('Integrity: FAILED');
  });
});

describe('export, verify --file, import', () => {
  it('given the seeded store, when exported, verified and imported into a new file, then the register is the same', async () => {
    const file = folder.path('all.jsonl');
    const target = folder.path('imported.db');

    const exported = await cli(['--store', store, 'export', '--out', file]);
    const verified = await cli(['verify', '--file', file]);
    const imported = await cli(['--store', `sqlite:${target}`, 'import', file, '--format', 'json']);

    expect([exported.code, verified.code, imported.code]).toEqual([0, 0, 0]);
    expect(verified.stdout).toContain('export verified');
    expect((JSON.parse(imported.stdout) as { written: number }).written).toBeGreaterThan(50);
    const [before, after] = await Promise.all([cli(['--store', store, 'register', '--format', 'csv']), cli(['--store', `sqlite:${target}`, 'register', '--format', 'csv'])]);
    expect(after.stdout).toBe(before.stdout);
  });

  it('given --stream with a CR number, then only that stream, on stdout', async () => {
    const run = await cli(['--store', store, 'export', '--stream', 'CR-2025-002']);
    const lines = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as { kind: string; stream?: string });

    expect(lines[0]).toMatchObject({ kind: 'header', scope: { stream: expect.stringMatching(/^change_request-/) } });
    expect(new Set(lines.filter((l) => l.kind === 'event').map((l) => l.stream)).size).toBe(1);
    expect(lines[lines.length - 1]?.kind).toBe('end');
  });

  it('given an export with an event altered, then verify --file exits 4 and import writes nothing, not even a store file', async () => {
    const file = folder.path('tampered.jsonl');
    await cli(['--store', store, 'export', '--out', file]);
    writeFileSync(file, readFileSync(file, 'utf8').replace('"rationale":"Impact acceptable', '"rationale":"Nobody checked'));
    const target = folder.path('never.db');

    const verified = await cli(['verify', '--file', file]);
    const imported = await cli(['--store', `sqlite:${target}`, 'import', file]);

    expect(verified.code).toBe(4);
    expect(verified.stderr).toContain('JSONL_CHAIN_BROKEN');
    expect(imported.code).toBe(4);
    expect(existsSync(target)).toBe(false);
  });

  it('given an import into a store that already holds those streams, then exit 1 and nothing is written', async () => {
    const file = folder.path('again.jsonl');
    await cli(['--store', store, 'export', '--out', file]);
    const path = seeded.copy('again.db');
    const before = readFileSync(path);

    const run = await cli(['--store', `sqlite:${path}`, 'import', file]);

    expect(run.code).toBe(1);
    expect(run.stderr).toContain('IMPORT_TARGET_NOT_EMPTY');
    expect(readFileSync(path)).toEqual(before);
  });

  it('given files that are not there or not exports, then exit 2', async () => {
    const notAnExport = folder.path('notes.jsonl');
    writeFileSync(notAnExport, 'hello\n');

    const missing = await cli(['verify', '--file', folder.path('nope.jsonl')]);
    const garbage = await cli(['--store', 'memory', 'import', notAnExport]);
    const badOut = await cli(['--store', store, 'export', '--out', folder.path('no/such/dir/x.jsonl')]);

    expect([missing.code, garbage.code, badOut.code]).toEqual([2, 2, 2]);
    expect(missing.stderr).toContain('no such file');
    expect(badOut.stderr).toContain('does not exist');
  });
});
