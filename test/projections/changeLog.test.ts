import { describe, expect, it } from 'vitest';
import { createChangeLog } from '../../src/projections/changeLog/changeLog.js';
import { ChangeLogDocument } from '../../src/projections/changeLog/schema.js';
import { toSnakeKeys } from '../../src/projections/documents/snakeCase.js';
import { actors, aiGenerated, emergency, manualSuccess, rejected, rolledBack } from '../support/eventFixtures.js';
import { project } from './support.js';

describe('change log (spec 12.2)', () => {
  it('given a verified deployment approved by Johan: what changed, who approved, when, tests, success', async () => {
    const log = createChangeLog();
    await project([manualSuccess()], log);
    expect(log.entries()).toHaveLength(1);
    expect(toSnakeKeys(log.entries()[0]!)).toEqual({
      entry_id: 'CR-2025-001#1',
      kind: 'deployment',
      cr_id: 'CR-2025-001',
      change_request_id: 'cr_2025_001',
      cr_type: 'manual',
      title: 'Add asset_owner field to WRAC assets',
      at: '2025-12-04T10:00:00.000Z',
      executed_by: actors.johan,
      release: 'release-CR-2025-001',
      changes: {
        modules: ['WRAC', 'Risk_Assessment'],
        files: ['src/wrac/index.ts', 'src/risk_assessment/index.ts'],
        schemas: ['wrac_assets'],
        configs: [],
      },
      approval: { auto_approval: false, approvers: [actors.johan], approved_by: 'Johan' },
      test_environment_bypassed: false,
      test_results: {
        retrospective: false,
        existing_passed: 245,
        existing_total: 245,
        new_passed: 5,
        new_created: 5,
        coverage_before: 92.5,
        coverage_after: 93.1,
        regression_detected: false,
        summary: '245/245 existing and 5/5 new tests passed; coverage 92.5% -> 93.1%; no regression',
      },
      result: 'success',
      status: 'verified',
      failure_reason: null,
      resolved_at: '2025-12-05T11:00:00.000Z',
      rollback: null,
    });
  });

  it('names the Foreman auto-approval of a low-risk AI CR', async () => {
    const log = createChangeLog();
    await project([aiGenerated({ level: 'low' })], log);
    expect(log.entries()[0]!.approval).toEqual({ autoApproval: true, approvers: [actors.foreman], approvedBy: 'Maturion Foreman (auto-approval)' });
  });

  it('given a rollback: the deployment fails and a rollback entry reverts its changes, succeeding once validated', async () => {
    const log = createChangeLog();
    await project([rolledBack({ rollbackAfterHours: 2, restoreHours: 1 })], log);
    const [deployment, rollback] = log.entries();
    expect(deployment).toMatchObject({ kind: 'deployment', result: 'failure', status: 'rolled_back', failureReason: 'p95 latency of /api/wrac/assets doubled' });
    expect(rollback).toMatchObject({
      entryId: 'CR-2025-003#2',
      kind: 'rollback',
      changes: deployment!.changes,
      approval: { approvers: [actors.johan], approvedBy: 'Johan (rollback decision)' },
      release: 'release-previous',
      result: 'success',
      status: 'validated',
      rollback: { trigger: 'performance_degradation', rollbackType: 'schema', revertedTo: 'release-previous' },
    });
    expect(Date.parse(rollback!.resolvedAt!) - Date.parse(rollback!.at)).toBe(3_600_000);
  });

  it('given a failed deployment, the entry keeps the failure reason', async () => {
    const log = createChangeLog();
    await project([rolledBack({ failure: 'deployment_failed' })], log);
    expect(log.entries({ kind: 'deployment' })[0]).toMatchObject({
      result: 'failure',
      status: 'failed',
      failureReason: 'Migration timed out on the production assets table',
    });
  });

  it('given an emergency fix that bypassed the test environment, the retrospective tests fill in its results', async () => {
    const log = createChangeLog();
    await project([emergency({ upTo: 'EmergencyFixApplied' })], log);
    expect(log.entries()[0]).toMatchObject({
      kind: 'emergency_fix',
      testEnvironmentBypassed: true,
      testResults: null,
      approval: { approvedBy: 'Johan (emergency declaration)' },
      result: 'pending',
    });
    const later = createChangeLog();
    await project([emergency()], later);
    expect(later.entries()[0]).toMatchObject({ testResults: { retrospective: true, existingPassed: 245 }, result: 'success' });
  });

  it('has no entry for a CR that never reached production, and filters by time', async () => {
    const log = createChangeLog();
    await project([rejected(), manualSuccess({ number: 'CR-2025-010', start: '2025-11-01T09:00:00Z' }), manualSuccess({ number: 'CR-2025-011' })], log);
    expect(log.entries().map((e) => e.crId)).toEqual(['CR-2025-010', 'CR-2025-011']);
    expect(log.entries({ from: '2025-12-01T00:00:00Z' }).map((e) => e.crId)).toEqual(['CR-2025-011']);
    expect(log.entries({ crId: 'CR-2025-010' })).toHaveLength(1);
    expect(() => ChangeLogDocument.parse(log.document('2025-12-31T00:00:00.000Z'))).not.toThrow();
  });
});
