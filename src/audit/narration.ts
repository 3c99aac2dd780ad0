import type { DomainEvent, EventData, EventType } from '../events/catalogue.js';
import type { ChangeSet, GateResult, RegressionVerdict, TestRunResults } from '../events/assessments.js';
import type { Actor, DocumentationKind } from '../events/values.js';

/**
 * One line of plain language per event type: what happened, and why where
 * the event records a reason (rationale, justification, root cause...).
 * The map is total over the catalogue: a new event type does not compile
 * until it is narrated here.
 */
export interface Narration {
  readonly what: string;
  readonly why?: string;
}

type Narrators = { readonly [K in EventType]: (data: EventData<K>) => Narration };

const listed = (items: readonly string[], max = 5): string =>
  items.length <= max ? items.join(', ') : `${items.slice(0, max).join(', ')} and ${items.length - max} more`;

const who = (actor: Actor): string => `${actor.id} (${actor.role.replace('_', ' ')})`;

const words = (token: string): string => token.replace(/_/g, ' ');

const optional = (text: string | undefined): { readonly why?: string } =>
  text === undefined || text.trim() === '' ? {} : { why: text.trim() };

const changeSetSummary = (c: ChangeSet): string => {
  const parts = [
    c.modules.length > 0 ? `modules ${listed(c.modules)}` : '',
    c.files.length > 0 ? `${c.files.length} file(s)` : '',
    c.schemas.length > 0 ? `schemas ${listed(c.schemas)}` : '',
    c.configs.length > 0 ? `configs ${listed(c.configs)}` : '',
  ].filter((p) => p !== '');
  return parts.length === 0 ? 'no listed changes' : parts.join('; ');
};

const testSummary = (r: TestRunResults, v: RegressionVerdict): string =>
  `existing ${r.existingTests.passed}/${r.existingTests.total} passed (${r.existingTests.failed} failed, ` +
  `${r.existingTests.skipped} skipped), new ${r.newTests.passed}/${r.newTests.created} passed ` +
  `(${r.newTests.required} required), coverage ${r.coverage.before}% -> ${r.coverage.after}%: ` +
  (v.regressionDetected ? 'regression detected' : 'zero regression');

const gateSummary = (results: readonly GateResult[]): string => {
  const failed = results.filter((g) => !g.passed);
  return failed.length === 0
    ? `all ${results.length} gates passed`
    : `${results.length - failed.length} of ${results.length} gates passed; failed: ${failed.map((g) => `${g.number} ${words(g.gate)}`).join(', ')}`;
};

const documentationKinds: { readonly [K in DocumentationKind]: string } = {
  architecture: 'architecture documentation',
  api: 'API documentation',
  user: 'user documentation',
  change_log: 'the change log',
};

const narrators: Narrators = {
  ChangeRequestDrafted: (d) => ({
    what: `Drafted ${d.crType === 'ai_generated' ? 'AI-generated' : 'manual'} ${words(d.category)} change "${d.title}" affecting ${listed(d.affectedModules)}`,
    ...optional(d.trigger === undefined ? undefined : `${words(d.trigger.type)} from ${d.trigger.source}: ${d.trigger.description}`),
  }),
  ChangeRequestSubmitted: (d) => ({ what: `Submitted as ${d.number}` }),
  StakeholdersNotified: (d) => ({ what: `Notified stakeholders ${listed(d.stakeholders)}` }),
  ImpactAssessed: (d) => ({
    what:
      `Assessed impact as ${d.overallImpact} (modules ${d.dimensionLevels.modulesAffected}, breaking changes ` +
      `${d.dimensionLevels.breakingChanges}, tenants ${d.dimensionLevels.tenantImpact}, downtime ${d.dimensionLevels.downtime}, ` +
      `rollback ${d.dimensionLevels.rollbackComplexity})`,
  }),
  RiskAssessed: (d) => ({
    what: `Assessed ${d.risks.length} risk(s), overall ${d.overallRisk}: ${listed(d.risks.map((r) => `${r.riskId} ${r.level}`))}`,
  }),
  RegressionAnalysisPlanned: (d) => ({
    what:
      `Planned regression analysis: ${d.plan.existingTests.total} existing tests in ${listed(d.plan.existingTests.suites)}, ` +
      `${d.plan.newTestsRequired} new test(s) required, coverage baseline ${d.plan.coverageBaseline}%`,
  }),
  AssessmentCompleted: (d) => ({
    what:
      `Completed assessment: impact ${d.overallImpact}, risk ${d.overallRisk}, approval at ${d.approvalLevel} level by ` +
      `${d.requiredApprovers.map(words).join(' + ')}` +
      (d.stakeholderConcurrenceRequired ? ', stakeholder concurrence required' : '') +
      (d.escalationRequired ? ', executive escalation required' : '') +
      (d.autoApprovalEligible ? ', eligible for auto-approval' : ''),
    ...optional(d.guardrailFindings.length === 0 ? undefined : `not auto-approvable: ${d.guardrailFindings.join('; ')}`),
  }),
  AiRecommendationIssued: (d) => ({
    what: `Issued AI recommendation (approval from ${d.approvalRequiredFrom.map(words).join(' + ')}${d.autoApprovalEligible ? ', auto-approval eligible' : ''})`,
    why: d.recommendation,
  }),
  StakeholderReviewRecorded: (d) => ({
    what: `${who(d.reviewer)} ${d.position === 'concur' ? 'concurred' : 'objected'}`,
    ...optional(d.comment),
  }),
  ChangeRequestEscalated: (d) => ({ what: `Escalated to ${d.escalatedTo}`, why: d.reason }),
  ApprovalGranted: (d) => ({ what: `${who(d.approver)} granted ${d.autoApproval ? 'auto-approval' : 'approval'}`, why: d.rationale }),
  ChangeRequestApproved: (d) => ({
    what: `Approved at ${d.approvalLevel} level by ${listed(d.approvers.map(who))}${d.autoApproval ? ' (auto-approval)' : ''}`,
  }),
  ChangeRequestRejected: (d) => ({ what: `Rejected by ${who(d.rejectedBy)}: ${words(d.reason)}`, why: d.rationale }),
  ChangeRequestScheduled: (d) => ({
    what:
      `Scheduled for ${d.window.start} to ${d.window.end} in test environment ${d.testEnvironment}` +
      (d.builders.length > 0 ? `, builders ${listed(d.builders)}` : ''),
  }),
  TestEnvironmentBaselineSet: (d) => ({ what: `Set test environment ${d.environment} to baseline ${d.baseline}` }),
  ChangeDeployedToTestEnvironment: (d) => ({ what: `Deployed build ${d.build} to test environment ${d.environment}` }),
  TestingStarted: (d) => ({
    what: `Started testing in ${d.environment}${d.suites.length > 0 ? ` (${listed(d.suites)})` : ''}`,
  }),
  TestResultsRecorded: (d) => ({
    what: `Recorded test results: ${testSummary(d.results, d.verdict)}`,
    ...optional(d.verdict.findings.length === 0 ? undefined : d.verdict.findings.join('; ')),
  }),
  TestingFailed: (d) => ({ what: 'Testing failed', why: d.findings.join('; ') }),
  ChangeRevised: (d) => ({
    what: `Revised the change${d.changes.length > 0 ? `: ${listed(d.changes)}` : ''}`,
    why: d.summary,
  }),
  TestEnvironmentValidated: (d) => ({
    what: `Validated the change in test environment ${d.environment}: working as expected, no anomalies, performance acceptable`,
  }),
  TestEnvironmentReset: (d) => ({ what: `Reset test environment ${d.environment} to baseline ${d.baseline}` }),
  DocumentationUpdated: (d) => ({ what: `Updated ${documentationKinds[d.update.kind]}: ${d.update.reference}` }),
  RollbackPlanDocumented: (d) => ({
    what:
      `Documented a ${d.plan.rollbackType} rollback plan (${d.plan.testedInTestEnvironment ? 'tested' : 'not tested'} in the ` +
      `test environment; criteria: ${listed(d.plan.decisionCriteria)})`,
  }),
  ComplianceValidated: (d) => ({
    what:
      `Validated compliance: control coverage ${d.validation.coverageBefore}% -> ${d.validation.coverageAfter}%, ` +
      `mappings ${d.validation.controlMappingsUpdated ? 'updated' : 'unchanged'}, ` +
      (d.validation.regulatoryViolations.length === 0
        ? 'no regulatory violations'
        : `violations: ${listed(d.validation.regulatoryViolations)}`),
  }),
  GatesEvaluated: (d) => ({ what: `Evaluated production gates: ${gateSummary(d.results)}` }),
  DeployedToProduction: (d) => ({
    what: `Deployed release ${d.release} to production (${changeSetSummary(d.changeSet)}; ${gateSummary(d.gates)})`,
  }),
  ProductionDeploymentFailed: (d) => ({
    what: `Production deployment failed${d.errors.length > 0 ? `: ${listed(d.errors, 3)}` : ''}`,
    why: d.reason,
  }),
  RollbackInitiated: (d) => ({
    what: `${who(d.decidedBy)} initiated a ${d.rollbackType} rollback (trigger: ${words(d.trigger)})`,
    why: d.reason,
  }),
  RollbackExecuted: (d) => ({
    what: `Rolled back to ${d.revertedTo}${d.migrationScript === undefined ? '' : ' with a migration script'}`,
  }),
  RollbackValidated: (d) => ({ what: 'Validated the rollback: system stable', ...optional(d.notes) }),
  RollbackPostMortemRecorded: (d) => ({ what: 'Recorded the rollback post-mortem', why: d.rootCause }),
  ChangeVerified: (d) => {
    const unmet = Object.entries(d.criteria)
      .filter(([, met]) => !met)
      .map(([criterion]) => criterion);
    return {
      what:
        `Verified the change after ${d.monitoringHours} h of monitoring: ` +
        (unmet.length === 0 ? 'all criteria met' : `criteria not met: ${unmet.join(', ')}`),
    };
  },
  LearningsRecorded: (d) => ({ what: `Recorded ${d.learnings.length} learning(s): ${listed(d.learnings.map((l) => l.topic))}` }),
  ChangeRequestClosed: (d) => ({ what: `Closed with outcome ${words(d.outcome)}`, ...optional(d.reason) }),
  EmergencyDeclared: (d) => ({
    what: `${who(d.declaredBy)} declared emergency ${d.number} "${d.title}" (${words(d.criterion)}) affecting ${listed(d.affectedModules)}`,
    why: d.justification,
  }),
  EmergencyFixApplied: (d) => ({
    what:
      `Applied the emergency fix ${d.testEnvironmentBypassed ? 'bypassing' : 'through'} the test environment ` +
      `(${changeSetSummary(d.changeSet)}); retrospective assessment due ${d.retrospectiveDueAt}`,
    ...optional(d.testEnvironmentBypassed ? d.bypassJustification : undefined),
  }),
  RetrospectiveAssessmentRecorded: (d) => ({
    what: `Recorded the retrospective assessment${d.late ? ' (late)' : ''}: impact ${d.overallImpact}, risk ${d.overallRisk}`,
  }),
  RetrospectiveTestingRecorded: (d) => ({
    what: `Recorded retrospective testing: ${testSummary(d.results, d.verdict)}`,
    ...optional(d.verdict.findings.length === 0 ? undefined : d.verdict.findings.join('; ')),
  }),
  PostIncidentReviewRecorded: (d) => ({
    what: `Recorded the post-incident review; prevention: ${listed(d.prevention)}`,
    why: d.rootCause,
  }),
};

/** What the event says happened, and why where it records a reason. */
export const narrate = (event: DomainEvent): Narration =>
  // The map is keyed by the event's own type, so its data matches; TypeScript cannot correlate the two.
  (narrators[event.type] as (data: DomainEvent['data']) => Narration)(event.data);
