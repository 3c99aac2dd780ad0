import { expect, it } from 'vitest';
import { main } from '../../examples/rollback.js';
import { describeExampleOnEachStore, hoursBetweenEvents } from './support.js';

/** The scenario's specification: an ordinary change through all gates to production, then spec 15's rollback. */
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
  'TestEnvironmentValidated',
  'DocumentationUpdated',
  'RollbackPlanDocumented',
  'ComplianceValidated',
  'DeployedToProduction',
  'TestEnvironmentReset',
  'RollbackInitiated',
  'RollbackExecuted',
  'RollbackValidated',
  'RollbackPostMortemRecorded',
  'LearningsRecorded',
  'ChangeRequestClosed',
];

describeExampleOnEachStore('examples/rollback', main, (result) => {
  it('given a change deployed to production, when critical errors appear and it is rolled back, then it ends closed with outcome rolled_back', () => {
    expect(result.state.number).toBe('CR-2025-001');
    expect(result.state.status).toBe('closed');
    expect(result.state.outcome).toBe('rolled_back');
  });

  it('records exactly the deployment and rollback events, in order, and the steps report the same events', () => {
    expect(result.stored.map((e) => e.type)).toEqual(expectedEvents);
    expect(result.steps.flatMap((s) => s.events)).toEqual(expectedEvents);
  });

  it('shows the Foreman refused for a non-critical trigger, then its decision on critical errors accepted', () => {
    expect(result.refusals).toEqual([{ code: 'PERMISSION_DENIED', path: 'data.trigger' }]);
    const rollback = result.state.rollback;
    expect(rollback?.trigger).toBe('critical_errors');
    expect(rollback?.decidedBy).toEqual({ id: 'maturion-foreman', role: 'foreman' });
    expect(rollback?.rollbackType).toBe('code');
  });

  it('executes, validates, and closes only after 24 h of monitoring after the validated rollback', () => {
    expect(result.state.rollback?.executed?.revertedTo).toBe('platform 2.5.0');
    expect(hoursBetweenEvents(result.stored, 'RollbackValidated', 'ChangeRequestClosed')).toBeGreaterThanOrEqual(24);
    expect(result.state.rollback?.postMortem?.rootCause).toMatch(/Redis value limit/);
  });

  it('prints the refusal and the final CR with its rollback', () => {
    expect(result.output.some((l) => l.includes('PERMISSION_DENIED: The Foreman may decide a rollback only for critical errors'))).toBe(true);
    expect(result.output.some((l) => /outcome\s+rolled_back/.test(l))).toBe(true);
    expect(result.output.some((l) => /rollback\s+code rollback on critical_errors/.test(l))).toBe(true);
  });
});
