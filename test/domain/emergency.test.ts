import { describe, expect, it } from 'vitest';
import type { Actor } from '../../src/events/values.js';
import {
  FIX_APPLIED_AT,
  allCriteriaMet,
  command,
  dataOf,
  deployed,
  emergencyDeclared,
  emergencyFixed,
  errorOf,
  event,
  eventsOf,
  failedRetrospectiveTesting,
  failingResults,
  given,
  hoursAfter,
  lowImpact,
  passingResults,
  people,
  postIncidentReview,
  retrospectiveAssessment,
  retrospectiveTesting,
  risk,
  sampleData,
  typesOf,
  when,
} from '../support/domainFixtures.js';

/**
 * Emergency changes (spec 14): only the change manager declares one, and the
 * declaration is its approval; the fix may bypass the test environment only
 * with a justification; the retrospective assessment is due 24 h after the
 * fix; verification needs the retrospective assessment, passing retrospective
 * testing and a post-incident review.
 */

const { johan, foreman, ciso, qa } = people;
const declare = (actor: Actor) => command('DeclareEmergency', actor, sampleData.DeclareEmergency);
const fix = (bypassed: boolean, justification: string) =>
  command('ApplyEmergencyFix', johan, {
    description: 'Session store pointed back at the primary',
    changeSet: { modules: ['Auth'], files: [], schemas: [], configs: ['session-store.yaml'] },
    testEnvironmentBypassed: bypassed,
    bypassJustification: justification,
  });
const assess = command('RecordRetrospectiveAssessment', foreman, { impact: lowImpact, risks: [risk('unlikely', 'moderate')] });
const verify = command('VerifyChange', johan, { criteria: allCriteriaMet, report: 'Logins stable' });
const declaredAt = hoursAfter(FIX_APPLIED_AT, -1);

describe('declaring an emergency', () => {
  it('given no CR, when Johan declares a system outage with a justification, then EmergencyDeclared and the CR is an emergency change', () => {
    const decision = when(given(), declare(johan), declaredAt);
    expect(dataOf(decision, 'EmergencyDeclared')).toMatchObject({
      number: 'CR-2025-050',
      criterion: 'system_outage',
      justification: 'Production login is down',
      declaredBy: johan,
      declaredAt,
    });
    const state = given(eventsOf(decision));
    expect(state).toMatchObject({ status: 'emergency', crType: 'emergency', number: 'CR-2025-050' });
  });

  it.each([foreman, ciso, people.builder])('given no CR, when $role declares an emergency, then PERMISSION_DENIED: only the change manager declares', (actor) => {
    expect(errorOf(when(given(), declare(actor), declaredAt)).code).toBe('PERMISSION_DENIED');
  });

  it('given no CR, when an emergency is declared with an AI-CR number, then RULE_VIOLATION', () => {
    const cmd = command('DeclareEmergency', johan, { ...sampleData.DeclareEmergency, number: 'AI-CR-2025-001' });
    expect(errorOf(when(given(), cmd, declaredAt))).toMatchObject({ code: 'RULE_VIOLATION', path: 'data.number' });
  });

  it('given a declared emergency, then the declaration is its approval: the fix is applied with no approval step', () => {
    expect(typesOf(when(given(emergencyDeclared()), fix(false, ''), FIX_APPLIED_AT))).toEqual(['EmergencyFixApplied']);
  });
});

describe('applying the fix', () => {
  it('given a declared emergency, when the fix bypasses the test environment without a justification, then BYPASS_JUSTIFICATION_REQUIRED', () => {
    expect(errorOf(when(given(emergencyDeclared()), fix(true, ''), FIX_APPLIED_AT))).toMatchObject({
      code: 'BYPASS_JUSTIFICATION_REQUIRED',
      path: 'data.bypassJustification',
    });
    expect(errorOf(when(given(emergencyDeclared()), fix(true, '   '), FIX_APPLIED_AT)).code).toBe('BYPASS_JUSTIFICATION_REQUIRED');
  });

  it('given a declared emergency, when the fix bypasses the test environment with a justification, then it is recorded with the retrospective due 24 h later', () => {
    const decision = when(given(emergencyDeclared()), fix(true, 'Every minute of outage counts'), FIX_APPLIED_AT);
    expect(dataOf(decision, 'EmergencyFixApplied')).toMatchObject({
      testEnvironmentBypassed: true,
      bypassJustification: 'Every minute of outage counts',
      appliedAt: FIX_APPLIED_AT,
      retrospectiveDueAt: hoursAfter(FIX_APPLIED_AT, 24),
    });
    expect(given(emergencyDeclared(), eventsOf(decision)).status).toBe('deployed');
  });

  it('given a policy of a 12 h retrospective deadline, the fix is due for its retrospective 12 h later', () => {
    const decision = when(given(emergencyDeclared()), fix(false, ''), FIX_APPLIED_AT, { retrospectiveDeadlineHours: 12 });
    expect(dataOf(decision, 'EmergencyFixApplied').retrospectiveDueAt).toBe(hoursAfter(FIX_APPLIED_AT, 12));
  });

  it('given a declared emergency, when the Foreman applies the fix, then PERMISSION_DENIED', () => {
    expect(errorOf(when(given(emergencyDeclared()), { ...fix(false, ''), actor: foreman }, FIX_APPLIED_AT)).code).toBe('PERMISSION_DENIED');
  });
});

describe('the retrospective', () => {
  it.each([
    { after: 1, late: false },
    { after: 24, late: false },
    { after: 24.05, late: true },
    { after: 72, late: true },
  ])('given a fix applied, when the retrospective assessment comes $after h later, then late is $late', ({ after, late }) => {
    const data = dataOf(when(given(emergencyFixed()), assess, hoursAfter(FIX_APPLIED_AT, after)), 'RetrospectiveAssessmentRecorded');
    expect(data.late).toBe(late);
  });

  it('given a fix applied, when the retrospective assessment is recorded, then impact and risk are graded by the matrices', () => {
    const data = dataOf(when(given(emergencyFixed()), assess, hoursAfter(FIX_APPLIED_AT, 2)), 'RetrospectiveAssessmentRecorded');
    expect(data).toMatchObject({ overallImpact: 'low', overallRisk: 'medium' });
    expect(data.risks.map((r) => r.level)).toEqual(['medium']);
  });

  it('given a retrospective assessment on record, when another is recorded, then INVALID_TRANSITION', () => {
    expect(errorOf(when(given(emergencyFixed(), retrospectiveAssessment), assess)).code).toBe('INVALID_TRANSITION');
  });

  it('given a fix applied, when retrospective testing shows a regression, then the verdict records it', () => {
    const decision = when(given(emergencyFixed()), command('RecordRetrospectiveTesting', qa, { results: failingResults }));
    expect(dataOf(decision, 'RetrospectiveTestingRecorded').verdict.regressionDetected).toBe(true);
  });

  it.each([
    { step: 'RecordRetrospectiveAssessment', cmd: assess },
    { step: 'RecordRetrospectiveTesting', cmd: command('RecordRetrospectiveTesting', qa, { results: passingResults }) },
    { step: 'RecordPostIncidentReview', cmd: command('RecordPostIncidentReview', johan, { rootCause: 'x', prevention: ['y'] }) },
  ])('given a normal (non-emergency) deployed CR, when $step, then RULE_VIOLATION', ({ cmd }) => {
    expect(errorOf(when(given(deployed()), cmd)).code).toBe('RULE_VIOLATION');
  });
});

describe('verifying an emergency change', () => {
  const afterFix = (hours: number) => hoursAfter(FIX_APPLIED_AT, hours);

  it('given everything retrospective done, when Johan verifies 10 h after the fix, then MONITORING_WINDOW_OPEN (the window runs from the fix)', () => {
    const state = given(emergencyFixed(), retrospectiveAssessment, retrospectiveTesting, postIncidentReview);
    expect(errorOf(when(state, verify, afterFix(10))).code).toBe('MONITORING_WINDOW_OPEN');
  });

  it('given nothing retrospective done, when Johan verifies after the window, then RETROSPECTIVE_INCOMPLETE listing all three', () => {
    expect(errorOf(when(given(emergencyFixed()), verify, afterFix(25)))).toMatchObject({
      code: 'RETROSPECTIVE_INCOMPLETE',
      details: { missing: ['retrospective assessment', 'retrospective testing', 'post-incident review'] },
    });
  });

  it('given assessment and review but failing retrospective testing, then RETROSPECTIVE_INCOMPLETE: the testing must pass', () => {
    const state = given(emergencyFixed(), retrospectiveAssessment, failedRetrospectiveTesting, postIncidentReview);
    expect(errorOf(when(state, verify, afterFix(25)))).toMatchObject({
      code: 'RETROSPECTIVE_INCOMPLETE',
      details: { missing: ['retrospective testing without regression'] },
    });
  });

  it('given failing retrospective testing later redone cleanly, then the clean run counts', () => {
    const state = given(emergencyFixed(), retrospectiveAssessment, failedRetrospectiveTesting, retrospectiveTesting, postIncidentReview);
    expect(typesOf(when(state, verify, afterFix(25)))).toEqual(['ChangeVerified']);
  });

  it.each([
    { missing: 'retrospective assessment', history: [retrospectiveTesting, postIncidentReview] },
    { missing: 'retrospective testing', history: [retrospectiveAssessment, postIncidentReview] },
    { missing: 'post-incident review', history: [retrospectiveAssessment, retrospectiveTesting] },
  ])('given only the $missing missing, then RETROSPECTIVE_INCOMPLETE naming it', ({ missing, history }) => {
    expect(errorOf(when(given(emergencyFixed(), history), verify, afterFix(25))).details).toEqual({ missing: [missing] });
  });

  it('given the retrospective assessment, passing retrospective testing and the post-incident review, when Johan verifies after 24 h, then ChangeVerified; it then closes as a success', () => {
    const state = given(emergencyFixed(), retrospectiveAssessment, retrospectiveTesting, postIncidentReview);
    const verified = eventsOf(when(state, verify, afterFix(24)));
    expect(verified.map((e) => e.type)).toEqual(['ChangeVerified']);
    const closing = when(given(emergencyFixed(), retrospectiveAssessment, retrospectiveTesting, postIncidentReview, verified), command('CloseChangeRequest', foreman, { learnings: [], reason: '' }));
    expect(dataOf(closing, 'ChangeRequestClosed').outcome).toBe('success');
  });

  it('given a declared emergency before the fix, when it is withdrawn, then INVALID_TRANSITION: an emergency is followed through', () => {
    expect(errorOf(when(given(emergencyDeclared()), command('WithdrawChangeRequest', johan, { reason: 'x' }))).code).toBe('INVALID_TRANSITION');
  });

  it('records the emergency in the CR state: criterion, justification, declarer, fix and retrospective', () => {
    const state = given(emergencyFixed(), retrospectiveAssessment, event('PostIncidentReviewRecorded', { rootCause: 'Drift', prevention: ['CRs for config'] }));
    expect(state.emergency).toMatchObject({ criterion: 'system_outage', declaredBy: johan, fix: { testEnvironmentBypassed: true } });
    expect(state.emergency?.retrospectiveAssessment?.overallRisk).toBe('medium');
    expect(state.emergency?.postIncidentReview?.rootCause).toBe('Drift');
  });
});
