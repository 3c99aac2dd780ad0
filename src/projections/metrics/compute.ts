import type { Timeline } from './timeline.js';

const HOUR = 3_600_000;

export interface DurationStats {
  readonly count: number;
  /** null when count is 0. */
  readonly meanHours: number | null;
  readonly medianHours: number | null;
}

/**
 * The change-management metrics of spec 16.1 plus the DORA-style ones, over
 * a half-open period [from, to). Rates are percentages (0-100), null when
 * their cohort is empty. Definitions:
 *
 * - crVolume: CRs submitted in the period (an emergency counts at its
 *   declaration); byType splits it by manual / ai_generated / emergency.
 * - deployments: CRs whose first production deployment (or emergency fix)
 *   falls in the period. This deployment cohort is the base of the next
 *   four rates, judged on everything recorded so far:
 *   - successRate: verified, with no deployment failure and no rollback;
 *   - changeFailureRate: a deployment failure or a rollback was recorded;
 *   - rollbackRate: a rollback was initiated;
 *   (the rest, neither verified nor failed, are still pending.)
 * - regressionRate: of the CRs with a test run recorded in the period, the
 *   share with at least one such run flagging a regression (the
 *   zero-regression rule of spec 6 failed).
 * - approvalTime: submitted -> approved, for CRs approved in the period
 *   (emergencies excluded: their declaration is their approval).
 * - deploymentTime: approved -> first deployed, over the deployment cohort
 *   (emergencies excluded).
 * - leadTime: submitted (or declared) -> first deployed, over the
 *   deployment cohort, emergencies included.
 * - timeToRestore: from the deployment failure (or, when none was recorded,
 *   the rollback decision) to the rollback validated, for rollbacks
 *   validated in the period.
 * - emergencyChangeRatio: emergencies / crVolume.
 * - overdueEmergencyRetrospectives: emergencies fixed in the period whose
 *   retrospective assessment was due before `now` and is still missing.
 * - lateEmergencyRetrospectives: retrospective assessments recorded in the
 *   period after their deadline.
 */
export interface ChangeMetrics {
  readonly from: string;
  readonly to: string;
  readonly crVolume: number;
  readonly byType: { readonly manual: number; readonly ai_generated: number; readonly emergency: number };
  readonly deployments: number;
  readonly successRate: number | null;
  readonly changeFailureRate: number | null;
  readonly rollbackRate: number | null;
  readonly regressionRate: number | null;
  readonly approvalTime: DurationStats;
  readonly deploymentTime: DurationStats;
  readonly leadTime: DurationStats;
  readonly timeToRestore: DurationStats;
  readonly emergencyChangeRatio: number | null;
  readonly overdueEmergencyRetrospectives: number;
  readonly lateEmergencyRetrospectives: number;
}

export const durationStats = (millis: number[]): DurationStats => {
  if (millis.length === 0) return { count: 0, meanHours: null, medianHours: null };
  const sorted = millis.sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  const mean = sorted.reduce((s, x) => s + x, 0) / sorted.length;
  return { count: sorted.length, meanHours: mean / HOUR, medianHours: median / HOUR };
};

const rate = (part: number, whole: number): number | null => (whole === 0 ? null : (part / whole) * 100);

export const computeMetrics = (timelines: Iterable<Timeline>, from: number, to: number, now: number): ChangeMetrics => {
  const within = (t: number | undefined): t is number => t !== undefined && t >= from && t < to;
  const byType = { manual: 0, ai_generated: 0, emergency: 0 };
  let deployments = 0;
  let succeeded = 0;
  let failed = 0;
  let rolledBack = 0;
  let tested = 0;
  let regressed = 0;
  let overdue = 0;
  let late = 0;
  const approval: number[] = [];
  const deployment: number[] = [];
  const lead: number[] = [];
  const restore: number[] = [];
  for (const t of timelines) {
    if (within(t.submittedAt)) byType[t.crType] += 1;
    if (within(t.approvedAt) && t.submittedAt !== undefined) approval.push(t.approvedAt - t.submittedAt);
    if (within(t.deployedAt)) {
      deployments += 1;
      const failure = t.deploymentFailedAt !== undefined || t.rollbackInitiatedAt !== undefined;
      if (failure) failed += 1;
      else if (t.verifiedAt !== undefined) succeeded += 1;
      if (t.rollbackInitiatedAt !== undefined) rolledBack += 1;
      if (t.submittedAt !== undefined) lead.push(t.deployedAt - t.submittedAt);
      if (t.approvedAt !== undefined && t.crType !== 'emergency') deployment.push(t.deployedAt - t.approvedAt);
      if (t.crType === 'emergency' && t.retrospectiveAt === undefined && t.retrospectiveDueAt !== undefined && t.retrospectiveDueAt < now) {
        overdue += 1;
      }
    }
    if (within(t.rollbackValidatedAt)) {
      const start = t.deploymentFailedAt ?? t.rollbackInitiatedAt;
      if (start !== undefined) restore.push(t.rollbackValidatedAt - start);
    }
    if (t.testRuns.length > 0) {
      let any = false;
      let regression = false;
      for (const [at, flagged] of t.testRuns) {
        if (at >= from && at < to) {
          any = true;
          if (flagged) regression = true;
        }
      }
      if (any) tested += 1;
      if (regression) regressed += 1;
    }
    if (t.retrospectiveLate && within(t.retrospectiveAt)) late += 1;
  }
  const volume = byType.manual + byType.ai_generated + byType.emergency;
  return {
    from: new Date(from).toISOString(),
    to: new Date(to).toISOString(),
    crVolume: volume,
    byType,
    deployments,
    successRate: rate(succeeded, deployments),
    changeFailureRate: rate(failed, deployments),
    rollbackRate: rate(rolledBack, deployments),
    regressionRate: rate(regressed, tested),
    approvalTime: durationStats(approval),
    deploymentTime: durationStats(deployment),
    leadTime: durationStats(lead),
    timeToRestore: durationStats(restore),
    emergencyChangeRatio: rate(byType.emergency, volume),
    overdueEmergencyRetrospectives: overdue,
    lateEmergencyRetrospectives: late,
  };
};
