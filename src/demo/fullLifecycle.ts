import type { ChangeManagement } from '../commands/changeManagement.js';
import { createChangeManagement } from '../commands/changeManagement.js';
import type { ChangeRequestState } from '../domain/state.js';
import { actors } from './actors.js';
import { createManualClock } from './manualClock.js';
import { createScenarioRunner, type ScenarioOptions } from './runner.js';
import { allVerificationCriteriaMet, assetOwnerImpact, passingResults } from './samples.js';
import { prepareForProduction } from './steps.js';

/**
 * The spec's running example, CR "Add asset_owner field to WRAC assets",
 * from draft to closed: assessment, approval by the change manager, a first
 * test run that fails, a revision, a clean run, the eight gates, production,
 * 24 h of monitoring, verification and closure with learnings.
 */
export const runFullLifecycle = async (options: ScenarioOptions): Promise<ChangeRequestState> => {
  const clock = createManualClock(options.start ?? '2025-12-04T09:00:00Z');
  const cm: ChangeManagement = createChangeManagement({ store: options.store, clock: clock.now });
  const { run, expectRefusal } = createScenarioRunner(cm, options.onStep);
  const { foreman, johan, builder, qa, stakeholder } = actors;

  const drafted = await run('Foreman drafts the CR from a user request', {
    type: 'DraftChangeRequest',
    actor: foreman,
    data: {
      crType: 'manual',
      title: "Add 'asset_owner' field to WRAC assets",
      description: { summary: "Add 'asset_owner' field to WRAC assets", details: 'Asset accountability for ISO 27001 A.8.1' },
      category: 'code',
      affectedModules: ['WRAC', 'Risk_Assessment'],
      estimatedEffort: '1 day',
      stakeholders: [stakeholder.id],
    },
  });
  const id = drafted.changeRequestId;
  const submitted = await run('Foreman submits it: the CR gets its number', { type: 'SubmitChangeRequest', changeRequestId: id, actor: foreman });
  await run('Stakeholders are notified', {
    type: 'NotifyStakeholders',
    changeRequestId: id,
    actor: foreman,
    data: { stakeholders: [stakeholder.id], message: `${submitted.number ?? id} submitted for assessment` },
  });
  clock.advanceHours(1); // the Foreman's automated analysis
  await run('Impact assessment (spec 4.3)', { type: 'RecordImpactAssessment', changeRequestId: id, actor: foreman, data: { assessment: assetOwnerImpact } });
  await run('Risk assessment (spec 5.4)', {
    type: 'RecordRiskAssessment',
    changeRequestId: id,
    actor: foreman,
    data: {
      risks: [
        {
          riskId: 'RISK-CR001-01',
          description: 'Asset owner field not populated for existing assets',
          category: 'data_quality',
          likelihood: 'likely',
          impact: 'minor',
          treatment: 'mitigate',
          mitigation: 'Data migration script sets a default owner; admins review',
        },
        {
          riskId: 'RISK-CR001-02',
          description: 'API clients not expecting the new field',
          category: 'integration',
          likelihood: 'unlikely',
          impact: 'minor',
          treatment: 'accept',
          mitigation: 'Field is optional and backward compatible',
        },
      ],
    },
  });
  await run('Regression analysis plan', {
    type: 'RecordRegressionPlan',
    changeRequestId: id,
    actor: foreman,
    data: { plan: { existingTests: { total: 245, suites: ['unit', 'integration', 'api', 'database', 'ui'] }, newTestsRequired: 5, coverageBaseline: 92.5 } },
  });
  await expectRefusal('The Foreman may not approve a medium-level change', {
    type: 'ApproveChangeRequest',
    changeRequestId: id,
    actor: foreman,
    data: { rationale: 'Looks fine' },
  });
  clock.advanceHours(3); // Johan reviews the assessments
  await run('Johan approves', {
    type: 'ApproveChangeRequest',
    changeRequestId: id,
    actor: johan,
    data: { rationale: 'Impact acceptable, risks mitigated, regression plan adequate' },
  });
  clock.advanceHours(1);
  await run('Johan schedules the work', {
    type: 'ScheduleChangeRequest',
    changeRequestId: id,
    actor: johan,
    data: {
      window: { start: '2025-12-05T08:00:00Z', end: '2025-12-05T18:00:00Z' },
      builders: [builder.id],
      testEnvironment: 'test-env-1',
    },
  });

  clock.set('2025-12-05T08:00:00Z'); // the implementation window opens
  await run('Test environment reset to baseline', { type: 'SetTestBaseline', changeRequestId: id, actor: qa, data: { baseline: 'baseline-2025-12-05' } });
  await run('Build 1 deployed to the test environment', { type: 'DeployToTestEnvironment', changeRequestId: id, actor: qa, data: { build: 'wrac-asset-owner#1' } });
  await run('Testing starts', { type: 'StartTesting', changeRequestId: id, actor: qa, data: { suites: ['unit', 'integration', 'api', 'database', 'ui'] } });
  clock.advanceHours(2);
  await run('First run: two existing tests fail', {
    type: 'RecordTestResults',
    changeRequestId: id,
    actor: qa,
    data: {
      results: {
        ...passingResults,
        existingTests: { total: 245, passed: 243, failed: 2, skipped: 0 },
      },
    },
  });
  clock.advanceHours(3);
  await run('Builder revises the change', {
    type: 'ReviseChange',
    changeRequestId: id,
    actor: builder,
    data: { summary: 'Default asset_owner to NULL in the asset list serializer', changes: ['src/wrac/serializers.ts'] },
  });
  await run('Test environment reset to baseline again', { type: 'SetTestBaseline', changeRequestId: id, actor: qa, data: { baseline: 'baseline-2025-12-05' } });
  await run('Build 2 deployed to the test environment', { type: 'DeployToTestEnvironment', changeRequestId: id, actor: qa, data: { build: 'wrac-asset-owner#2' } });
  clock.advanceHours(2);
  await run('Second run: zero regression (spec 6.4)', { type: 'RecordTestResults', changeRequestId: id, actor: qa, data: { results: passingResults } });
  await expectRefusal('Production is refused while gates are open', {
    type: 'DeployToProduction',
    changeRequestId: id,
    actor: johan,
    data: { release: 'platform 2.4.0', changeSet: { modules: ['WRAC'] } },
  });
  await prepareForProduction(run, id, {
    validationNotes: 'Asset form shows the optional owner field',
    documentation: [
      { label: 'architecture documentation updated', update: { kind: 'architecture', reference: 'WRAC data model' } },
      { label: 'api documentation updated', update: { kind: 'api', reference: 'API documentation: POST /api/wrac/assets' } },
      { label: 'user documentation updated', update: { kind: 'user', reference: 'WRAC user guide' } },
    ],
    rollbackPlan: {
      procedure: 'Revert release 2.4.0 and drop the nullable column',
      rollbackType: 'schema',
      decisionCriteria: ['error rate above 1% on /api/wrac/assets', 'p95 latency above 200 ms'],
      testedInTestEnvironment: true,
      migrationScript: 'migrations/2025-12-05-drop-asset-owner.sql',
    },
    compliance: { controlMappingsUpdated: true, coverageBefore: 84, coverageAfter: 86 },
  });
  await run('Gates evaluated for the record', { type: 'EvaluateGates', changeRequestId: id, actor: johan });
  clock.advanceHours(1);
  await run('Johan deploys to production', {
    type: 'DeployToProduction',
    changeRequestId: id,
    actor: johan,
    data: {
      release: 'platform 2.4.0',
      changeSet: {
        modules: ['WRAC', 'Risk_Assessment'],
        files: ['src/wrac/assets.ts', 'src/wrac/serializers.ts'],
        schemas: ['wrac_assets: add column asset_owner TEXT'],
      },
      deploymentLog: ['migration applied', 'services restarted', 'smoke tests green'],
    },
  });
  await run('Test environment reset for the next change', { type: 'ResetTestEnvironment', changeRequestId: id, actor: qa });
  clock.advanceHours(25);
  await run('Johan verifies after 25 h of monitoring', {
    type: 'VerifyChange',
    changeRequestId: id,
    actor: johan,
    data: { criteria: allVerificationCriteriaMet, report: 'No errors; p95 latency 147 ms' },
  });
  const closed = await run('Foreman closes the CR and feeds learnings back', {
    type: 'CloseChangeRequest',
    changeRequestId: id,
    actor: foreman,
    data: { learnings: [{ topic: 'serializers', insight: 'New optional fields need serializer defaults; add a lint rule' }] },
  });
  return closed.state;
};
