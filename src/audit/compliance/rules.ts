import { slotFilledBy } from '../../domain/approvalPolicy.js';
import type { EventType } from '../../events/catalogue.js';
import type { StoredEvent } from '../../events/serialization.js';
import type { Role } from '../../events/values.js';
import type { StreamVerification } from '../chain.js';
import { mergeRefs, refs, type History, type Stored } from './history.js';
import type { ComplianceStatus, EvidenceRef } from './types.js';

/**
 * The building blocks of the compliance checks. A check
 * - passes when the events it requires are in the stream, in the order
 *   required, and say what they must (e.g. zero regression);
 * - fails when the CR reached the point where that evidence was due and it
 *   is missing, late, out of order or negative;
 * - is not applicable when that point has not been reached (a CR still in
 *   assessment has no deployment to test before) or never will be (a
 *   rejected CR), or when the control does not concern this kind of change.
 * An emergency's retrospective steps are due once the fix is applied: the
 * assessment by its recorded deadline, testing and review at once (they are
 * outstanding until recorded).
 */
export interface Verdict {
  readonly status: ComplianceStatus;
  readonly reason: string;
  readonly evidence: readonly EvidenceRef[];
}

export interface RuleContext {
  readonly h: History;
  readonly emergency?: Stored<'EmergencyDeclared'>;
  readonly fix?: Stored<'EmergencyFixApplied'>;
  readonly asOfMs: number;
  readonly asOf: string;
  readonly integrity: StreamVerification;
  readonly verificationWindowHours: number;
}

export const passed = (reason: string, evidence: readonly EvidenceRef[] = []): Verdict => ({ status: 'passed', reason, evidence });
export const failed = (reason: string, evidence: readonly EvidenceRef[] = []): Verdict => ({ status: 'failed', reason, evidence });
export const notApplicable = (reason: string, evidence: readonly EvidenceRef[] = []): Verdict => ({
  status: 'not_applicable',
  reason,
  evidence,
});

/** The first approval or rejection. */
export const decisionOf = (h: History): Stored<'ChangeRequestApproved'> | Stored<'ChangeRequestRejected'> | undefined =>
  h.firstOf(['ChangeRequestApproved', 'ChangeRequestRejected']) as
    | Stored<'ChangeRequestApproved'>
    | Stored<'ChangeRequestRejected'>
    | undefined;

/** Where implementation work starts: scheduling, the test environment, or production. */
export const implementationStartOf = (h: History): StoredEvent | undefined =>
  h.firstOf(['ChangeRequestScheduled', 'ChangeDeployedToTestEnvironment', 'DeployedToProduction']);

/** `requirements` must all precede `milestone`; before the milestone is reached, their presence passes and their absence is not yet due. */
export const requiredBefore = (
  h: History,
  requirements: readonly EventType[],
  milestone: StoredEvent | undefined,
  milestoneLabel: string,
): Verdict => {
  if (milestone === undefined) {
    const present = requirements.map((t) => h.first(t));
    return present.every((e) => e !== undefined)
      ? passed(`recorded (${milestoneLabel} not reached yet)`, refs(...present))
      : notApplicable(`${milestoneLabel} not reached yet`, refs(...present));
  }
  const found = requirements.map((t) => h.lastBefore(t, milestone));
  const missing = requirements.filter((_, i) => found[i] === undefined);
  return missing.length === 0
    ? passed(`recorded before ${milestoneLabel}`, refs(...found, milestone))
    : failed(`missing before ${milestoneLabel}: ${missing.join(', ')}`, refs(...found, milestone));
};

/** Retrospective impact and risk assessment of an emergency: due by the deadline the fix recorded. */
export const retrospectiveAssessment = (ctx: RuleContext): Verdict => {
  const { fix, emergency } = ctx;
  if (fix === undefined) return notApplicable('the emergency fix has not been applied yet', refs(emergency));
  const assessment = ctx.h.first('RetrospectiveAssessmentRecorded');
  const due = fix.data.retrospectiveDueAt;
  if (assessment !== undefined) {
    const late = assessment.data.late || Date.parse(assessment.metadata.occurredAt) > Date.parse(due);
    return late
      ? failed(`retrospective assessment recorded after its deadline ${due}`, refs(fix, assessment))
      : passed(`retrospective assessment recorded by its deadline ${due}`, refs(fix, assessment));
  }
  return ctx.asOfMs > Date.parse(due)
    ? failed(`retrospective assessment overdue since ${due}`, refs(fix))
    : notApplicable(`retrospective assessment due by ${due}`, refs(fix));
};

/** Retrospective regression testing of an emergency: outstanding until recorded, passing only with zero regression. */
export const retrospectiveTesting = (ctx: RuleContext): Verdict => {
  const { fix, emergency } = ctx;
  if (fix === undefined) return notApplicable('the emergency fix has not been applied yet', refs(emergency));
  const testing = ctx.h.last('RetrospectiveTestingRecorded');
  if (testing === undefined) return failed('retrospective regression testing outstanding', refs(fix));
  return testing.data.verdict.regressionDetected
    ? failed(`retrospective testing found a regression: ${testing.data.verdict.findings.join('; ')}`, refs(fix, testing))
    : passed('retrospective regression testing found zero regression', refs(fix, testing));
};

export const chainIntact = (ctx: RuleContext): Verdict => {
  const v = ctx.integrity;
  const events = ctx.h.events;
  if (v.finding !== undefined) {
    const named = events.find((e) => e.revision === v.finding?.revision);
    return failed(`hash chain broken: ${v.finding.message}`, refs(named));
  }
  return passed(`hash chain verified over all ${v.eventsChecked} events`, refs(events[0], events[events.length - 1]));
};

/** Whether the approval came from the authority its assessment required. */
export const approvalAuthority = (h: History, approval: Stored<'ChangeRequestApproved'>): Verdict => {
  const assessment = h.lastBefore('AssessmentCompleted', approval);
  if (assessment === undefined) return failed('approved without a completed assessment', refs(approval));
  const requirement = assessment.data;
  const grants = h.allBefore('ApprovalGranted', approval).filter((g) => g.revision > assessment.revision);
  const reviews = h.allBefore('StakeholderReviewRecorded', approval);
  const escalation = h.lastBefore('ChangeRequestEscalated', approval);
  const evidence = refs(assessment, grants, reviews, escalation, approval);
  const problems: string[] = [];

  const filled = new Set<Role>();
  for (const g of grants) {
    const slot = slotFilledBy(requirement.requiredApprovers, g.data.approver.role);
    if (slot !== undefined) filled.add(slot);
  }
  const unfilled = requirement.requiredApprovers.filter((r) => !filled.has(r));
  if (unfilled.length > 0) problems.push(`no approval from ${unfilled.join(', ')}`);
  if (approval.data.approvalLevel !== requirement.approvalLevel) {
    problems.push(`approved at ${approval.data.approvalLevel} level, assessed at ${requirement.approvalLevel}`);
  }
  if (grants.some((g) => g.data.autoApproval) && !requirement.autoApprovalEligible) problems.push('auto-approved while not eligible');
  if (requirement.stakeholderConcurrenceRequired) {
    const latest = new Map<string, 'concur' | 'object'>();
    for (const r of reviews) latest.set(r.data.reviewer.id, r.data.position);
    if (![...latest.values()].includes('concur')) problems.push('no stakeholder concurrence');
    if ([...latest.values()].includes('object')) problems.push('a stakeholder objection was open');
  }
  if (requirement.escalationRequired && escalation === undefined) problems.push('not escalated to an executive');
  const drafter = h.first('ChangeRequestDrafted')?.data.draftedBy.id;
  const selfApproved = grants.filter((g) => g.data.approver.id === drafter && !(g.data.autoApproval && g.data.approver.role === 'foreman'));
  if (selfApproved.length > 0) problems.push(`approved by its own drafter ${drafter ?? ''}`.trim());

  return problems.length === 0
    ? passed(`approved by ${grants.map((g) => `${g.data.approver.id} (${g.data.approver.role})`).join(', ')} as the ${requirement.approvalLevel}-level assessment required`, evidence)
    : failed(problems.join('; '), evidence);
};

/** Applies `check` to every production deployment; not applicable before the first. */
export const forEachDeployment = (
  h: History,
  check: (deployment: Stored<'DeployedToProduction'>) => Verdict,
  noneReason = 'not deployed to production',
): Verdict => {
  const deployments = h.all('DeployedToProduction');
  if (deployments.length === 0) return notApplicable(noneReason);
  const verdicts = deployments.map(check);
  const failure = verdicts.find((v) => v.status === 'failed');
  if (failure !== undefined) return failure;
  return {
    status: 'passed',
    reason: verdicts.map((v) => v.reason).join('; '),
    evidence: mergeRefs(verdicts.map((v) => v.evidence)),
  };
};

/** Zero regression on the last test run before the deployment. */
export const testedWithoutRegression = (h: History, deployment: Stored<'DeployedToProduction'>): Verdict => {
  const run = h.lastBefore('TestResultsRecorded', deployment);
  if (run === undefined) return failed('deployed without recorded test results', refs(deployment));
  return run.data.verdict.regressionDetected
    ? failed(`deployed after a test run with regression: ${run.data.verdict.findings.join('; ')}`, refs(run, deployment))
    : passed('last test run before deployment showed zero regression', refs(run, deployment));
};

/** The deployed build was validated in the test environment, after a baseline was set, and before production. */
export const validatedInTestEnvironment = (h: History, deployment: Stored<'DeployedToProduction'>): Verdict => {
  const build = h.lastBefore('ChangeDeployedToTestEnvironment', deployment);
  if (build === undefined) return failed('never deployed to the test environment before production', refs(deployment));
  const baselineSet = h.lastBefore('TestEnvironmentBaselineSet', build);
  const reset = h.lastBefore('TestEnvironmentReset', build);
  const baseline = baselineSet === undefined || (reset !== undefined && reset.revision > baselineSet.revision) ? reset : baselineSet;
  const validated = h.lastBefore('TestEnvironmentValidated', deployment);
  const problems: string[] = [];
  if (baseline === undefined) problems.push('test environment not set to a baseline before the build was deployed');
  if (validated === undefined || validated.revision < build.revision) problems.push('the deployed build was not validated in the test environment');
  const evidence = refs(baseline, build, validated, deployment);
  return problems.length === 0
    ? passed('validated in the test environment from a known baseline before production', evidence)
    : failed(problems.join('; '), evidence);
};

const HOUR = 3_600_000;

/** After production (or the emergency fix): verified, every criterion met, after the monitoring window; or rolled back and validated. */
export const reviewedAfterImplementation = (ctx: RuleContext): Verdict => {
  const h = ctx.h;
  const deployment = h.first('DeployedToProduction');
  const implemented: StoredEvent | undefined = ctx.fix ?? deployment;
  const implementedAt = ctx.fix?.data.appliedAt ?? deployment?.data.deployedAt;
  if (implemented === undefined || implementedAt === undefined) return notApplicable('not implemented in production');
  const verified = h.last('ChangeVerified');
  if (verified !== undefined) {
    const hours = (Date.parse(verified.metadata.occurredAt) - Date.parse(implementedAt)) / HOUR;
    if (hours < ctx.verificationWindowHours) {
      return failed(
        `verified ${hours.toFixed(1)} h after implementation, within the ${ctx.verificationWindowHours} h monitoring window`,
        refs(implemented, verified),
      );
    }
    const unmet = Object.entries(verified.data.criteria)
      .filter(([, met]) => !met)
      .map(([criterion]) => criterion);
    return unmet.length === 0
      ? passed(`verified after ${hours.toFixed(1)} h of monitoring with every criterion met`, refs(implemented, verified))
      : failed(`verification criteria not met: ${unmet.join(', ')}`, refs(implemented, verified));
  }
  const rollbackValidated = h.last('RollbackValidated');
  if (rollbackValidated !== undefined) {
    return passed('rolled back and the rollback validated stable', refs(implemented, h.last('RollbackExecuted'), rollbackValidated));
  }
  const closed = h.last('ChangeRequestClosed');
  return closed !== undefined
    ? failed('closed without verification or a validated rollback', refs(implemented, closed))
    : notApplicable('monitoring after implementation still in progress', refs(implemented));
};
