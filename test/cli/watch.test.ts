import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createChangeManagement } from '../../src/commands/changeManagement.js';
import { actors } from '../../src/demo/actors.js';
import { assetOwnerImpact } from '../../src/demo/samples.js';
import { createSqliteEventStore } from '../../src/store/sqlite/sqliteEventStore.js';
import { cli, seededStore, tempDir, type CliRun } from './support/harness.js';

const folder = tempDir();
let seeded: Awaited<ReturnType<typeof seededStore>>;
beforeAll(async () => {
  seeded = await seededStore(folder.dir);
});
afterAll(() => folder.remove());

/** Runs `watch` until `stopWhen` holds for its stdout, then "presses Ctrl-C". */
const watchUntil = (args: readonly string[], stopWhen: (stdout: string) => boolean): { done: Promise<CliRun>; started: Promise<void> } => {
  let stdout = '';
  let stop: () => void = () => undefined;
  let started: () => void = () => undefined;
  const interrupted = new Promise<void>((resolve) => (stop = resolve));
  const startedPromise = new Promise<void>((resolve) => (started = resolve));
  const done = cli(['watch', ...args], {
    interrupted: () => {
      started();
      return interrupted;
    },
    onStdout: (chunk) => {
      stdout += chunk;
      if (stopWhen(stdout)) stop();
    },
  });
  return { done, started: startedPromise };
};

describe('watch', () => {
  it('given --history, then the notifications of the past are printed as JSON Lines, and Ctrl-C ends with exit 0', async () => {
    const path = seeded.copy('history.db');

    const { done } = watchUntil(['--store', `sqlite:${path}`, '--history', '--format', 'json'], (out) => out.includes('\n'));
    const run = await done;

    expect(run.code).toBe(0);
    const first = JSON.parse(run.stdout.split('\n')[0]!) as { kind: string; crId: string; awaiting: string[] };
    expect(first).toMatchObject({ kind: 'approval_required', crId: 'CR-2025-001', awaiting: ['change_manager'] });
    expect(run.stderr).toContain('Stopped; store closed.');
  });

  it('given another connection to the file assesses a CR while watching, then "approval required" is printed live', async () => {
    const path = seeded.copy('live.db');
    const { done, started } = watchUntil(['--store', `sqlite:${path}`], (out) => out.includes('APPROVAL REQUIRED'));
    await started;

    const writer = createSqliteEventStore({ path });
    const cm = createChangeManagement({ store: writer });
    const { foreman } = actors;
    const drafted = await cm.execute({
      type: 'DraftChangeRequest',
      actor: foreman,
      data: { title: 'Rotate gateway TLS certificates', description: { summary: 'Rotate certificates' }, category: 'configuration', affectedModules: ['API_Gateway'] },
    });
    if (drafted._tag === 'Left') throw new Error(drafted.left.message);
    const changeRequestId = drafted.right.changeRequestId;
    for (const command of [
      { type: 'SubmitChangeRequest' },
      { type: 'RecordImpactAssessment', data: { assessment: assetOwnerImpact } },
      {
        type: 'RecordRiskAssessment',
        data: { risks: [{ riskId: 'R1', description: 'Clients pin the old certificate', category: 'integration', likelihood: 'possible', impact: 'moderate', treatment: 'mitigate', mitigation: 'Announce a week ahead' }] },
      },
      { type: 'RecordRegressionPlan', data: { plan: { existingTests: { total: 10, suites: ['unit'] }, newTestsRequired: 1, coverageBaseline: 80 } } },
    ]) {
      const result = await cm.execute({ ...command, changeRequestId, actor: foreman });
      if (result._tag === 'Left') throw new Error(`${command.type}: ${result.left.message}`);
    }
    await writer.close();
    const run = await done;

    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/APPROVAL REQUIRED {2}CR-\d{4}-\d{3} "Rotate gateway TLS certificates": \w+ level, awaiting /);
  });

  it('given a bad --tick, then exit 2 before the store is opened', async () => {
    const run = await cli(['--store', 'memory', 'watch', '--tick', 'soon']);

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--tick');
  });
});
