import { slotFilledBy } from '../../domain/approvalPolicy.js';
import { statusAfterEvent } from '../../domain/lifecycle.js';
import type { AssessedRisk, ImpactAssessment, ImpactDimensionLevels, TestRunResults, RegressionVerdict } from '../../events/assessments.js';
import type { StoredEvent } from '../../events/serialization.js';
import type { ImpactLevel, Role } from '../../events/values.js';
import type { ChangeRegisterEntry, RegisterRisk, RegisterTestRun } from './schema.js';

/**
 * The register's fold: one mutable entry per CR, updated in place by each
 * event (the register hands out frozen copies, never these objects). Values
 * taken from event data are shared, never mutated. Lists are never pushed
 * to: each starts as one shared frozen empty array and is replaced by an
 * exact-size copy when it grows, which keeps a 50,000-CR register small
 * (lists here hold a handful of items) and so the garbage collector fast.
 */

const emptyList: readonly never[] = Object.freeze([]);
const none = <T>(): T[] => emptyList as unknown as T[];

/** A copy of `list` with `items` after it, allocated at its exact size (spread and push both over-allocate). */
const plus = <T>(list: readonly T[], ...items: readonly T[]): T[] => {
  const out = new Array<T>(list.length + items.length);
  for (let i = 0; i < list.length; i++) out[i] = list[i]!;
  for (let i = 0; i < items.length; i++) out[list.length + i] = items[i]!;
  return out;
};

/** The impact analysis as the register shows it: one literal, not a spread (a spread of frozen event data makes a slow, large object). */
const registerImpact = (a: ImpactAssessment, dimensionLevels: ImpactDimensionLevels, overallImpact: ImpactLevel): NonNullable<ChangeRegisterEntry['impactAssessment']> => ({
  technical: a.technical,
  tenant: a.tenant,
  compliance: a.compliance,
  operational: a.operational,
  dimensionLevels,
  overallImpact,
});

/** A risk as the register shows it (the event's `level` is named `riskLevel`), key order as before. */
const registerRisk = (r: AssessedRisk): RegisterRisk => ({
  riskId: r.riskId,
  description: r.description,
  category: r.category,
  likelihood: r.likelihood,
  impact: r.impact,
  treatment: r.treatment,
  mitigation: r.mitigation,
  riskLevel: r.level,
});

const testRun = (at: string, results: TestRunResults, verdict: RegressionVerdict, retrospective: boolean): RegisterTestRun => ({
  recordedAt: at,
  retrospective,
  suites: results.suites,
  existingTests: results.existingTests,
  newTests: results.newTests,
  coverage: { before: results.coverage.before, after: results.coverage.after, delta: verdict.coverageDelta },
  performance: {
    baselineResponseTimeMs: results.performance.baselineResponseTimeMs,
    afterChangeResponseTimeMs: results.performance.afterChangeResponseTimeMs,
    deltaMs: verdict.responseTimeDeltaMs,
    degradation: verdict.performanceDegradation,
  },
  security: results.security,
  compliance: results.compliance,
  regressionDetected: verdict.regressionDetected,
  readyForDeployment: verdict.readyForDeployment,
  findings: verdict.findings,
});

type Opening = Pick<
  ChangeRegisterEntry,
  'crId' | 'crType' | 'status' | 'title' | 'category' | 'createdBy' | 'submittedDate' | 'changeDescription' | 'trigger' | 'stakeholders' | 'affectedModules' | 'approvers' | 'autoApproved' | 'approvedDate' | 'emergency'
>;

/** One object literal with every field (no spread): the entry keeps a single fast shape as it is updated in place. */
const newEntry = (e: StoredEvent, changeRequestId: string, o: Opening): ChangeRegisterEntry => ({
  crId: o.crId,
  changeRequestId,
  crType: o.crType,
  title: o.title,
  category: o.category,
  status: o.status,
  createdBy: o.createdBy,
  createdDate: e.metadata.occurredAt,
  submittedDate: o.submittedDate,
  changeDescription: o.changeDescription,
  trigger: o.trigger,
  stakeholders: o.stakeholders,
  stakeholdersNotified: none(),
  affectedModules: o.affectedModules,
  affectedTenants: null,
  impactLevel: null,
  riskLevel: null,
  approvalLevel: null,
  impactAssessment: null,
  riskAssessment: null,
  regressionAnalysis: null,
  approvalRequiredFrom: none(),
  stakeholderConcurrenceRequired: null,
  escalationRequired: null,
  autoApprovalEligible: null,
  guardrailFindings: none(),
  awaitingApprovalFrom: none(),
  recommendation: null,
  stakeholderReviews: none(),
  escalated: false,
  approvals: none(),
  approvers: o.approvers,
  autoApproved: o.autoApproved,
  approvedDate: o.approvedDate,
  rejection: null,
  schedule: null,
  testResults: none(),
  testingFailures: 0,
  revisions: 0,
  documentationUpdates: none(),
  rollbackPlan: null,
  gateEvaluations: none(),
  deploymentDate: null,
  deploymentLogs: none(),
  verificationResults: null,
  rollbackEvents: none(),
  emergency: o.emergency,
  learnings: none(),
  outcome: null,
  closureReason: null,
  closedDate: null,
  lastUpdated: e.metadata.occurredAt,
  revision: e.revision,
});

/** The entry a CR's first event opens, or undefined if the event cannot open one. */
export const openEntry = (e: StoredEvent, changeRequestId: string): ChangeRegisterEntry | undefined => {
  if (e.type === 'ChangeRequestDrafted') {
    const d = e.data;
    return newEntry(e, changeRequestId, {
      crId: null,
      crType: d.crType,
      status: 'draft',
      title: d.title,
      category: d.category,
      createdBy: d.draftedBy,
      submittedDate: null,
      changeDescription: { summary: d.description.summary, details: d.description.details, affectedModules: d.affectedModules, estimatedEffort: d.estimatedEffort },
      trigger: d.trigger ?? null,
      stakeholders: d.stakeholders,
      affectedModules: d.affectedModules,
      approvers: none(),
      autoApproved: null,
      approvedDate: null,
      emergency: null,
    });
  }
  if (e.type === 'EmergencyDeclared') {
    const d = e.data;
    return newEntry(e, changeRequestId, {
      crId: d.number,
      crType: 'emergency',
      status: 'emergency',
      title: d.title,
      category: d.category,
      createdBy: d.declaredBy,
      submittedDate: d.declaredAt,
      changeDescription: { summary: d.description.summary, details: d.description.details, affectedModules: d.affectedModules, estimatedEffort: '' },
      trigger: null,
      stakeholders: none(),
      affectedModules: d.affectedModules,
      approvers: [d.declaredBy],
      autoApproved: false,
      approvedDate: d.declaredAt,
      emergency: {
        criterion: d.criterion,
        justification: d.justification,
        declaredBy: d.declaredBy,
        declaredAt: d.declaredAt,
        fixAppliedAt: null,
        testEnvironmentBypassed: null,
        bypassJustification: '',
        retrospectiveDueAt: null,
        retrospectiveAssessedAt: null,
        retrospectiveLate: null,
        retrospectiveTestedAt: null,
        postIncidentReview: null,
      },
    });
  }
  return undefined;
};

/** The entry of `e`'s CR in `entries` (keyed by CR id), opened by its first event; undefined if that event cannot open one. */
export const entryFor = (entries: Map<string, ChangeRegisterEntry>, e: StoredEvent, changeRequestId: string): ChangeRegisterEntry | undefined => {
  let entry = entries.get(changeRequestId);
  if (entry === undefined) {
    entry = openEntry(e, changeRequestId);
    if (entry !== undefined) entries.set(changeRequestId, entry);
  }
  return entry;
};

const addModules = (entry: ChangeRegisterEntry, modules: readonly string[]): void => {
  const missing = modules.filter((m) => !entry.affectedModules.includes(m));
  if (missing.length > 0) entry.affectedModules = plus(entry.affectedModules, ...missing);
};

/** Who the assessed CR still waits for: unfilled approver slots, and stakeholders while concurrence is missing or objected. */
export const pendingApprovers = (entry: ChangeRegisterEntry): Role[] => {
  if (entry.status !== 'assessed') return [];
  const pending: Role[] = [];
  if (entry.stakeholderConcurrenceRequired === true) {
    const latest = new Map(entry.stakeholderReviews.map((r) => [r.reviewer.id, r.position]));
    const positions = [...latest.values()];
    if (!positions.includes('concur') || positions.includes('object')) pending.push('stakeholder');
  }
  for (const role of entry.approvalRequiredFrom) {
    if (!entry.approvals.some((a) => slotFilledBy([role], a.approver.role) !== undefined)) pending.push(role);
  }
  return pending;
};

const lastDeployment = (entry: ChangeRegisterEntry) => entry.deploymentLogs[entry.deploymentLogs.length - 1];

/** Folds one event into its CR's entry, in place. */
export const applyToEntry = (entry: ChangeRegisterEntry, e: StoredEvent): void => {
  const at = e.metadata.occurredAt;
  switch (e.type) {
    case 'ChangeRequestDrafted':
    case 'EmergencyDeclared':
      break;
    case 'ChangeRequestSubmitted':
      entry.crId = e.data.number;
      entry.submittedDate = e.data.submittedAt;
      break;
    case 'StakeholdersNotified':
      for (const who of e.data.stakeholders) if (!entry.stakeholdersNotified.includes(who)) entry.stakeholdersNotified = plus(entry.stakeholdersNotified, who);
      break;
    case 'ImpactAssessed':
      entry.impactAssessment = registerImpact(e.data.assessment, e.data.dimensionLevels, e.data.overallImpact);
      entry.impactLevel = e.data.overallImpact;
      entry.affectedTenants = e.data.assessment.tenant.affectedTenants;
      addModules(entry, e.data.assessment.technical.modulesAffected);
      break;
    case 'RiskAssessed':
      entry.riskAssessment = { risks: e.data.risks.map(registerRisk), overallRiskLevel: e.data.overallRisk };
      entry.riskLevel = e.data.overallRisk;
      break;
    case 'RegressionAnalysisPlanned':
      entry.regressionAnalysis = e.data.plan;
      break;
    case 'AssessmentCompleted': {
      const d = e.data;
      entry.impactLevel = d.overallImpact;
      entry.riskLevel = d.overallRisk;
      entry.approvalLevel = d.approvalLevel;
      entry.approvalRequiredFrom = d.requiredApprovers;
      entry.stakeholderConcurrenceRequired = d.stakeholderConcurrenceRequired;
      entry.escalationRequired = d.escalationRequired;
      entry.autoApprovalEligible = d.autoApprovalEligible;
      entry.guardrailFindings = d.guardrailFindings;
      entry.approvals = none();
      break;
    }
    case 'AiRecommendationIssued':
      entry.recommendation = e.data.recommendation;
      break;
    case 'StakeholderReviewRecorded':
      entry.stakeholderReviews = plus(entry.stakeholderReviews, { reviewer: e.data.reviewer, position: e.data.position, comment: e.data.comment, recordedAt: at });
      break;
    case 'ChangeRequestEscalated':
      entry.escalated = true;
      break;
    case 'ApprovalGranted':
      entry.approvals = plus(entry.approvals, { approver: e.data.approver, rationale: e.data.rationale, autoApproval: e.data.autoApproval, grantedAt: at });
      break;
    case 'ChangeRequestApproved':
      entry.approvers = e.data.approvers;
      entry.autoApproved = e.data.autoApproval;
      entry.approvedDate = e.data.approvedAt;
      entry.approvalLevel = e.data.approvalLevel;
      break;
    case 'ChangeRequestRejected':
      entry.rejection = { rejectedBy: e.data.rejectedBy, reason: e.data.reason, rationale: e.data.rationale, rejectedAt: at };
      break;
    case 'ChangeRequestScheduled': {
      const d = e.data;
      entry.schedule = { windowStart: d.window.start, windowEnd: d.window.end, builders: d.builders, testEnvironment: d.testEnvironment, notes: d.notes };
      break;
    }
    case 'TestEnvironmentBaselineSet':
    case 'ChangeDeployedToTestEnvironment':
    case 'TestingStarted':
    case 'TestEnvironmentValidated':
    case 'TestEnvironmentReset':
    case 'ComplianceValidated':
      break;
    case 'TestResultsRecorded':
      entry.testResults = plus(entry.testResults, testRun(at, e.data.results, e.data.verdict, false));
      break;
    case 'TestingFailed':
      entry.testingFailures += 1;
      break;
    case 'ChangeRevised':
      entry.revisions += 1;
      break;
    case 'DocumentationUpdated':
      entry.documentationUpdates = plus(entry.documentationUpdates, e.data.update);
      break;
    case 'RollbackPlanDocumented':
      entry.rollbackPlan = e.data.plan;
      break;
    case 'GatesEvaluated':
      entry.gateEvaluations = plus(entry.gateEvaluations, { evaluatedAt: at, allPassed: e.data.allPassed, failedGates: e.data.results.filter((g) => !g.passed).map((g) => g.gate) });
      break;
    case 'DeployedToProduction': {
      const d = e.data;
      entry.deploymentDate ??= d.deployedAt;
      entry.deploymentLogs = plus(entry.deploymentLogs, { kind: 'production', release: d.release, deployedAt: d.deployedAt, deployedBy: e.metadata.actor, changeSet: d.changeSet, log: d.deploymentLog, result: 'deployed', failure: null });
      break;
    }
    case 'EmergencyFixApplied': {
      const d = e.data;
      entry.deploymentDate ??= d.appliedAt;
      entry.deploymentLogs = plus(entry.deploymentLogs, { kind: 'emergency_fix', release: 'emergency-fix', deployedAt: d.appliedAt, deployedBy: e.metadata.actor, changeSet: d.changeSet, log: [d.description], result: 'deployed', failure: null });
      if (entry.emergency) {
        entry.emergency.fixAppliedAt = d.appliedAt;
        entry.emergency.testEnvironmentBypassed = d.testEnvironmentBypassed;
        entry.emergency.bypassJustification = d.bypassJustification;
        entry.emergency.retrospectiveDueAt = d.retrospectiveDueAt;
      }
      break;
    }
    case 'ProductionDeploymentFailed': {
      const last = lastDeployment(entry);
      if (last) {
        last.result = 'failed';
        last.failure = { reason: e.data.reason, errors: e.data.errors, at };
      }
      break;
    }
    case 'RollbackInitiated': {
      const d = e.data;
      const last = lastDeployment(entry);
      if (last) last.result = 'rolled_back';
      entry.rollbackEvents = plus(entry.rollbackEvents, { step: 'initiated', at, by: d.decidedBy, trigger: d.trigger, rollbackType: d.rollbackType, reason: d.reason, stakeholdersNotified: d.stakeholdersNotified });
      break;
    }
    case 'RollbackExecuted':
      entry.rollbackEvents = plus(entry.rollbackEvents, { step: 'executed', at, by: e.metadata.actor, revertedTo: e.data.revertedTo, steps: e.data.steps });
      break;
    case 'RollbackValidated':
      entry.rollbackEvents = plus(entry.rollbackEvents, { step: 'validated', at: e.data.validatedAt, by: e.metadata.actor, notes: e.data.notes });
      break;
    case 'RollbackPostMortemRecorded':
      entry.rollbackEvents = plus(entry.rollbackEvents, { step: 'post_mortem', at, by: e.metadata.actor, rootCause: e.data.rootCause, replan: e.data.replan });
      break;
    case 'ChangeVerified': {
      entry.verificationResults = { criteria: e.data.criteria, monitoringHours: e.data.monitoringHours, report: e.data.report, verifiedAt: at };
      const last = lastDeployment(entry);
      if (last && last.result === 'deployed') last.result = 'verified';
      break;
    }
    case 'LearningsRecorded':
      entry.learnings = plus(entry.learnings, ...e.data.learnings);
      break;
    case 'ChangeRequestClosed':
      entry.outcome = e.data.outcome;
      entry.closureReason = e.data.reason;
      entry.closedDate = at;
      break;
    case 'RetrospectiveAssessmentRecorded': {
      const d = e.data;
      entry.impactAssessment = registerImpact(d.impact, d.dimensionLevels, d.overallImpact);
      entry.riskAssessment = { risks: d.risks.map(registerRisk), overallRiskLevel: d.overallRisk };
      entry.impactLevel = d.overallImpact;
      entry.riskLevel = d.overallRisk;
      entry.affectedTenants = d.impact.tenant.affectedTenants;
      addModules(entry, d.impact.technical.modulesAffected);
      if (entry.emergency) {
        entry.emergency.retrospectiveAssessedAt = at;
        entry.emergency.retrospectiveLate = d.late;
      }
      break;
    }
    case 'RetrospectiveTestingRecorded':
      entry.testResults = plus(entry.testResults, testRun(at, e.data.results, e.data.verdict, true));
      if (entry.emergency) entry.emergency.retrospectiveTestedAt = at;
      break;
    case 'PostIncidentReviewRecorded':
      if (entry.emergency) entry.emergency.postIncidentReview = { rootCause: e.data.rootCause, prevention: e.data.prevention, recordedAt: at };
      break;
  }
  const status = statusAfterEvent[e.type];
  if (status !== undefined) entry.status = status;
  if (entry.status === 'assessed' || entry.awaitingApprovalFrom.length > 0) entry.awaitingApprovalFrom = pendingApprovers(entry);
  entry.lastUpdated = at;
  entry.revision = e.revision;
};
