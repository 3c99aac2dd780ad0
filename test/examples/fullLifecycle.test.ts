import { expect, it } from 'vitest';
import { main } from '../../examples/full-lifecycle.js';
import { describeExampleOnEachStore, hoursBetweenEvents } from './support.js';

/** The scenario's specification: every event of CR-2025-001, in order. */
const expectedEvents = [
  'ChangeRequestDrafted',
  'ChangeRequestSubmitted',
  'StakeholdersNotified',
  'ImpactAssessed',
  'RiskAssessed',
  'RegressionAnalysisPlanned',
  'AssessmentCompleted',
  'ApprovalGranted',
  'ChangeRequestApproved',
  'ChangeRequestScheduled',
  'TestEnvironmentBaselineSet',
  'ChangeDeployedToTestEnvironment',
  'TestingStarted',
  'TestResultsRecorded',
  'TestingFailed',
  'ChangeRevised',
  'TestEnvironmentBaselineSet',
  'ChangeDeployedToTestEnvironment',
  'TestResultsRecorded',
  'TestEnvironmentValidated',
  'DocumentationUpdated',
  'DocumentationUpdated',
  'DocumentationUpdated',
  'RollbackPlanDocumented',
  'ComplianceValidated',
  'GatesEvaluated',
  'DeployedToProduction',
  'TestEnvironmentReset',
  'ChangeVerified',
  'LearningsRecorded',
  'ChangeRequestClosed',
];

describeExampleOnEachStore('examples/full-lifecycle', main, (result) => {
  it('given a fresh store, when the example runs, then CR-2025-001 ends closed with outcome success', () => {
    expect(result.state.number).toBe('CR-2025-001');
    expect(result.state.status).toBe('closed');
    expect(result.state.outcome).toBe('success');
  });

  it('records exactly the lifecycle events, in order, and the steps report the same events', () => {
    expect(result.stored.map((e) => e.type)).toEqual(expectedEvents);
    expect(result.steps.flatMap((s) => s.events)).toEqual(expectedEvents);
  });

  it('shows the Foreman refused approval of a medium change and production refused while gates are open', () => {
    expect(result.refusals).toEqual([
      { code: 'APPROVAL_AUTHORITY_INSUFFICIENT', path: 'actor.role' },
      { code: 'GATES_NOT_PASSED', path: undefined },
    ]);
  });

  it('fails one test run, revises, passes the second, and Johan alone approves', () => {
    expect(result.state.testRuns.map((r) => r.verdict.regressionDetected)).toEqual([true, false]);
    expect(result.state.revisions).toBe(1);
    expect(result.state.approved?.approvers).toEqual([{ id: 'johan', role: 'change_manager' }]);
  });

  it('verifies only after 24 h of production monitoring', () => {
    expect(hoursBetweenEvents(result.stored, 'DeployedToProduction', 'ChangeVerified')).toBeGreaterThanOrEqual(24);
  });

  it('prints every step and the final CR', () => {
    expect(result.output.filter((l) => /^\s*\d+\. /.test(l))).toHaveLength(result.steps.length);
    expect(result.output).toContain("Change request CR-2025-001: Add 'asset_owner' field to WRAC assets");
    expect(result.output.some((l) => l.includes('GATES_NOT_PASSED: Production deployment needs all 8 gates'))).toBe(true);
    expect(result.output.some((l) => /outcome\s+success/.test(l))).toBe(true);
  });
});
