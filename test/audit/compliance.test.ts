import { describe, expect, it } from 'vitest';
import { complianceChecks, complianceEvidence } from '../../src/audit/compliance/evidence.js';
import { regressionVerdict } from '../../src/domain/regression.js';
import type { DomainEvent } from '../../src/events/catalogue.js';
import {
  actors,
  emergency,
  failedTestThenRevision,
  failingResults,
  manualSuccess,
  regressionPlan,
  rejected,
  rolledBack,
  seedStore,
  withdrawn,
} from '../support/eventFixtures.js';
import {
  allCheckIds,
  checkOf,
  emergencyOnly,
  evidenceOf,
  evidenceOfRecords,
  expectStatuses,
  revisionOf,
  rewrite,
  statusesOf,
  without,
} from './complianceSupport.js';
import { leftOf, recordsOf, rightOf, storeFactories, useStoreOf, withData } from './support.js';

const asOf = '2026-01-31T00:00:00Z';
const notEmergency = Object.fromEntries(emergencyOnly.map((id) => [id, 'not_applicable'])) as Record<(typeof emergencyOnly)[number], 'not_applicable'>;

describe('the compliance check catalogue', () => {
  it('covers ISO 27001 A.8.32, COBIT BAI06.01-04 and NIST CM-3 (a)-(g), (1), (2), CM-4, (1), (2), each check once', () => {
    expect(complianceChecks.map((c) => c.id)).toEqual([...allCheckIds]);
    expect([...new Set(complianceChecks.map((c) => `${c.framework} ${c.control}`))]).toEqual([
      'ISO/IEC 27001:2022 A.8.32',
      'COBIT 2019 BAI06.01',
      'COBIT 2019 BAI06.02',
      'COBIT 2019 BAI06.03',
      'COBIT 2019 BAI06.04',
      'NIST SP 800-53 Rev. 5 CM-3(a)',
      'NIST SP 800-53 Rev. 5 CM-3(b)',
      'NIST SP 800-53 Rev. 5 CM-3(c)',
      'NIST SP 800-53 Rev. 5 CM-3(d)',
      'NIST SP 800-53 Rev. 5 CM-3(e)',
      'NIST SP 800-53 Rev. 5 CM-3(f)',
      'NIST SP 800-53 Rev. 5 CM-3(g)',
      'NIST SP 800-53 Rev. 5 CM-3(1)',
      'NIST SP 800-53 Rev. 5 CM-3(2)',
      'NIST SP 800-53 Rev. 5 CM-4',
      'NIST SP 800-53 Rev. 5 CM-4(1)',
      'NIST SP 800-53 Rev. 5 CM-4(2)',
    ]);
    for (const check of complianceChecks) expect(check.description.length, check.id).toBeGreaterThan(40);
  });
});

describe('compliance evidence of whole lifecycles', () => {
  it('given a manual CR that went by the book, then every check passes but the emergency ones', () => {
    const evidence = evidenceOf(manualSuccess(), { asOf });
    expect(statusesOf(evidence)).toEqual(expectStatuses('passed', notEmergency));
    expect(evidence).toMatchObject({ number: 'CR-2025-001', crType: 'manual', asOf: '2026-01-31T00:00:00.000Z', summary: { passed: 25, failed: 0, not_applicable: 5 } });
  });

  it('given a CR whose first test run regressed, then testing still passes on the run before deployment', () => {
    const cr = failedTestThenRevision();
    const evidence = evidenceOf(cr, { asOf });
    expect(statusesOf(evidence)).toEqual(expectStatuses('passed', notEmergency));
    const lastRun = revisionOf(cr, 'TestResultsRecorded', 1);
    expect(checkOf(evidence, 'nist.cm_3.2').evidence.map((e) => [e.revision, e.type])).toEqual([
      [lastRun, 'TestResultsRecorded'],
      [revisionOf(cr, 'TestEnvironmentValidated'), 'TestEnvironmentValidated'],
      [revisionOf(cr, 'DocumentationUpdated'), 'DocumentationUpdated'],
      [revisionOf(cr, 'DeployedToProduction'), 'DeployedToProduction'],
    ]);
  });

  it('given a rolled-back CR, then monitoring and control verification pass through the validated rollback', () => {
    const evidence = evidenceOf(rolledBack(), { asOf });
    expect(statusesOf(evidence)).toEqual(expectStatuses('passed', notEmergency));
    expect(checkOf(evidence, 'nist.cm_3.f').reason).toBe('rolled back and the rollback validated stable');
    expect(checkOf(evidence, 'cobit.bai06_04.post_implementation_review').evidence.map((e) => e.type)).toEqual([
      'RollbackValidated',
      'RollbackPostMortemRecorded',
      'ChangeRequestClosed',
    ]);
  });

  it('given a rejected CR, then the decision checks pass and nothing about implementation applies', () => {
    expect(statusesOf(evidenceOf(rejected(), { asOf }))).toEqual(
      expectStatuses('not_applicable', {
        'iso27001.a8_32.formal_request': 'passed',
        'iso27001.a8_32.impact_and_risk_assessed': 'passed',
        'iso27001.a8_32.audit_trail': 'passed',
        'cobit.bai06_01.logged': 'passed',
        'cobit.bai06_01.assessed': 'passed',
        'cobit.bai06_01.authorised': 'passed',
        'cobit.bai06_03.status_tracked': 'passed',
        'cobit.bai06_04.closed': 'passed',
        'nist.cm_3.a': 'passed',
        'nist.cm_3.b': 'passed',
        'nist.cm_3.c': 'passed',
        'nist.cm_3.e': 'passed',
        'nist.cm_3.g': 'passed',
        'nist.cm_3.1': 'passed',
        'nist.cm_4': 'passed',
      }),
    );
  });

  it('given a CR withdrawn after submission, then only logging, tracking, records and closure apply', () => {
    expect(statusesOf(evidenceOf(withdrawn(), { asOf }))).toEqual(
      expectStatuses('not_applicable', {
        'iso27001.a8_32.formal_request': 'passed',
        'iso27001.a8_32.audit_trail': 'passed',
        'cobit.bai06_01.logged': 'passed',
        'cobit.bai06_03.status_tracked': 'passed',
        'cobit.bai06_04.closed': 'passed',
        'nist.cm_3.a': 'passed',
        'nist.cm_3.e': 'passed',
      }),
    );
  });

  it('given a CR still in assessment, then what is recorded passes and the rest is not yet applicable', () => {
    const evidence = evidenceOf(manualSuccess({ upTo: 'AssessmentCompleted' }), { asOf });
    expect(statusesOf(evidence)).toEqual(
      expectStatuses('not_applicable', {
        'iso27001.a8_32.formal_request': 'passed',
        'iso27001.a8_32.impact_and_risk_assessed': 'passed',
        'iso27001.a8_32.audit_trail': 'passed',
        'cobit.bai06_01.logged': 'passed',
        'cobit.bai06_01.assessed': 'passed',
        'cobit.bai06_03.status_tracked': 'passed',
        'cobit.bai06_03.stakeholders_informed': 'passed',
        'nist.cm_3.a': 'passed',
        'nist.cm_3.e': 'passed',
        'nist.cm_4': 'passed',
      }),
    );
    expect(checkOf(evidence, 'nist.cm_4').reason).toBe('recorded (implementation not reached yet)');
  });

  it('given a minimal CR closed without learnings, then only the closure check fails', () => {
    const evidence = evidenceOf(manualSuccess({ minimal: true }), { asOf });
    expect(statusesOf(evidence)).toEqual(
      expectStatuses('passed', { ...notEmergency, 'cobit.bai06_03.stakeholders_informed': 'not_applicable', 'cobit.bai06_04.closed': 'failed' }),
    );
    expect(checkOf(evidence, 'cobit.bai06_04.closed').reason).toBe('closed as success without learnings');
  });
});

describe('compliance evidence of emergency changes', () => {
  const emergencyApplies = {
    'cobit.bai06_01.assessed': 'not_applicable',
    'cobit.bai06_01.authorised': 'not_applicable',
    'cobit.bai06_03.stakeholders_informed': 'not_applicable',
    'nist.cm_3.1': 'not_applicable',
  } as const;

  it('given an emergency handled in full, then everything passes but the bypassed test environment (CM-4(1))', () => {
    const cr = emergency();
    const evidence = evidenceOf(cr, { asOf });
    expect(statusesOf(evidence)).toEqual(expectStatuses('passed', { ...emergencyApplies, 'nist.cm_4.1': 'failed' }));
    expect(evidence.crType).toBe('emergency');
    expect(checkOf(evidence, 'nist.cm_4.1').reason).toBe('the fix bypassed the test environment: Exploit in progress; the test cycle takes 4 hours');
    expect(checkOf(evidence, 'nist.cm_3.2').reason).toBe('validated retrospectively under the emergency procedure (test environment bypass justified)');
    expect(checkOf(evidence, 'cobit.bai06_02.retrospective_assessment').evidence.map((e) => [e.revision, e.type])).toEqual([
      [1, 'EmergencyFixApplied'],
      [2, 'RetrospectiveAssessmentRecorded'],
    ]);
  });

  it('given an emergency fix whose retrospective is not yet due, then the assessment is pending but testing and review are outstanding', () => {
    const evidence = evidenceOf(emergency({ retrospective: 'missing' }), { asOf: '2025-12-01T20:00:00Z' });
    expect(statusesOf(evidence)).toMatchObject({
      'iso27001.a8_32.impact_and_risk_assessed': 'not_applicable',
      'cobit.bai06_02.retrospective_assessment': 'not_applicable',
      'nist.cm_3.b': 'not_applicable',
      'nist.cm_4': 'not_applicable',
      'iso27001.a8_32.tested_before_production': 'failed',
      'cobit.bai06_02.retrospective_testing': 'failed',
      'cobit.bai06_02.post_incident_review': 'failed',
      'nist.cm_3.2': 'failed',
      'nist.cm_3.f': 'not_applicable',
      'cobit.bai06_04.closed': 'not_applicable',
    });
    expect(checkOf(evidence, 'cobit.bai06_02.retrospective_assessment').reason).toBe('retrospective assessment due by 2025-12-02T10:00:00.000Z');
  });

  it('given the same emergency after its deadline, then the missing retrospective assessment fails everywhere it is due', () => {
    const evidence = evidenceOf(emergency({ retrospective: 'missing' }), { asOf: '2025-12-02T10:00:01Z' });
    for (const id of ['iso27001.a8_32.impact_and_risk_assessed', 'cobit.bai06_02.retrospective_assessment', 'nist.cm_3.b', 'nist.cm_4'] as const) {
      expect(checkOf(evidence, id)).toMatchObject({ status: 'failed', reason: 'retrospective assessment overdue since 2025-12-02T10:00:00.000Z' });
    }
  });

  it('given a retrospective assessment recorded late, then it fails as late', () => {
    const evidence = evidenceOf(emergency({ retrospective: 'late' }), { asOf });
    expect(checkOf(evidence, 'cobit.bai06_02.retrospective_assessment')).toMatchObject({
      status: 'failed',
      reason: 'retrospective assessment recorded after its deadline 2025-12-02T10:00:00.000Z',
    });
  });

  it('given an emergency declared by someone other than the change manager, then declaration and oversight fail', () => {
    const cr = rewrite(emergency(), (e) => (e.type === 'EmergencyDeclared' ? [{ ...e, data: { ...e.data, declaredBy: actors.foreman } }] : [e]));
    const evidence = evidenceOf(cr, { asOf });
    expect(statusesOf(evidence)).toMatchObject({ 'cobit.bai06_02.declared': 'failed', 'iso27001.a8_32.authorised': 'failed', 'nist.cm_3.g': 'failed' });
  });
});

describe('compliance evidence of CRs that broke the rules', () => {
  it('given a deployment with no test results before it, then testing fails with the deployment as evidence', () => {
    const cr = without(manualSuccess(), 'TestResultsRecorded');
    const evidence = evidenceOf(cr, { asOf });
    const deployment = revisionOf(cr, 'DeployedToProduction');
    for (const id of ['iso27001.a8_32.tested_before_production', 'nist.cm_3.2'] as const) {
      expect(checkOf(evidence, id)).toMatchObject({ status: 'failed', reason: 'deployed without recorded test results' });
      expect(checkOf(evidence, id).evidence.map((e) => [e.revision, e.type])).toEqual([[deployment, 'DeployedToProduction']]);
    }
  });

  it('given a deployment right after a regressing test run, then testing fails naming the findings', () => {
    const verdict = regressionVerdict(failingResults, 10, regressionPlan);
    const cr = rewrite(manualSuccess(), (e) =>
      e.type === 'TestResultsRecorded' ? [{ type: 'TestResultsRecorded', data: { results: failingResults, verdict } } satisfies DomainEvent] : [e],
    );
    const check = checkOf(evidenceOf(cr, { asOf }), 'nist.cm_3.2');
    expect(check.status).toBe('failed');
    expect(check.reason).toBe(`deployed after a test run with regression: ${verdict.findings.join('; ')}`);
  });

  it('given no validation in the test environment, then CM-3(2) and CM-4(1) fail', () => {
    const evidence = evidenceOf(without(manualSuccess(), 'TestEnvironmentValidated'), { asOf });
    expect(checkOf(evidence, 'nist.cm_3.2')).toMatchObject({ status: 'failed', reason: 'deployed not validated in the test environment' });
    expect(checkOf(evidence, 'nist.cm_4.1')).toMatchObject({ status: 'failed', reason: 'the deployed build was not validated in the test environment' });
  });

  it('given no documentation update, then BAI06.04 and CM-3(2) fail', () => {
    const evidence = evidenceOf(without(manualSuccess(), 'DocumentationUpdated'), { asOf });
    expect(checkOf(evidence, 'cobit.bai06_04.documentation_updated')).toMatchObject({
      status: 'failed',
      reason: 'missing before production deployment: DocumentationUpdated',
    });
    expect(checkOf(evidence, 'nist.cm_3.2').status).toBe('failed');
  });

  it('given a verification inside the monitoring window, then CM-3(f) and CM-4(2) fail', () => {
    const evidence = evidenceOf(manualSuccess({ verificationHours: 10 }), { asOf });
    expect(checkOf(evidence, 'nist.cm_3.f')).toMatchObject({
      status: 'failed',
      reason: 'verified 10.0 h after implementation, within the 24 h monitoring window',
    });
    expect(checkOf(evidence, 'nist.cm_4.2').status).toBe('failed');
    expect(checkOf(evidenceOf(manualSuccess({ verificationHours: 10 }), { asOf, verificationWindowHours: 8 }), 'nist.cm_3.f').status).toBe('passed');
  });

  it('given a CR approved by its own drafter, then the authorisation checks fail on segregation of duties', () => {
    const cr = rewrite(manualSuccess(), (e) => (e.type === 'ChangeRequestDrafted' ? [{ ...e, data: { ...e.data, draftedBy: actors.johan } }] : [e]));
    const evidence = evidenceOf(cr, { asOf });
    expect(checkOf(evidence, 'cobit.bai06_01.authorised')).toMatchObject({ status: 'failed', reason: 'approved by its own drafter Johan' });
    expect(checkOf(evidence, 'iso27001.a8_32.authorised').status).toBe('failed');
  });

  it('given a high-level CR approved without stakeholder concurrence, then BAI06.01 authorisation fails', () => {
    const cr = without(manualSuccess({ level: 'high' }), 'StakeholderReviewRecorded');
    expect(checkOf(evidenceOf(cr, { asOf }), 'cobit.bai06_01.authorised')).toMatchObject({ status: 'failed', reason: 'no stakeholder concurrence' });
  });

  it('given an edited event in the stored stream, then the audit-trail checks fail naming it', () => {
    const cr = manualSuccess();
    const records = recordsOf(cr);
    const victim = revisionOf(cr, 'ApprovalGranted');
    const tampered = records.map((r) => (r.revision === victim ? withData(r, { ...r.data, rationale: 'Because I said so' }) : r));
    const evidence = evidenceOfRecords(cr.streamName, tampered, { asOf });
    for (const id of ['iso27001.a8_32.audit_trail', 'nist.cm_3.e'] as const) {
      expect(checkOf(evidence, id).status).toBe('failed');
      expect(checkOf(evidence, id).evidence.map((e) => [e.revision, e.type])).toEqual([[victim, 'ApprovalGranted']]);
    }
  });

  it('given recorded times that run backwards, then status tracking fails naming both events', () => {
    const cr = manualSuccess();
    const steps = cr.steps.map((s, i) => (i === 3 ? { ...s, occurredAt: '2025-11-01T00:00:00.000Z' } : s));
    const evidence = evidenceOf({ ...cr, steps }, { asOf });
    const check = checkOf(evidence, 'cobit.bai06_03.status_tracked');
    expect(check.status).toBe('failed');
    expect(check.evidence).toHaveLength(2);
  });

  it('given an evaluation instant without a time zone, then INVALID_INSTANT', async () => {
    const factory = storeFactories[0]!;
    const fixture = await factory.create();
    try {
      await seedStore(fixture.store, [manualSuccess()]);
      expect(leftOf(await complianceEvidence(fixture.store, 'CR-2025-001', { asOf: '2026-01-31' })())).toMatchObject({ code: 'INVALID_INSTANT' });
    } finally {
      await fixture.teardown();
    }
  });
});

describe.each(storeFactories)('compliance evidence read from the $name store', ({ create }) => {
  const store = useStoreOf(create);

  it('given interleaved CRs, when evidence is collected by number, then it cites stream revisions and the global positions of the store', async () => {
    const cr = manualSuccess();
    await seedStore(store(), [rejected(), cr, emergency()], { numberAllocations: true });
    const evidence = rightOf(await complianceEvidence(store(), 'CR-2025-001', { asOf })());
    const stored = await store().readStream(cr.streamName);
    const cited = checkOf(evidence, 'nist.cm_3.2').evidence;
    expect(cited).toEqual(
      ['TestResultsRecorded', 'TestEnvironmentValidated', 'DocumentationUpdated', 'DeployedToProduction'].map((type) => {
        const e = stored.find((r) => r.type === type)!;
        return { revision: e.revision, position: e.position, type, occurredAt: e.metadata['occurredAt'] };
      }),
    );
    expect(cited.some((e) => e.position !== e.revision)).toBe(true);
    expect(statusesOf(evidence)).toEqual(expectStatuses('passed', notEmergency));
  });

  it('given an unknown CR, then CHANGE_REQUEST_NOT_FOUND', async () => {
    expect(leftOf(await complianceEvidence(store(), 'CR-2031-001', { asOf })())).toMatchObject({ code: 'CHANGE_REQUEST_NOT_FOUND' });
  });
});
