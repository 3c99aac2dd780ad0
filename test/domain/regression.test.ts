import { describe, expect, it } from 'vitest';
import { regressionVerdict } from '../../src/domain/regression.js';
import type { TestRunResults } from '../../src/events/assessments.js';
import {
  command,
  dataOf,
  errorOf,
  event,
  eventsOf,
  given,
  passingResults,
  people,
  regressionPlan,
  resultsWith,
  revised,
  testingFailed,
  testingStarted,
  typesOf,
  when,
} from '../support/domainFixtures.js';

/**
 * The zero-regression rule (spec 6, DESIGN.md): every existing test ran and
 * passed, none skipped; at least the required new tests exist and pass;
 * coverage does not fall; response time grows by at most 10% (configurable);
 * no new vulnerability.
 */

const record = (results: TestRunResults) => command('RecordTestResults', people.qa, { results });

describe('the zero-regression rule', () => {
  it('spec 6.4: 245/245 existing, 5/5 new, coverage 92.5 -> 93.1, 145 -> 147 ms is no regression and ready for deployment', () => {
    expect(regressionVerdict(passingResults, 10, regressionPlan)).toEqual({
      coverageDelta: 0.6,
      responseTimeDeltaMs: 2,
      performanceDegradation: false,
      regressionDetected: false,
      readyForDeployment: true,
      findings: [],
    });
  });

  const regressions: readonly { case: string; results: TestRunResults; finding: string }[] = [
    { case: 'an existing test failed', results: resultsWith({ existingTests: { passed: 244, failed: 1 } }), finding: '1 existing test(s) failed' },
    { case: 'an existing test was skipped', results: resultsWith({ existingTests: { passed: 244, skipped: 1 } }), finding: '1 existing test(s) skipped' },
    {
      case: 'fewer existing tests ran than the plan lists',
      results: resultsWith({ existingTests: { total: 240, passed: 240 } }),
      finding: '240 of the 245 planned existing tests ran',
    },
    {
      case: 'fewer new tests were created than the results say are required',
      results: resultsWith({ newTests: { required: 6, created: 5, passed: 5 } }),
      finding: '5 of 6 required new tests created',
    },
    {
      case: 'fewer new tests were created than the plan requires',
      results: resultsWith({ newTests: { required: 3, created: 3, passed: 3 } }),
      finding: '3 of 5 required new tests created',
    },
    { case: 'a new test failed', results: resultsWith({ newTests: { passed: 4, failed: 1 } }), finding: '1 new test(s) failed' },
    { case: 'coverage fell', results: resultsWith({ coverage: { before: 92.5, after: 92.4 } }), finding: 'coverage fell from 92.5% to 92.4%' },
    {
      case: 'response time grew by more than 10%',
      results: resultsWith({ performance: { baselineResponseTimeMs: 200, afterChangeResponseTimeMs: 221 } }),
      finding: 'response time grew 21 ms, more than 10% of 200 ms',
    },
    { case: 'a new security vulnerability appeared', results: resultsWith({ security: { newVulnerabilities: 1 } }), finding: '1 new security vulnerability(ies)' },
    {
      case: 'compliance control coverage was not maintained',
      results: resultsWith({ compliance: { controlCoverageMaintained: false } }),
      finding: 'compliance control coverage not maintained',
    },
  ];

  it.each(regressions)('is broken when $case', ({ results, finding }) => {
    const verdict = regressionVerdict(results, 10, regressionPlan);
    expect(verdict.findings).toEqual([finding]);
    expect(verdict.regressionDetected).toBe(true);
    expect(verdict.readyForDeployment).toBe(false);
  });

  it.each(regressions)('given testing in progress, when results show that $case, then TestResultsRecorded + TestingFailed with the finding', ({ results, finding }) => {
    const decision = when(given(testingStarted()), record(results));
    expect(typesOf(decision)).toEqual(['TestResultsRecorded', 'TestingFailed']);
    expect(dataOf(decision, 'TestResultsRecorded').verdict.findings).toEqual([finding]);
    expect(dataOf(decision, 'TestingFailed')).toEqual({ findings: [finding] });
    expect(given(testingStarted(), eventsOf(decision)).status).toBe('testing_failed');
  });

  it('is kept when response time grows by exactly 10% (the threshold itself is no degradation)', () => {
    const verdict = regressionVerdict(resultsWith({ performance: { baselineResponseTimeMs: 200, afterChangeResponseTimeMs: 220 } }), 10, regressionPlan);
    expect(verdict).toMatchObject({ responseTimeDeltaMs: 20, performanceDegradation: false, regressionDetected: false });
  });

  it('is kept when response time improves and coverage stays equal', () => {
    const verdict = regressionVerdict(
      resultsWith({ performance: { baselineResponseTimeMs: 200, afterChangeResponseTimeMs: 150 }, coverage: { before: 90, after: 90 } }),
      10,
      regressionPlan,
    );
    expect(verdict).toMatchObject({ responseTimeDeltaMs: -50, coverageDelta: 0, regressionDetected: false });
  });

  it('reports every finding of a run at once', () => {
    const verdict = regressionVerdict(resultsWith({ existingTests: { passed: 243, failed: 1, skipped: 1 }, security: { newVulnerabilities: 2 } }), 10);
    expect(verdict.findings).toEqual(['1 existing test(s) failed', '1 existing test(s) skipped', '2 new security vulnerability(ies)']);
  });

  it('follows a policy that tightens the response-time threshold to 5%', () => {
    const slower = resultsWith({ performance: { baselineResponseTimeMs: 200, afterChangeResponseTimeMs: 211 } });
    expect(typesOf(when(given(testingStarted()), record(slower)))).toEqual(['TestResultsRecorded']);
    expect(typesOf(when(given(testingStarted()), record(slower), undefined, { maxResponseTimeDegradationPercent: 5 }))).toEqual([
      'TestResultsRecorded',
      'TestingFailed',
    ]);
  });

  it('given testing in progress, when a clean run is recorded, then only TestResultsRecorded and the CR stays in testing', () => {
    const decision = when(given(testingStarted()), record(passingResults));
    expect(typesOf(decision)).toEqual(['TestResultsRecorded']);
    expect(dataOf(decision, 'TestResultsRecorded').verdict.regressionDetected).toBe(false);
  });

  it('given a builder reporting skipped tests, then the run fails: builders cannot skip tests', () => {
    const decision = when(given(testingStarted()), command('RecordTestResults', people.builder, { results: resultsWith({ existingTests: { passed: 200, skipped: 45 } }) }));
    expect(typesOf(decision)).toEqual(['TestResultsRecorded', 'TestingFailed']);
  });
});

describe('after a failed run: revise, then a fresh baseline and a redeploy before new results', () => {
  it('given testing failed, when new results are recorded without a revision, then INVALID_TRANSITION', () => {
    expect(errorOf(when(given(testingFailed()), record(passingResults))).code).toBe('INVALID_TRANSITION');
  });

  it('given testing failed, when the builder revises, then ChangeRevised and the CR is back in testing, awaiting a redeploy', () => {
    const decision = when(given(testingFailed()), command('ReviseChange', people.builder, { summary: 'Default the new field', changes: ['serializers.ts'] }));
    const state = given(testingFailed(), eventsOf(decision));
    expect(typesOf(decision)).toEqual(['ChangeRevised']);
    expect(state.status).toBe('testing');
    expect(state.revisions).toBe(1);
    expect(state.testEnvironment.phase).toBe('needs_redeploy');
  });

  it.each([
    { step: 'results are recorded', cmd: record(passingResults) },
    { step: 'testing starts', cmd: command('StartTesting', people.qa, { suites: [] }) },
    { step: 'the revised build is deployed without a fresh baseline', cmd: command('DeployToTestEnvironment', people.qa, { build: 'build-2' }) },
  ])('given a revised change, when $step, then TEST_ENVIRONMENT_NOT_READY', ({ cmd }) => {
    expect(errorOf(when(given(revised()), cmd)).code).toBe('TEST_ENVIRONMENT_NOT_READY');
  });

  it('given a revised change, when validated without new results, then refused: the failed run still stands', () => {
    expect(errorOf(when(given(revised()), command('ValidateTestEnvironment', people.qa, { workingAsExpected: true, anomalies: [], performanceAcceptable: true, notes: '' }))).code).toBe(
      'REGRESSION_DETECTED',
    );
  });

  it('given a revised change, then baseline, redeploy and new results are accepted in that order', () => {
    const baseline = when(given(revised()), command('SetTestBaseline', people.qa, { baseline: 'baseline-2' }));
    expect(typesOf(baseline)).toEqual(['TestEnvironmentBaselineSet']);
    const redeploy = when(given(revised(), eventsOf(baseline)), command('DeployToTestEnvironment', people.qa, { build: 'build-2' }));
    expect(typesOf(redeploy)).toEqual(['ChangeDeployedToTestEnvironment']);
    const rerun = when(given(revised(), eventsOf(baseline), eventsOf(redeploy)), record(passingResults));
    expect(typesOf(rerun)).toEqual(['TestResultsRecorded']);
    const state = given(revised(), eventsOf(baseline), eventsOf(redeploy), eventsOf(rerun));
    expect(state.testRuns.map((r) => r.verdict.regressionDetected)).toEqual([true, false]);
    expect(state.testEnvironment.build).toBe('build-2');
  });

  it('given a redeployed revision without new results, when validated, then TEST_ENVIRONMENT_NOT_READY (results must be for the deployed build)', () => {
    const redeployed = [
      ...revised(),
      event('TestEnvironmentBaselineSet', { environment: 'test-env-1', baseline: 'baseline-2' }),
      event('ChangeDeployedToTestEnvironment', { environment: 'test-env-1', build: 'build-2' }),
    ];
    const validate = command('ValidateTestEnvironment', people.qa, { workingAsExpected: true, anomalies: [], performanceAcceptable: true, notes: '' });
    expect(errorOf(when(given(redeployed), validate)).code).toBe('TEST_ENVIRONMENT_NOT_READY');
  });
});
