import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { createChangeManagement } from '../../src/commands/changeManagement.js';
import { createManualClock } from '../../src/demo/manualClock.js';
import { evaluateGates } from '../../src/domain/gates.js';
import type { ChangeRequestState } from '../../src/domain/state.js';
import type { DomainEvent } from '../../src/events/catalogue.js';
import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import {
  CR_ID,
  DEPLOYED_AT,
  command,
  complianceValidation,
  dataOf,
  errorOf,
  event,
  failingResults,
  given,
  impactWith,
  people,
  readyForProduction,
  regressionPlan,
  resultsWith,
  risk,
  rollbackPlan,
  sampleCommand,
  seedChangeRequest,
  testsPassed,
  typesOf,
  when,
  without,
  type HistoryOptions,
} from '../support/domainFixtures.js';

/**
 * The eight gates of spec 8.1, computed from the CR's state. Each case
 * starts from a CR where every gate passes and breaks one checklist item.
 */

const deploy = sampleCommand('DeployToProduction', people.johan);
const beforeDeployment = DEPLOYED_AT;

const failingGates = (state: ChangeRequestState) => evaluateGates(state).filter((g) => !g.passed);

/** The history with its (one) event of the replacement's type swapped for the replacement, in place. */
const replaceEvent = (history: readonly DomainEvent[], replacement: DomainEvent): DomainEvent[] =>
  history.map((e) => (e.type === replacement.type ? replacement : e));

const withRun = (history: readonly DomainEvent[], results = failingResults, findings = ['2 existing test(s) failed']): DomainEvent[] => [
  ...history,
  event('TestResultsRecorded', {
    results,
    verdict: { coverageDelta: 0, responseTimeDeltaMs: 0, performanceDegradation: false, regressionDetected: true, readyForDeployment: false, findings },
  }),
];

const impactOnly = (o: HistoryOptions) => readyForProduction(o);
const ready = readyForProduction();

interface GateCase {
  readonly gate: string;
  readonly number: number;
  readonly when: string;
  readonly history: readonly DomainEvent[];
  readonly unmet: readonly string[];
}

const cases: readonly GateCase[] = [
  { gate: 'impact_assessment', number: 1, when: 'no impact assessment is on record', history: without(ready, 'ImpactAssessed'), unmet: ['impact assessment documented'] },
  {
    gate: 'impact_assessment',
    number: 1,
    when: 'an affected module is missing from the assessment',
    history: impactOnly({ impact: impactWith({ technical: { modulesAffected: ['Risk_Assessment'] } }) }),
    unmet: ['all affected modules identified (missing: WRAC)'],
  },
  {
    gate: 'impact_assessment',
    number: 1,
    when: 'the stakeholders were never notified',
    history: without(ready, 'StakeholdersNotified'),
    unmet: ['stakeholders notified (not yet: wrac-owner)'],
  },
  { gate: 'risk_assessment', number: 2, when: 'no risk assessment is on record', history: without(ready, 'RiskAssessed'), unmet: ['risk assessment documented'] },
  {
    gate: 'risk_assessment',
    number: 2,
    when: 'a risk to mitigate has no mitigation strategy',
    history: replaceEvent(ready, event('RiskAssessed', { risks: [{ ...risk('likely', 'minor', { riskId: 'R1', mitigation: ' ' }), level: 'medium' }], overallRisk: 'medium' })),
    unmet: ['mitigation strategies defined (missing for R1)'],
  },
  {
    gate: 'risk_assessment',
    number: 2,
    when: 'a risk is to be avoided (the overall risk is not acceptable)',
    history: replaceEvent(ready, event('RiskAssessed', { risks: [{ ...risk('likely', 'minor', { riskId: 'R9', treatment: 'avoid' }), level: 'medium' }], overallRisk: 'medium' })),
    unmet: ['overall risk acceptable (risks to avoid: R9)'],
  },
  { gate: 'approval', number: 3, when: 'the CR was never approved', history: without(ready, 'ApprovalGranted', 'ChangeRequestApproved'), unmet: ['appropriate authority approved the CR'] },
  {
    gate: 'approval',
    number: 3,
    when: 'the approval was given at a lower level than the assessment requires',
    history: replaceEvent(ready, event('ChangeRequestApproved', { approvers: [people.foreman], approvalLevel: 'low', autoApproval: true, approvedAt: '2025-12-04T13:00:00Z' })),
    unmet: ['approval at low level does not match the medium assessment'],
  },
  { gate: 'regression_tests', number: 4, when: 'no test run is on record', history: without(ready, 'TestResultsRecorded'), unmet: ['regression tests run'] },
  {
    gate: 'regression_tests',
    number: 4,
    when: 'the latest run had failing existing tests',
    history: withRun(ready),
    unmet: ['all existing tests pass (100%)', 'no regression detected (2 existing test(s) failed)'],
  },
  {
    gate: 'regression_tests',
    number: 4,
    when: 'the latest run had a failing new test and lower coverage',
    history: withRun(ready, resultsWith({ newTests: { passed: 4, failed: 1 }, coverage: { before: 92.5, after: 91 } }), ['1 new test(s) failed']),
    unmet: ['all new tests pass (100%)', 'no regression detected (1 new test(s) failed)', 'code coverage maintained or improved'],
  },
  {
    gate: 'test_environment',
    number: 5,
    when: 'the change was never deployed to the test environment',
    history: without(ready, 'ChangeDeployedToTestEnvironment'),
    unmet: ['change deployed to test environment'],
  },
  {
    gate: 'test_environment',
    number: 5,
    when: 'the change was not validated in the test environment',
    history: without(ready, 'TestEnvironmentValidated'),
    unmet: ['change validated in test environment (working, no anomalies, performance acceptable)'],
  },
  {
    gate: 'documentation',
    number: 6,
    when: 'the change adds an API endpoint and the API documentation is not updated',
    history: impactOnly({ impact: impactWith({ technical: { apiChanges: ['POST /api/wrac/assets: add asset_owner'] } }) }),
    unmet: ['api documentation updated'],
  },
  {
    gate: 'documentation',
    number: 6,
    when: 'the change alters the schema and users see it, with no documentation updated',
    history: impactOnly({ impact: impactWith({ technical: { schemaChanges: ['add column asset_owner'] }, tenant: { userExperienceChanged: true } }) }),
    unmet: ['architecture documentation updated', 'user documentation updated'],
  },
  {
    gate: 'documentation',
    number: 6,
    when: 'an architecture change has no architecture documentation',
    history: impactOnly({ category: 'architecture' }),
    unmet: ['architecture documentation updated'],
  },
  {
    gate: 'documentation',
    number: 6,
    when: 'admins need training and the user documentation is not updated',
    history: impactOnly({ impact: impactWith({ operational: { trainingRequired: 'admin' } }) }),
    unmet: ['user documentation updated'],
  },
  { gate: 'rollback_plan', number: 7, when: 'no rollback plan is documented', history: without(ready, 'RollbackPlanDocumented'), unmet: ['rollback procedure documented'] },
  {
    gate: 'rollback_plan',
    number: 7,
    when: 'the rollback was not tested in the test environment',
    history: replaceEvent(ready, event('RollbackPlanDocumented', { plan: rollbackPlan({ testedInTestEnvironment: false }) })),
    unmet: ['rollback tested in test environment'],
  },
  { gate: 'compliance', number: 8, when: 'compliance was never validated', history: without(ready, 'ComplianceValidated'), unmet: ['compliance validated'] },
  {
    gate: 'compliance',
    number: 8,
    when: 'control mappings are affected but not updated',
    history: [
      ...without(impactOnly({ impact: impactWith({ compliance: { controlMappingsAffected: ['ISO_27001_A.8.1'] } }) }), 'ComplianceValidated'),
      event('ComplianceValidated', { validation: complianceValidation({ controlMappingsUpdated: false }) }),
    ],
    unmet: ['compliance control mappings updated'],
  },
  {
    gate: 'compliance',
    number: 8,
    when: 'compliance coverage fell and a regulatory violation was introduced',
    history: replaceEvent(ready, event('ComplianceValidated', { validation: complianceValidation({ coverageBefore: 86, coverageAfter: 85, regulatoryViolations: ['POPIA s19'] }) })),
    unmet: ['compliance coverage maintained or improved', 'no regulatory violations (POPIA s19)'],
  },
];

describe('the eight production gates (spec 8.1)', () => {
  it('all pass for a CR that is assessed, approved, tested without regression, validated, with a tested rollback plan and validated compliance', () => {
    const results = evaluateGates(given(ready));
    expect(results.map((g) => [g.number, g.gate, g.passed, g.unmet])).toEqual([
      [1, 'impact_assessment', true, []],
      [2, 'risk_assessment', true, []],
      [3, 'approval', true, []],
      [4, 'regression_tests', true, []],
      [5, 'test_environment', true, []],
      [6, 'documentation', true, []],
      [7, 'rollback_plan', true, []],
      [8, 'compliance', true, []],
    ]);
  });

  it.each(cases)('gate $number ($gate) fails alone when $when', (c) => {
    expect(failingGates(given(c.history))).toEqual([{ gate: c.gate, number: c.number, passed: false, unmet: c.unmet }]);
  });

  // A CR that never reached the test environment is refused by the lifecycle before the gates are looked at.
  const deployable = cases.filter((c) => given(c.history).status === 'testing');

  it.each(deployable)('given gate $number failing ($when), when Johan deploys to production, then GATES_NOT_PASSED listing that gate', (c) => {
    const error = errorOf(when(given(c.history), deploy, beforeDeployment));
    expect(error.code).toBe('GATES_NOT_PASSED');
    expect(error.details).toEqual({ failing: [{ gate: c.gate, number: c.number, passed: false, unmet: c.unmet }] });
  });

  it('has a deployable case for every gate', () => {
    expect(new Set(deployable.map((c) => c.number))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7, 8]));
  });

  it('gate 6 passes once each documentation the change needs is updated (the change log is written from the deployment itself)', () => {
    const history = impactOnly({ impact: impactWith({ technical: { apiChanges: ['POST /api/wrac/assets'], integrationContracts: ['risk-feed v2'] } }) });
    expect(failingGates(given(history)).map((g) => g.unmet)).toEqual([['architecture documentation updated', 'api documentation updated']]);
    const documented = [
      ...history,
      event('DocumentationUpdated', { update: { kind: 'api', reference: 'API documentation', summary: '' } }),
      event('DocumentationUpdated', { update: { kind: 'architecture', reference: 'Integration map', summary: '' } }),
    ];
    expect(failingGates(given(documented))).toEqual([]);
  });

  it('a CR with several gates open lists each of them, in gate order', () => {
    const history = without(testsPassed(), 'StakeholdersNotified');
    expect(failingGates(given(history)).map((g) => g.number)).toEqual([1, 5, 7, 8]);
  });
});

describe('production deployment is refused unless all eight gates pass', () => {
  it('given every gate passing, when Johan deploys, then DeployedToProduction keeps the passing evaluation of all 8 gates', () => {
    const decision = when(given(ready), deploy, beforeDeployment);
    expect(typesOf(decision)).toEqual(['DeployedToProduction']);
    const deployed = dataOf(decision, 'DeployedToProduction');
    expect(deployed.gates.map((g) => [g.number, g.passed])).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((n) => [n, true]));
    expect(deployed.deployedAt).toBe(beforeDeployment);
    expect(deployed).toMatchObject({ release: 'platform 2.4.0' });
  });

  it('given a refused deployment, the pipeline appends nothing to the store', async () => {
    const store = createInMemoryEventStore();
    await seedChangeRequest(store, without(ready, 'TestEnvironmentValidated'));
    const clock = createManualClock(beforeDeployment);
    const cm = createChangeManagement({ store, clock: clock.now, newId: (() => { let n = 0; return () => `e-${++n}`; })() });
    const before = (await store.readAll()).length;
    const result = await cm.execute({ type: 'DeployToProduction', changeRequestId: CR_ID, actor: people.johan, data: { release: 'platform 2.4.0', changeSet: {} } });
    expect(E.isLeft(result) && result.left.code).toBe('GATES_NOT_PASSED');
    expect((await store.readAll()).length).toBe(before);
    expect((await cm.get(CR_ID))?.status).toBe('testing');
  });
});

describe('EvaluateGates records an evaluation for the audit trail, pass or fail', () => {
  it('given every gate passing, when Johan evaluates the gates, then GatesEvaluated with all 8 passed', () => {
    const data = dataOf(when(given(ready), command('EvaluateGates', people.johan, {}), beforeDeployment), 'GatesEvaluated');
    expect(data.allPassed).toBe(true);
    expect(data.results).toHaveLength(8);
  });

  it('given gates open, when the Foreman evaluates the gates, then GatesEvaluated records the failing gates and their unmet items', () => {
    const history = [...testsPassed(), event('RegressionAnalysisPlanned', { plan: regressionPlan })];
    const data = dataOf(when(given(history), command('EvaluateGates', people.foreman, {}), beforeDeployment), 'GatesEvaluated');
    expect(data.allPassed).toBe(false);
    expect(data.results.filter((g) => !g.passed).map((g) => [g.gate, g.unmet])).toEqual([
      ['test_environment', ['change validated in test environment (working, no anomalies, performance acceptable)']],
      ['rollback_plan', ['rollback procedure documented']],
      ['compliance', ['compliance validated']],
    ]);
    expect(given(history, event('GatesEvaluated', data)).lastGateEvaluation).toEqual(data);
  });
});
