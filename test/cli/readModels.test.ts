import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProgress } from '../../src/cli/progress.js';
import { cli, seededStore, tempDir } from './support/harness.js';

const folder = tempDir();
let seeded: Awaited<ReturnType<typeof seededStore>>;
let store: string;
beforeAll(async () => {
  seeded = await seededStore(folder.dir);
  store = `sqlite:${seeded.copy('read-models.db')}`;
});
afterAll(() => folder.remove());

describe('metrics', () => {
  it('given no range, then one row per month with volume, rates and durations', async () => {
    const months = JSON.parse((await cli(['--store', store, 'metrics', '--format', 'json'])).stdout) as {
      month: string;
      crVolume: number;
      byType: { emergency: number };
      rollbackRate: number;
    }[];

    expect(months.map((m) => m.month)).toEqual(['2025-12']);
    expect(months[0]).toMatchObject({ crVolume: 3, byType: { emergency: 1 } });
    expect(months[0]?.rollbackRate).toBeCloseTo(100 / 3);
  });

  it('given --from and --to, then one row for that period; given them reversed, then exit 2', async () => {
    const table = await cli(['--store', store, 'metrics', '--from', '2025-12-08', '--to', '2025-12-09']);
    const reversed = await cli(['--store', store, 'metrics', '--from', '2025-12-09', '--to', '2025-12-08']);

    expect(table.code).toBe(0);
    expect(table.stdout).toContain('2025-12-08T00:00:00.000Z .. 2025-12-09T00:00:00.000Z');
    expect(reversed.code).toBe(2);
  });

  it('given --format csv, then a header row and one line per month', async () => {
    const lines = (await cli(['--store', store, 'metrics', '--format', 'csv'])).stdout.trimEnd().split('\r\n');

    expect(lines[0]?.startsWith('Period,CRs,Manual,AI,Emergency,Deployments,')).toBe(true);
    expect(lines[1]?.startsWith('2025-12,3,2,0,1,')).toBe(true);
  });
});

describe('projections', () => {
  it('given the seeded store, when rebuilt with --write, then a summary, checkpoints in the store and both documents on disk', async () => {
    const path = seeded.copy('rebuild.db');
    const dir = join(folder.dir, 'documents');

    const run = await cli(['--store', `sqlite:${path}`, 'projections', 'rebuild', '--write', '--dir', dir]);

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Rebuilt register, change log and metrics from \d+ event\(s\): 3 change request\(s\), 4 change log entries; checkpoints recorded/);
    const register = JSON.parse(readFileSync(join(dir, 'change-register.json'), 'utf8')) as { change_requests: { cr_id: string }[] };
    expect(register.change_requests.map((c) => c.cr_id)).toEqual(['CR-2025-001', 'CR-2025-002', 'CR-2025-003']);
    expect(existsSync(join(dir, 'change-log.json'))).toBe(true);
    const exported = (await cli(['--store', `sqlite:${path}`, 'export'])).stdout;
    expect(exported).toContain('"stream":"projection_checkpoint-change_register"');
  });

  it('given `projections write`, then the documents are written without touching the store', async () => {
    const path = seeded.copy('write.db');
    const before = readFileSync(path);
    const dir = join(folder.dir, 'write-docs');

    const run = await cli(['--store', `sqlite:${path}`, 'projections', 'write', '--dir', dir]);

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`Wrote ${join(dir, 'change-register.json')} (3 change requests)`);
    const log = JSON.parse(readFileSync(join(dir, 'change-log.json'), 'utf8')) as { entries: { kind: string }[] };
    expect(log.entries.map((e) => e.kind)).toEqual(['deployment', 'deployment', 'rollback', 'emergency_fix']);
    expect(readFileSync(path)).toEqual(before);
  });
});

describe('progress of long work', () => {
  const capture = (isTTY: boolean) => {
    let text = '';
    return { out: { isTTY, write: (s: string) => ((text += s), true) }, text: () => text };
  };

  it('given a terminal, then a progress bar with the count', () => {
    const sink = capture(true);
    const progress = createProgress(sink.out, 'Rebuilding');

    for (let done = 0; done <= 5_000; done += 500) progress.update(done, 5_000);
    progress.stop();

    expect(sink.text()).toContain('Rebuilding [');
    expect(sink.text()).toContain('5000/5000 events');
  });

  it('given a pipe, then a plain line at each tenth and no control characters', () => {
    const sink = capture(false);
    const progress = createProgress(sink.out, 'Rebuilding');

    for (let done = 0; done <= 5_000; done += 100) progress.update(done, 5_000);
    progress.stop();

    const lines = sink.text().trimEnd().split('\n');
    expect(lines).toHaveLength(11);
    expect(lines[10]).toBe('Rebuilding: 5000/5000 events (100%)');
    expect(sink.text()).not.toContain(String.fromCharCode(27));
  });

  it('given short work, then nothing at all', () => {
    const sink = capture(true);
    const progress = createProgress(sink.out, 'Rebuilding');

    progress.update(10, 90);
    progress.stop();

    expect(sink.text()).toBe('');
  });
});
