import { expect, it } from 'vitest';
import { main } from '../../examples/emergency-change.js';
import { describeExampleOnEachStore, hoursBetweenEvents } from './support.js';

/** The scenario's specification: declared, fixed, monitored, then the retrospective paperwork, verified and closed. */
const expectedEvents = [
  'EmergencyDeclared',
  'EmergencyFixApplied',
  'StakeholdersNotified',
  'RetrospectiveAssessmentRecorded',
  'RetrospectiveTestingRecorded',
  'PostIncidentReviewRecorded',
  'ChangeVerified',
  'LearningsRecorded',
  'ChangeRequestClosed',
];

describeExampleOnEachStore('examples/emergency-change', main, (result) => {
  it('given a system outage, when the example runs, then the emergency CR ends closed with outcome success', () => {
    expect(result.state.number).toBe('CR-2025-001');
    expect(result.state.crType).toBe('emergency');
    expect(result.state.status).toBe('closed');
    expect(result.state.outcome).toBe('success');
  });

  it('records exactly the emergency procedure, in order, and the steps report the same events', () => {
    expect(result.stored.map((e) => e.type)).toEqual(expectedEvents);
    expect(result.steps.flatMap((s) => s.events)).toEqual(expectedEvents);
  });

  it('shows the Foreman refused when declaring; only Johan declares, for a system outage', () => {
    expect(result.refusals).toEqual([{ code: 'PERMISSION_DENIED', path: 'actor.role' }]);
    expect(result.state.emergency?.declaredBy).toEqual({ id: 'johan', role: 'change_manager' });
    expect(result.state.emergency?.criterion).toBe('system_outage');
  });

  it('records the test-environment bypass with its justification', () => {
    const fix = result.state.emergency?.fix;
    expect(fix?.testEnvironmentBypassed).toBe(true);
    expect(fix?.bypassJustification).toMatch(/\S/);
  });

  it('records the retrospective assessment within 24 h of the fix, not flagged late', () => {
    expect(hoursBetweenEvents(result.stored, 'EmergencyFixApplied', 'RetrospectiveAssessmentRecorded')).toBeLessThan(24);
    expect(result.state.emergency?.retrospectiveAssessment?.late).toBe(false);
  });

  it('passes the retrospective full regression and verifies only after the 24 h window after the fix', () => {
    expect(result.state.emergency?.retrospectiveTesting?.verdict.regressionDetected).toBe(false);
    expect(hoursBetweenEvents(result.stored, 'EmergencyFixApplied', 'ChangeVerified')).toBeGreaterThanOrEqual(24);
  });

  it('prints the refusal and the final CR with its emergency justification', () => {
    expect(result.output.some((l) => l.includes('PERMISSION_DENIED: The foreman role may not issue DeclareEmergency'))).toBe(true);
    expect(result.output.some((l) => l.startsWith('Change request CR-2025-001:'))).toBe(true);
    expect(result.output.some((l) => /test bypass\s+Outage affects all tenants/.test(l))).toBe(true);
  });
});
