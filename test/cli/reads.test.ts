import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, seededStore, tempDir } from './support/harness.js';

const folder = tempDir();
let store: string;
beforeAll(async () => {
  store = `sqlite:${(await seededStore(folder.dir)).copy('reads.db')}`;
});
afterAll(() => folder.remove());

describe('show <CR-ID>', () => {
  it('given a CR number, then a table of its fields in lifecycle order', async () => {
    const run = await cli(['--store', store, 'show', 'CR-2025-001']);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain("Add 'asset_owner' field to WRAC assets");
    expect(run.stdout).toMatch(/status\s+│ closed/);
    expect(run.stdout).toMatch(/outcome\s+│ success/);
  });

  it('given --format json, then the register entry in the spec 12.1 shape; given its stream id, then the same entry', async () => {
    const byNumber = JSON.parse((await cli(['--store', store, 'show', 'CR-2025-002', '--format', 'json'])).stdout) as { cr_id: string; change_request_id: string; outcome: string };
    const byId = JSON.parse((await cli(['--store', store, 'show', byNumber.change_request_id, '--format', 'json'])).stdout) as unknown;

    expect(byNumber).toMatchObject({ cr_id: 'CR-2025-002', outcome: 'rolled_back' });
    expect(byId).toEqual(byNumber);
  });

  it('given --format csv, then field,value rows', async () => {
    const run = await cli(['--store', store, 'show', 'CR-2025-003', '--format', 'csv']);

    expect(run.stdout.split('\r\n')[0]).toBe('field,value');
    expect(run.stdout).toContain('type,emergency');
  });

  it('given a CR that does not exist, then exit 2 with CHANGE_REQUEST_NOT_FOUND', async () => {
    const run = await cli(['--store', store, 'show', 'CR-2025-999']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('CHANGE_REQUEST_NOT_FOUND');
  });
});

describe('register', () => {
  it('given the seeded store, then one row per CR with status, risk and outcome', async () => {
    const run = await cli(['--store', store, 'register']);

    expect(run.code).toBe(0);
    for (const cr of ['CR-2025-001', 'CR-2025-002', 'CR-2025-003']) expect(run.stdout).toContain(cr);
    expect(run.stdout).toContain('rolled_back');
  });

  it('given --format csv, then a header and one line per CR', async () => {
    const lines = (await cli(['--store', store, 'register', '--format', 'csv'])).stdout.trimEnd().split('\r\n');

    expect(lines[0]).toBe('CR,Title,Type,Status,Risk,Impact,Approval,Created,Deployed,Outcome');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toMatch(/^CR-2025-003,.*,emergency,closed,/);
  });

  it('given --format json and a filter, then the register document (spec 12.1, snake_case) with the matching CRs only', async () => {
    const doc = JSON.parse((await cli(['--store', store, 'register', '--format', 'json', '--module', 'Reporting'])).stdout) as {
      schema_version: number;
      change_requests: { cr_id: string }[];
    };

    expect(doc.schema_version).toBe(1);
    expect(doc.change_requests.map((c) => c.cr_id)).toEqual(['CR-2025-002']);
  });
});

describe('log', () => {
  it('given the seeded store, then the deployment, the failed deployment, its rollback and the emergency fix', async () => {
    const csv = (await cli(['--store', store, 'log', '--format', 'csv'])).stdout.trimEnd().split('\r\n');

    expect(csv.slice(1).map((l) => l.split(',').slice(1, 3).join(' '))).toEqual([
      'deployment CR-2025-001',
      'deployment CR-2025-002',
      'rollback CR-2025-002',
      'emergency_fix CR-2025-003',
    ]);
  });

  it('given --kind and --from, then only those entries; given a bad --from, then exit 2', async () => {
    const doc = JSON.parse((await cli(['--store', store, 'log', '--format', 'json', '--kind', 'deployment', '--from', '2025-12-06'])).stdout) as {
      entries: { cr_id: string }[];
    };
    const bad = await cli(['--store', store, 'log', '--from', 'last tuesday']);

    expect(doc.entries.map((e) => e.cr_id)).toEqual(['CR-2025-002']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('ISO 8601');
  });
});
