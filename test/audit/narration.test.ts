import { describe, expect, it } from 'vitest';
import { narrate } from '../../src/audit/narration.js';
import type { DomainEvent } from '../../src/events/catalogue.js';
import { eventTypes } from '../../src/events/catalogue.js';
import {
  aiGenerated,
  emergency,
  eventsOf,
  failedTestThenRevision,
  manualSuccess,
  rejected,
  rolledBack,
  withdrawn,
} from '../support/eventFixtures.js';

const lifecycles = [
  manualSuccess({ level: 'critical' }),
  manualSuccess({ failedGateEvaluation: true }),
  failedTestThenRevision(),
  rolledBack(),
  rolledBack({ failure: 'deployment_failed' }),
  rejected(),
  withdrawn(),
  emergency(),
  aiGenerated(),
];
const events: DomainEvent[] = lifecycles.flatMap(eventsOf);
const first = <T extends DomainEvent['type']>(type: T): Extract<DomainEvent, { type: T }> =>
  events.find((e): e is Extract<DomainEvent, { type: T }> => e.type === type)!;

describe('narration of events', () => {
  it('given the fixture lifecycles, then they hold every event type of the catalogue (so the next test covers all)', () => {
    expect(new Set(events.map((e) => e.type))).toEqual(new Set(eventTypes));
  });

  it('given any event, then what is one non-empty line and why, when present, is non-empty', () => {
    for (const event of events) {
      const { what, why } = narrate(event);
      expect(what.trim(), event.type).not.toBe('');
      expect(what, event.type).not.toContain('\n');
      if (why !== undefined) expect(why.trim(), event.type).not.toBe('');
    }
  });

  it.each([
    ['ApprovalGranted', { what: 'Johan (change manager) granted approval', why: 'Impact acceptable, risks mitigated' }],
    [
      'ChangeRequestRejected',
      { what: 'Rejected by Johan (change manager): conflicts with architecture', why: 'The risk engine is frozen until the audit' },
    ],
    ['ChangeRequestEscalated', { what: 'Escalated to executive', why: 'Critical risk: executive approval required' }],
    [
      'EmergencyDeclared',
      {
        what: 'Johan (change manager) declared emergency CR-2025-090 "Patch actively exploited auth bypass" (critical security vulnerability) affecting WRAC, Risk_Assessment',
        why: 'Active exploit of the session endpoint observed in production',
      },
    ],
    ['RollbackPostMortemRecorded', { what: 'Recorded the rollback post-mortem' }],
    ['TestingFailed', { what: 'Testing failed' }],
    ['ChangeRequestSubmitted', { what: 'Submitted as CR-2025-001' }],
    ['StakeholdersNotified', { what: 'Notified stakeholders WRAC module owner' }],
  ] as const)('given a %s event, then it reads as expected', (type, expected) => {
    expect(narrate(first(type))).toMatchObject(expected);
  });

  it('given a reason-bearing event, then its reason is the why', () => {
    expect(narrate(first('RollbackPostMortemRecorded')).why).toBe(first('RollbackPostMortemRecorded').data.rootCause);
    expect(narrate(first('TestingFailed')).why).toBe(first('TestingFailed').data.findings.join('; '));
    expect(narrate(first('EmergencyFixApplied')).why).toBe('Exploit in progress; the test cycle takes 4 hours');
    expect(narrate(first('ProductionDeploymentFailed')).why).toBe(first('ProductionDeploymentFailed').data.reason);
    expect(narrate(first('ChangeRequestClosed')).why).toBeUndefined();
  });

  it('given a long module list, then the line names five and counts the rest', () => {
    const drafted = first('ChangeRequestDrafted');
    const many = { ...drafted, data: { ...drafted.data, affectedModules: ['A', 'B', 'C', 'D', 'E', 'F', 'G'] } };
    expect(narrate(many).what).toMatch(/affecting A, B, C, D, E and 2 more$/);
  });

  it('given a test run with regression, then the line says so and the findings are the why', () => {
    const failedRun = events.find((e): e is Extract<DomainEvent, { type: 'TestResultsRecorded' }> => e.type === 'TestResultsRecorded' && e.data.verdict.regressionDetected)!;
    const n = narrate(failedRun);
    expect(n.what).toBe('Recorded test results: existing 243/245 passed (2 failed, 0 skipped), new 5/5 passed (5 required), coverage 92.5% -> 93.1%: regression detected');
    expect(n.why).toBe(failedRun.data.verdict.findings.join('; '));
  });
});
