import type { TestEnvironmentPhase } from '../state.js';
import { regressionVerdict } from '../regression.js';
import { lastTestRun } from '../state.js';
import { accept, refuse, type Decider } from './shared.js';

export const scheduleChangeRequest: Decider<'ScheduleChangeRequest'> = (c, s) => {
  const { window } = c.data;
  if (Date.parse(window.end) <= Date.parse(window.start)) {
    return refuse('RULE_VIOLATION', 'The implementation window must end after it starts', 'data.window.end');
  }
  if (s.category === 'code' && c.data.builders.length === 0) {
    return refuse('RULE_VIOLATION', 'A code change is assigned to at least one builder agent', 'data.builders');
  }
  return accept({
    type: 'ChangeRequestScheduled',
    data: { window, builders: [...c.data.builders], testEnvironment: c.data.testEnvironment, notes: c.data.notes },
  });
};

const baselineFrom: readonly TestEnvironmentPhase[] = ['none', 'reset', 'needs_redeploy', 'baseline_set'];

export const setTestBaseline: Decider<'SetTestBaseline'> = (c, s) => {
  if (!baselineFrom.includes(s.testEnvironment.phase)) {
    return refuse('TEST_ENVIRONMENT_NOT_READY', `The test environment is in phase ${s.testEnvironment.phase}; reset it to a baseline only between test cycles`);
  }
  return accept({
    type: 'TestEnvironmentBaselineSet',
    data: { environment: s.testEnvironment.name ?? s.schedule?.testEnvironment ?? 'test', baseline: c.data.baseline },
  });
};

export const deployToTestEnvironment: Decider<'DeployToTestEnvironment'> = (c, s) => {
  if (s.testEnvironment.phase !== 'baseline_set') {
    return refuse('TEST_ENVIRONMENT_NOT_READY', 'Reset the test environment to its known baseline before deploying the change');
  }
  return accept({ type: 'ChangeDeployedToTestEnvironment', data: { environment: s.testEnvironment.name ?? 'test', build: c.data.build } });
};

export const startTesting: Decider<'StartTesting'> = (c, s) => {
  if (s.testEnvironment.phase !== 'change_deployed') {
    return refuse('TEST_ENVIRONMENT_NOT_READY', 'Deploy the change to the test environment before testing');
  }
  return accept({ type: 'TestingStarted', data: { environment: s.testEnvironment.name ?? 'test', suites: [...c.data.suites] } });
};

/** Records a run; a run that breaks the zero-regression rule also fails the testing stage. */
export const recordTestResults: Decider<'RecordTestResults'> = (c, s, ctx) => {
  const phase = s.testEnvironment.phase;
  if (phase !== 'change_deployed' && phase !== 'testing') {
    return refuse('TEST_ENVIRONMENT_NOT_READY', 'Results are recorded for the build deployed in the test environment');
  }
  const verdict = regressionVerdict(c.data.results, ctx.policy.maxResponseTimeDegradationPercent, s.regressionPlan);
  const recorded = { type: 'TestResultsRecorded' as const, data: { results: c.data.results, verdict } };
  return verdict.regressionDetected ? accept(recorded, { type: 'TestingFailed', data: { findings: verdict.findings } }) : accept(recorded);
};

export const reviseChange: Decider<'ReviseChange'> = (c) =>
  accept({ type: 'ChangeRevised', data: { summary: c.data.summary, changes: [...c.data.changes] } });

/** Validation of a passing run; observed problems fail the testing stage instead. */
export const validateTestEnvironment: Decider<'ValidateTestEnvironment'> = (c, s) => {
  const run = lastTestRun(s);
  if (s.testRuns.length <= s.testEnvironment.runsBeforeDeploy || run === undefined) {
    return refuse('TEST_ENVIRONMENT_NOT_READY', 'Record test results for the deployed build before validating it');
  }
  if (run.verdict.regressionDetected) {
    return refuse('REGRESSION_DETECTED', 'The latest test run detected a regression', undefined, { findings: run.verdict.findings });
  }
  const findings = [
    ...(c.data.workingAsExpected ? [] : ['change not working as expected in the test environment']),
    ...c.data.anomalies.map((a) => `anomaly: ${a}`),
    ...(c.data.performanceAcceptable ? [] : ['performance not acceptable in the test environment']),
  ];
  if (findings.length > 0) return accept({ type: 'TestingFailed', data: { findings } });
  return accept({
    type: 'TestEnvironmentValidated',
    data: { environment: s.testEnvironment.name ?? 'test', workingAsExpected: true, anomalies: [], performanceAcceptable: true, notes: c.data.notes },
  });
};

export const resetTestEnvironment: Decider<'ResetTestEnvironment'> = (_c, s) => {
  if (s.testEnvironment.phase !== 'validated' && s.status === 'testing') {
    return refuse('TEST_ENVIRONMENT_NOT_READY', 'The test environment is reset after the change was validated');
  }
  if (s.testEnvironment.phase === 'reset' || s.testEnvironment.phase === 'none') {
    return refuse('TEST_ENVIRONMENT_NOT_READY', 'The test environment holds no change to reset');
  }
  return accept({
    type: 'TestEnvironmentReset',
    data: { environment: s.testEnvironment.name ?? 'test', baseline: s.testEnvironment.baseline ?? 'baseline' },
  });
};
