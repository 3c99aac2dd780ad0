import { createChangeManagement } from '../commands/changeManagement.js';
import type { ChangeRequestState } from '../domain/state.js';
import { actors } from './actors.js';
import { createManualClock } from './manualClock.js';
import { createScenarioRunner, type ScenarioOptions } from './runner.js';
import { allVerificationCriteriaMet, vulnerabilityIndexImpact, vulnerabilityIndexResults } from './samples.js';
import { prepareForProduction } from './steps.js';

/**
 * Spec 10.2's AI-generated change request, through the workflow of 10.3:
 * runtime monitoring shows the Vulnerability API slowing down, the Foreman
 * generates and fully assesses a CR, recommends it, and notifies Johan.
 * Adding an index is a schema change, so the Foreman may not auto-approve
 * it even though its level is low; Johan approves, builders implement, and
 * the results are fed back to the Foreman at closure.
 */
export const runAiChangeRequest = async (options: ScenarioOptions): Promise<ChangeRequestState> => {
  const clock = createManualClock(options.start ?? '2025-12-04T10:30:00Z');
  const cm = createChangeManagement({ store: options.store, clock: clock.now });
  const { run, expectRefusal } = createScenarioRunner(cm, options.onStep);
  const { foreman, johan, builder, qa } = actors;

  const drafted = await run('Foreman generates an AI CR from a runtime insight', {
    type: 'DraftChangeRequest',
    actor: foreman,
    data: {
      crType: 'ai_generated',
      trigger: {
        type: 'runtime_insight',
        source: 'performance_monitoring',
        description: 'Vulnerability API response time degraded by 30% over 7 days',
      },
      title: 'Optimize Vulnerability API database queries',
      description: {
        summary: 'Optimize Vulnerability API database queries',
        details: 'Add index on vulnerability_scans.scan_date to improve query performance',
      },
      category: 'code',
      affectedModules: ['Vulnerability'],
      estimatedEffort: '2 hours',
      stakeholders: [johan.id],
    },
  });
  const id = drafted.changeRequestId;
  await run('Foreman submits it: an AI-CR number', { type: 'SubmitChangeRequest', changeRequestId: id, actor: foreman });
  await run('Impact assessment: one module, one index', {
    type: 'RecordImpactAssessment',
    changeRequestId: id,
    actor: foreman,
    data: { assessment: vulnerabilityIndexImpact },
  });
  await run('Risk assessment', {
    type: 'RecordRiskAssessment',
    changeRequestId: id,
    actor: foreman,
    data: {
      risks: [
        {
          riskId: 'RISK-AI-01',
          description: 'Building the index locks vulnerability_scans while scans are ingested',
          category: 'operational',
          likelihood: 'possible',
          impact: 'minor',
          treatment: 'mitigate',
          mitigation: 'Build the index concurrently during the maintenance window',
        },
        {
          riskId: 'RISK-AI-02',
          description: 'The index slows down scan ingestion',
          category: 'performance',
          likelihood: 'unlikely',
          impact: 'minor',
          treatment: 'accept',
          mitigation: 'Ingestion is batched; measured overhead below 2%',
        },
      ],
    },
  });
  await run('Regression analysis plan', {
    type: 'RecordRegressionPlan',
    changeRequestId: id,
    actor: foreman,
    data: { plan: { existingTests: { total: 156, suites: ['unit', 'integration', 'api', 'database', 'performance'] }, newTestsRequired: 2, coverageBaseline: 90.2 } },
  });
  await run('Foreman recommends it (not auto-approvable: schema change)', {
    type: 'IssueAiRecommendation',
    changeRequestId: id,
    actor: foreman,
    data: { recommendation: 'Approve and schedule for next maintenance window' },
  });
  await run('Johan is notified of the new AI CR', {
    type: 'NotifyStakeholders',
    changeRequestId: id,
    actor: foreman,
    data: { stakeholders: [johan.id], message: 'AI CR awaiting your review: Optimize Vulnerability API database queries' },
  });
  await expectRefusal('The Foreman may not auto-approve a schema change', {
    type: 'ApproveChangeRequest',
    changeRequestId: id,
    actor: foreman,
    data: { rationale: 'Low risk, low impact' },
  });
  clock.advanceHours(3);
  await run('Johan reviews and approves', {
    type: 'ApproveChangeRequest',
    changeRequestId: id,
    actor: johan,
    data: { rationale: 'Index is additive and reversible; fits the Saturday maintenance window' },
  });
  await run('Johan schedules it for the next maintenance window', {
    type: 'ScheduleChangeRequest',
    changeRequestId: id,
    actor: johan,
    data: {
      window: { start: '2025-12-06T06:00:00Z', end: '2025-12-06T08:00:00Z' },
      builders: [builder.id],
      testEnvironment: 'test-env-1',
      notes: 'Next maintenance window',
    },
  });

  clock.advanceHours(19.5); // the next morning
  await run('Test environment reset to baseline', { type: 'SetTestBaseline', changeRequestId: id, actor: qa, data: { baseline: 'baseline-2025-12-05' } });
  await run('qa-builder deploys the migration to the test environment', {
    type: 'DeployToTestEnvironment',
    changeRequestId: id,
    actor: qa,
    data: { build: 'vulnerability-scan-date-index#1' },
  });
  await run('Testing starts', { type: 'StartTesting', changeRequestId: id, actor: qa, data: { suites: ['unit', 'integration', 'api', 'database', 'performance'] } });
  await run('Zero regression; response time 260 ms -> 185 ms', {
    type: 'RecordTestResults',
    changeRequestId: id,
    actor: qa,
    data: { results: vulnerabilityIndexResults },
  });
  await prepareForProduction(run, id, {
    validationNotes: 'Query plan uses the new index',
    documentation: [
      {
        label: 'Data model documentation updated',
        update: { kind: 'architecture', reference: 'Vulnerability data model', summary: 'Index on vulnerability_scans.scan_date' },
      },
    ],
    rollbackPlan: {
      procedure: 'Drop the index concurrently',
      rollbackType: 'schema',
      decisionCriteria: ['scan ingestion slower by more than 10%'],
      testedInTestEnvironment: true,
      migrationScript: 'migrations/2025-12-06-drop-scan-date-index.sql',
    },
    compliance: { controlMappingsUpdated: false, coverageBefore: 86, coverageAfter: 86 },
  });

  clock.advanceHours(21.25); // Saturday's maintenance window
  await run('Johan deploys in the maintenance window', {
    type: 'DeployToProduction',
    changeRequestId: id,
    actor: johan,
    data: {
      release: 'platform 2.4.1',
      changeSet: { modules: ['Vulnerability'], schemas: ['vulnerability_scans: add index on scan_date'] },
      deploymentLog: ['index built concurrently in 4 min', 'smoke tests green'],
    },
  });
  await run('Test environment reset for the next change', { type: 'ResetTestEnvironment', changeRequestId: id, actor: qa });
  clock.advanceHours(25);
  await run('Johan verifies after 25 h of monitoring', {
    type: 'VerifyChange',
    changeRequestId: id,
    actor: johan,
    data: { criteria: allVerificationCriteriaMet, report: 'Vulnerability API p95 back to 180 ms; ingestion unchanged' },
  });
  const closed = await run('Foreman closes it and learns from the result', {
    type: 'CloseChangeRequest',
    changeRequestId: id,
    actor: foreman,
    data: {
      learnings: [
        { topic: 'performance_monitoring', insight: 'A 30% slowdown on date-range queries pointed to a missing index; the fix restored baseline within a day' },
        { topic: 'schema design', insight: 'Tables queried by date need an index on that date from the start' },
      ],
    },
  });
  return closed.state;
};
