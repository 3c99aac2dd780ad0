import type { RegressionPlan, RegressionVerdict, TestRunResults } from '../events/assessments.js';

/**
 * The zero-regression rule (spec 6): every existing test ran and passed
 * (none failed, none skipped, none of the planned left out); at least the required number of new tests
 * were created and all pass; coverage did not fall; response time grew by
 * no more than the allowed percentage; no new security vulnerability; control
 * coverage maintained.
 */
export const regressionVerdict = (
  r: TestRunResults,
  maxDegradationPercent: number,
  plan?: RegressionPlan,
): RegressionVerdict => {
  const findings: string[] = [];
  const e = r.existingTests;
  if (plan !== undefined && e.total < plan.existingTests.total) {
    findings.push(`${e.total} of the ${plan.existingTests.total} planned existing tests ran`);
  }
  if (e.failed > 0) findings.push(`${e.failed} existing test(s) failed`);
  if (e.skipped > 0) findings.push(`${e.skipped} existing test(s) skipped`);
  const n = r.newTests;
  const required = Math.max(n.required, plan?.newTestsRequired ?? 0);
  if (n.created < required) findings.push(`${n.created} of ${required} required new tests created`);
  if (n.failed > 0) findings.push(`${n.failed} new test(s) failed`);
  const coverageDelta = round(r.coverage.after - r.coverage.before);
  if (coverageDelta < 0) findings.push(`coverage fell from ${r.coverage.before}% to ${r.coverage.after}%`);
  const base = r.performance.baselineResponseTimeMs;
  const after = r.performance.afterChangeResponseTimeMs;
  const responseTimeDeltaMs = round(after - base);
  const allowed = base * (maxDegradationPercent / 100);
  const performanceDegradation = responseTimeDeltaMs > allowed;
  if (performanceDegradation) {
    findings.push(`response time grew ${responseTimeDeltaMs} ms, more than ${maxDegradationPercent}% of ${base} ms`);
  }
  if (r.security.newVulnerabilities > 0) findings.push(`${r.security.newVulnerabilities} new security vulnerability(ies)`);
  if (!r.compliance.controlCoverageMaintained) findings.push('compliance control coverage not maintained');
  const regressionDetected = findings.length > 0;
  return {
    coverageDelta,
    responseTimeDeltaMs,
    performanceDegradation,
    regressionDetected,
    readyForDeployment: !regressionDetected,
    findings,
  };
};

const round = (x: number): number => Math.round(x * 1000) / 1000;
