import { createChangeManagement } from '../commands/changeManagement.js';
import type { ChangeRequestState } from '../domain/state.js';
import { actors } from './actors.js';
import { createManualClock } from './manualClock.js';
import { createScenarioRunner, type ScenarioOptions } from './runner.js';
import { dashboardCacheImpact, dashboardCacheResults } from './samples.js';
import { prepareForProduction } from './steps.js';

/**
 * A rollback (spec 15): a medium-level change passes every gate and reaches
 * production, then fails there. The Foreman may decide a rollback only for
 * critical errors; the change manager executes it; the system is validated,
 * monitored for 24 h, and the post-mortem closes the CR as rolled back.
 */
export const runRollback = async (options: ScenarioOptions): Promise<ChangeRequestState> => {
  const clock = createManualClock(options.start ?? '2025-12-08T09:00:00Z');
  const cm = createChangeManagement({ store: options.store, clock: clock.now });
  const { run, expectRefusal } = createScenarioRunner(cm, options.onStep);
  const { foreman, johan, builder, qa, stakeholder } = actors;

  // Stages 1-7: an ordinary change, assessed, approved, tested and deployed.
  const drafted = await run('Foreman drafts a caching change', {
    type: 'DraftChangeRequest',
    actor: foreman,
    data: {
      title: 'Cache control-coverage dashboard aggregates in Redis',
      description: { summary: 'Cache dashboard aggregates', details: 'The compliance dashboard takes 820 ms per load; cache aggregates per tenant for 5 minutes' },
      category: 'code',
      affectedModules: ['Compliance_Dashboard', 'Reporting'],
      estimatedEffort: '2 days',
      stakeholders: [stakeholder.id],
    },
  });
  const id = drafted.changeRequestId;
  await run('Foreman submits it', { type: 'SubmitChangeRequest', changeRequestId: id, actor: foreman });
  await run('Stakeholders are notified', {
    type: 'NotifyStakeholders',
    changeRequestId: id,
    actor: foreman,
    data: { stakeholders: [stakeholder.id], message: 'Dashboard caching submitted for assessment' },
  });
  await run('Impact assessment', { type: 'RecordImpactAssessment', changeRequestId: id, actor: foreman, data: { assessment: dashboardCacheImpact } });
  await run('Risk assessment', {
    type: 'RecordRiskAssessment',
    changeRequestId: id,
    actor: foreman,
    data: {
      risks: [
        {
          riskId: 'RISK-CACHE-01',
          description: 'Dashboard shows coverage up to 5 minutes old',
          category: 'data_quality',
          likelihood: 'possible',
          impact: 'minor',
          treatment: 'accept',
          mitigation: 'Timestamp shown on the dashboard',
        },
      ],
    },
  });
  await run('Regression analysis plan', {
    type: 'RecordRegressionPlan',
    changeRequestId: id,
    actor: foreman,
    data: { plan: { existingTests: { total: 180, suites: ['unit', 'integration', 'api', 'performance'] }, newTestsRequired: 4, coverageBaseline: 88 } },
  });
  clock.advanceHours(1);
  await run('Johan approves the medium-level change', {
    type: 'ApproveChangeRequest',
    changeRequestId: id,
    actor: johan,
    data: { rationale: 'Two modules, no interface change, easy rollback' },
  });
  await run('Johan schedules it', {
    type: 'ScheduleChangeRequest',
    changeRequestId: id,
    actor: johan,
    data: { window: { start: '2025-12-09T08:00:00Z', end: '2025-12-09T17:00:00Z' }, builders: [builder.id], testEnvironment: 'test-env-2' },
  });

  clock.advanceHours(22); // the implementation window opens
  await run('Test environment reset to baseline', { type: 'SetTestBaseline', changeRequestId: id, actor: qa, data: { baseline: 'baseline-2025-12-09' } });
  await run('Build deployed to the test environment', { type: 'DeployToTestEnvironment', changeRequestId: id, actor: qa, data: { build: 'dashboard-cache#1' } });
  await run('Testing starts', { type: 'StartTesting', changeRequestId: id, actor: qa, data: { suites: ['unit', 'integration', 'api', 'performance'] } });
  await run('Zero regression; load time 820 ms -> 95 ms', { type: 'RecordTestResults', changeRequestId: id, actor: qa, data: { results: dashboardCacheResults } });
  await prepareForProduction(run, id, {
    validationNotes: 'Tested with the three largest demo tenants',
    documentation: [{ label: 'Architecture documentation updated', update: { kind: 'architecture', reference: 'Architecture: caching layer' } }],
    rollbackPlan: {
      procedure: 'Revert the release commit, redeploy platform 2.5.0, restart the dashboard service',
      rollbackType: 'code',
      decisionCriteria: ['dashboard 5xx rate above 1%', 'stale data older than 5 minutes'],
      testedInTestEnvironment: true,
    },
    compliance: { controlMappingsUpdated: false, coverageBefore: 86, coverageAfter: 86 },
  });
  clock.advanceHours(6);
  await run('Johan deploys to production', {
    type: 'DeployToProduction',
    changeRequestId: id,
    actor: johan,
    data: {
      release: 'platform 2.5.1',
      changeSet: { modules: ['Compliance_Dashboard', 'Reporting'], files: ['src/dashboard/coverageCache.ts'] },
      deploymentLog: ['services restarted', 'smoke tests green'],
    },
  });
  await run('Test environment reset for the next change', { type: 'ResetTestEnvironment', changeRequestId: id, actor: qa });

  // Spec 15: production goes wrong.
  clock.advanceMinutes(40);
  await expectRefusal('The Foreman may not decide a rollback for a slowdown', {
    type: 'InitiateRollback',
    changeRequestId: id,
    actor: foreman,
    data: { trigger: 'performance_degradation', rollbackType: 'code', reason: 'Redis latency rising' },
  });
  clock.advanceMinutes(15);
  await run('Critical errors: the Foreman decides to roll back', {
    type: 'InitiateRollback',
    changeRequestId: id,
    actor: foreman,
    data: {
      trigger: 'critical_errors',
      rollbackType: 'code',
      reason: 'Dashboard returns HTTP 500 for tenants with more than 10,000 controls: cache entries exceed the Redis value limit',
      stakeholdersNotified: [stakeholder.id, johan.id],
    },
  });
  await run('Johan reverts to the previous release', {
    type: 'ExecuteRollback',
    changeRequestId: id,
    actor: johan,
    data: { revertedTo: 'platform 2.5.0', steps: ['git revert of the release commit', 'redeploy platform 2.5.0', 'restart the dashboard service'] },
  });
  clock.advanceMinutes(30);
  await run('Rollback validated: system stable', {
    type: 'ValidateRollback',
    changeRequestId: id,
    actor: foreman,
    data: { notes: 'No 5xx since the redeploy; dashboard back to 820 ms' },
  });
  clock.advanceHours(24);
  await run('Post-mortem after 24 h of monitoring', {
    type: 'RecordPostMortem',
    changeRequestId: id,
    actor: johan,
    data: {
      rootCause: 'Test tenants had at most 2,000 controls; the serialised aggregate of large tenants exceeds the Redis value limit',
      crUpdates: 'Add a large-tenant fixture to the regression plan; cache per control family instead of per tenant',
      replan: 'Resubmit as a new CR after the fixture exists',
    },
  });
  const closed = await run('Johan closes the CR as rolled back', {
    type: 'CloseChangeRequest',
    changeRequestId: id,
    actor: johan,
    data: {
      reason: 'Rolled back after critical errors in production',
      learnings: [{ topic: 'test data', insight: 'Performance changes need a tenant at production scale in the test environment' }],
    },
  });
  return closed.state;
};
