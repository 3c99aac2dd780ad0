import type { ClosureOutcome } from '../../events/values.js';
import type { DomainEvent } from '../../events/catalogue.js';
import type { VerificationCriteria } from '../../events/assessments.js';
import type { Status } from '../state.js';
import { addHours, accept, hoursBetween, refuse, type Decider } from './shared.js';
import { rollbackMonitoringLeft } from './rollback.js';

/** Verification after the monitoring window (from deployment, or from an emergency fix), all criteria met. */
export const verifyChange: Decider<'VerifyChange'> = (c, s, ctx) => {
  const deployedAt = s.deployment?.deployedAt;
  if (deployedAt === undefined) return refuse('INVALID_TRANSITION', 'Nothing has been deployed to verify');
  const hours = hoursBetween(deployedAt, ctx.now);
  const window = ctx.policy.verificationWindowHours;
  if (hours < window) {
    const earliest = addHours(new Date(deployedAt), window);
    return refuse('MONITORING_WINDOW_OPEN', `Production must be monitored for ${window} h before verification (earliest ${earliest})`, undefined, {
      earliest,
    });
  }
  if (s.crType === 'emergency') {
    const e = s.emergency;
    const missing = [
      ...(e?.retrospectiveAssessment === undefined ? ['retrospective assessment'] : []),
      ...(e?.retrospectiveTesting === undefined ? ['retrospective testing'] : []),
      ...(e?.retrospectiveTesting?.verdict.regressionDetected === true ? ['retrospective testing without regression'] : []),
      ...(e?.postIncidentReview === undefined ? ['post-incident review'] : []),
    ];
    if (missing.length > 0) {
      return refuse('RETROSPECTIVE_INCOMPLETE', `The emergency change still needs: ${missing.join(', ')}`, undefined, { missing });
    }
  }
  const failed = (Object.keys(c.data.criteria) as (keyof VerificationCriteria)[]).filter((k) => !c.data.criteria[k]);
  if (failed.length > 0) {
    return refuse('VERIFICATION_CRITERIA_NOT_MET', `Verification criteria not met: ${failed.join(', ')} (consider a rollback)`, `data.criteria.${failed[0]}`, {
      failed,
    });
  }
  return accept({ type: 'ChangeVerified', data: { criteria: c.data.criteria, monitoringHours: Math.round(hours * 100) / 100, report: c.data.report } });
};

const outcomeOf: { readonly [S in Status]?: ClosureOutcome } = { verified: 'success', rejected: 'rejected', rolled_back: 'rolled_back' };

export const closeChangeRequest: Decider<'CloseChangeRequest'> = (c, s, ctx) => {
  const outcome = s.status === 'none' ? undefined : outcomeOf[s.status];
  if (outcome === undefined) return refuse('INVALID_TRANSITION', `A change request in status ${s.status} cannot close`);
  if (outcome === 'rolled_back' && s.rollback?.validatedAt !== undefined) {
    const left = rollbackMonitoringLeft(s.rollback.validatedAt, ctx.now, ctx.policy.rollbackMonitoringHours);
    if (left > 0) {
      return refuse('MONITORING_WINDOW_OPEN', `Monitor for ${ctx.policy.rollbackMonitoringHours} h after the rollback before closing (${left.toFixed(1)} h left)`);
    }
  }
  const events: DomainEvent[] = [];
  if (c.data.learnings.length > 0) events.push({ type: 'LearningsRecorded', data: { learnings: [...c.data.learnings] } });
  events.push({ type: 'ChangeRequestClosed', data: { outcome, reason: c.data.reason } });
  return accept(...events);
};

export const withdrawChangeRequest: Decider<'WithdrawChangeRequest'> = (c) =>
  accept({ type: 'ChangeRequestClosed', data: { outcome: 'withdrawn', reason: c.data.reason } });
