import { describe, expect, it } from 'vitest';
import type { VerificationCriteria } from '../../src/events/assessments.js';
import { DEPLOYED_AT, allCriteriaMet, command, dataOf, deployed, errorOf, eventsOf, given, hoursAfter, people, typesOf, when } from '../support/domainFixtures.js';

/** Stage 8 (spec 3.2): verification after a minimum monitoring window (24 h by default, from the deployment), every criterion met. */

const verify = (criteria: VerificationCriteria = allCriteriaMet) => command('VerifyChange', people.johan, { criteria, report: 'p95 147 ms, no errors' });
const after = (hours: number) => hoursAfter(DEPLOYED_AT, hours);

describe('the verification monitoring window', () => {
  it.each([0, 1, 23, 23.99])('given a CR deployed %s h ago, when Johan verifies, then MONITORING_WINDOW_OPEN with the earliest time', (hours) => {
    const error = errorOf(when(given(deployed()), verify(), after(hours)));
    expect(error.code).toBe('MONITORING_WINDOW_OPEN');
    expect(error.details).toEqual({ earliest: after(24) });
  });

  it('given a CR deployed exactly 24 h ago, when Johan verifies, then ChangeVerified after 24 h of monitoring', () => {
    const decision = when(given(deployed()), verify(), after(24));
    expect(dataOf(decision, 'ChangeVerified')).toEqual({ criteria: allCriteriaMet, monitoringHours: 24, report: 'p95 147 ms, no errors' });
    expect(given(deployed(), eventsOf(decision)).status).toBe('verified');
  });

  it('given a CR deployed 30 h ago, when Johan verifies, then the monitoring time is recorded', () => {
    expect(dataOf(when(given(deployed()), verify(), after(30)), 'ChangeVerified').monitoringHours).toBe(30);
  });

  it('given a policy of 48 h, a CR deployed 25 h ago cannot be verified yet, one deployed 48 h ago can', () => {
    const policy = { verificationWindowHours: 48 };
    expect(errorOf(when(given(deployed()), verify(), after(25), policy))).toMatchObject({ code: 'MONITORING_WINDOW_OPEN', details: { earliest: after(48) } });
    expect(typesOf(when(given(deployed()), verify(), after(48), policy))).toEqual(['ChangeVerified']);
  });

  it('given a policy of 12 h, a CR deployed 13 h ago can be verified', () => {
    expect(typesOf(when(given(deployed()), verify(), after(13), { verificationWindowHours: 12 }))).toEqual(['ChangeVerified']);
  });
});

describe('the verification criteria (stage 8)', () => {
  it.each(Object.keys(allCriteriaMet) as (keyof VerificationCriteria)[])(
    'given the window elapsed, when %s is not met, then VERIFICATION_CRITERIA_NOT_MET at that criterion',
    (criterion) => {
      const error = errorOf(when(given(deployed()), verify({ ...allCriteriaMet, [criterion]: false }), after(25)));
      expect(error).toMatchObject({ code: 'VERIFICATION_CRITERIA_NOT_MET', path: `data.criteria.${criterion}`, details: { failed: [criterion] } });
    },
  );

  it('given two unmet criteria, then both are listed and the path names the first', () => {
    const error = errorOf(when(given(deployed()), verify({ ...allCriteriaMet, performanceAcceptable: false, complianceMaintained: false }), after(25)));
    expect(error).toMatchObject({ path: 'data.criteria.performanceAcceptable', details: { failed: ['performanceAcceptable', 'complianceMaintained'] } });
  });

  it('given a deployed CR, when the Foreman verifies, then PERMISSION_DENIED: Johan does the final verification', () => {
    expect(errorOf(when(given(deployed()), command('VerifyChange', people.foreman, { criteria: allCriteriaMet, report: '' }), after(25))).code).toBe(
      'PERMISSION_DENIED',
    );
  });
});
