import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events/catalogue.js';
import {
  baselined,
  command,
  dataOf,
  errorOf,
  eventsOf,
  given,
  inTesting,
  people,
  scheduled,
  testsPassed,
  typesOf,
  validated,
  when,
} from '../support/domainFixtures.js';

/** The test environment lifecycle of spec 7.2-7.3: baseline set, change deployed, testing, validated, reset. */

const { qa } = people;
const baseline = command('SetTestBaseline', qa, { baseline: 'baseline-1' });
const deployBuild = command('DeployToTestEnvironment', qa, { build: 'build-1' });
const startTesting = command('StartTesting', qa, { suites: ['unit'] });
const reset = command('ResetTestEnvironment', qa, {});
const validation = (over: { workingAsExpected?: boolean; anomalies?: string[]; performanceAcceptable?: boolean } = {}) =>
  command('ValidateTestEnvironment', qa, { workingAsExpected: true, anomalies: [], performanceAcceptable: true, notes: 'Form shows the owner field', ...over });

describe('the test environment lifecycle (spec 7.3)', () => {
  it('given a scheduled CR, the environment goes baseline set -> change deployed -> testing -> validated -> reset', () => {
    let history: DomainEvent[] = scheduled();
    const phases: string[] = [];
    for (const step of [baseline, deployBuild, startTesting]) {
      history = [...history, ...eventsOf(when(given(history), step))];
      phases.push(given(history).testEnvironment.phase);
    }
    history = [...testsPassed()];
    for (const step of [validation(), reset]) {
      history = [...history, ...eventsOf(when(given(history), step))];
      phases.push(given(history).testEnvironment.phase);
    }
    expect(phases).toEqual(['baseline_set', 'change_deployed', 'testing', 'validated', 'reset']);
  });

  it('given a scheduled CR, when the test environment is reset to baseline, then the baseline is recorded against the scheduled environment', () => {
    expect(dataOf(when(given(scheduled()), baseline), 'TestEnvironmentBaselineSet')).toEqual({ environment: 'test-env-1', baseline: 'baseline-1' });
  });

  it('given a scheduled CR without a baseline, when the change is deployed to the test environment, then TEST_ENVIRONMENT_NOT_READY', () => {
    expect(errorOf(when(given(scheduled()), deployBuild)).code).toBe('TEST_ENVIRONMENT_NOT_READY');
  });

  it('given a baseline, when the change is deployed, then the CR is in testing with that build', () => {
    const decision = when(given(baselined()), deployBuild);
    expect(dataOf(decision, 'ChangeDeployedToTestEnvironment')).toEqual({ environment: 'test-env-1', build: 'build-1' });
    expect(given(baselined(), eventsOf(decision)).status).toBe('testing');
  });

  it('given a scheduled CR with a baseline, when testing starts before the change is deployed, then INVALID_TRANSITION', () => {
    expect(errorOf(when(given(baselined()), startTesting)).code).toBe('INVALID_TRANSITION');
  });

  it('given the change deployed, when the baseline is reset mid-cycle, then TEST_ENVIRONMENT_NOT_READY', () => {
    expect(errorOf(when(given(inTesting()), baseline)).code).toBe('TEST_ENVIRONMENT_NOT_READY');
  });

  it('given the change deployed but no results, when it is validated, then TEST_ENVIRONMENT_NOT_READY', () => {
    expect(errorOf(when(given(inTesting()), validation())).code).toBe('TEST_ENVIRONMENT_NOT_READY');
  });

  it('given a clean run, when qa validates it working, without anomalies, with acceptable performance, then TestEnvironmentValidated', () => {
    const decision = when(given(testsPassed()), validation());
    expect(typesOf(decision)).toEqual(['TestEnvironmentValidated']);
    expect(given(testsPassed(), eventsOf(decision)).testEnvironment.validated).toBe(true);
  });

  it.each([
    { observed: 'not working as expected', over: { workingAsExpected: false }, finding: 'change not working as expected in the test environment' },
    { observed: 'an anomaly', over: { anomalies: ['timeouts on asset list'] }, finding: 'anomaly: timeouts on asset list' },
    { observed: 'unacceptable performance', over: { performanceAcceptable: false }, finding: 'performance not acceptable in the test environment' },
  ])('given a clean run, when qa observes $observed, then TestingFailed with that finding', ({ over, finding }) => {
    const decision = when(given(testsPassed()), validation(over));
    expect(dataOf(decision, 'TestingFailed')).toEqual({ findings: [finding] });
    expect(given(testsPassed(), eventsOf(decision)).status).toBe('testing_failed');
  });

  it('given the change still under test, when the environment is reset, then TEST_ENVIRONMENT_NOT_READY: it is reset after validation', () => {
    expect(errorOf(when(given(testsPassed()), reset)).code).toBe('TEST_ENVIRONMENT_NOT_READY');
  });

  it('given a reset environment, when it is reset again, then TEST_ENVIRONMENT_NOT_READY', () => {
    const once = [...validated(), ...eventsOf(when(given(validated()), reset))];
    expect(errorOf(when(given(once), reset)).code).toBe('TEST_ENVIRONMENT_NOT_READY');
  });

  it('given a validated change, when the environment is reset, then the validation still counts for the gates', () => {
    const state = given(validated(), eventsOf(when(given(validated()), reset)));
    expect(state.testEnvironment).toMatchObject({ phase: 'reset', validated: true });
  });

  it('given a reset environment, when a new baseline is set, then the earlier validation no longer counts', () => {
    const resetHistory = [...validated(), ...eventsOf(when(given(validated()), reset))];
    const state = given(resetHistory, eventsOf(when(given(resetHistory), baseline)));
    expect(state.testEnvironment).toMatchObject({ phase: 'baseline_set', validated: false });
  });
});
