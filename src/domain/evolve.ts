import { produce, type Draft } from 'immer';
import type { DomainEvent } from '../events/catalogue.js';
import type { ChangeRequestState } from './state.js';

/**
 * evolve: state x event -> state. Pure and total: every event of the
 * catalogue moves the state; the status it leads to is spelt out here and
 * mirrored, as data, in lifecycle.ts.
 */
export const evolve = (state: ChangeRequestState, event: DomainEvent): ChangeRequestState =>
  produce(state, (draft) => {
    apply(draft, event);
    draft.revision += 1;
  });

/** Folds a whole stream of events into a state. */
export const evolveAll = (state: ChangeRequestState, events: Iterable<DomainEvent>): ChangeRequestState => {
  let current = state;
  for (const event of events) current = evolve(current, event);
  return current;
};

const apply = (s: Draft<ChangeRequestState>, event: DomainEvent): void => {
  switch (event.type) {
    case 'ChangeRequestDrafted': {
      const d = event.data;
      s.status = 'draft';
      s.crType = d.crType;
      s.title = d.title;
      s.description = d.description;
      s.category = d.category;
      s.affectedModules = [...d.affectedModules];
      s.estimatedEffort = d.estimatedEffort;
      s.stakeholders = [...d.stakeholders];
      s.trigger = d.trigger;
      s.draftedBy = d.draftedBy;
      return;
    }
    case 'ChangeRequestSubmitted':
      s.status = 'submitted';
      s.number = event.data.number;
      s.submittedAt = event.data.submittedAt;
      return;
    case 'StakeholdersNotified':
      for (const who of event.data.stakeholders) if (!s.stakeholdersNotified.includes(who)) s.stakeholdersNotified.push(who);
      return;
    case 'ImpactAssessed':
      s.impact = event.data;
      return;
    case 'RiskAssessed':
      s.risk = event.data;
      return;
    case 'RegressionAnalysisPlanned':
      s.regressionPlan = event.data.plan;
      return;
    case 'AssessmentCompleted':
      // A (re)assessment sets new approval requirements: earlier partial approvals no longer count.
      s.status = 'assessed';
      s.assessment = event.data;
      s.approvals = [];
      return;
    case 'AiRecommendationIssued':
      s.aiRecommendation = event.data;
      return;
    case 'StakeholderReviewRecorded':
      s.reviews[event.data.reviewer.id] = { position: event.data.position, comment: event.data.comment };
      return;
    case 'ChangeRequestEscalated':
      s.escalated = true;
      return;
    case 'ApprovalGranted':
      s.approvals.push(event.data);
      return;
    case 'ChangeRequestApproved':
      s.status = 'approved';
      s.approved = event.data;
      return;
    case 'ChangeRequestRejected':
      s.status = 'rejected';
      s.rejection = { by: event.data.rejectedBy, reason: event.data.reason, rationale: event.data.rationale };
      return;
    case 'ChangeRequestScheduled':
      s.status = 'scheduled';
      s.schedule = event.data;
      s.testEnvironment = { phase: 'none', validated: false, runsBeforeDeploy: s.testRuns.length, name: event.data.testEnvironment };
      return;
    case 'TestEnvironmentBaselineSet':
      s.testEnvironment = {
        phase: 'baseline_set',
        validated: false,
        runsBeforeDeploy: s.testRuns.length,
        name: event.data.environment,
        baseline: event.data.baseline,
      };
      return;
    case 'ChangeDeployedToTestEnvironment':
      s.status = 'testing';
      s.testEnvironment.phase = 'change_deployed';
      s.testEnvironment.validated = false;
      s.testEnvironment.runsBeforeDeploy = s.testRuns.length;
      s.testEnvironment.build = event.data.build;
      return;
    case 'TestingStarted':
      s.testEnvironment.phase = 'testing';
      return;
    case 'TestResultsRecorded':
      s.testRuns.push(event.data);
      return;
    case 'TestingFailed':
      s.status = 'testing_failed';
      return;
    case 'ChangeRevised':
      // The revised change must be redeployed on a fresh baseline before it is tested again.
      s.status = 'testing';
      s.revisions += 1;
      s.testEnvironment.phase = 'needs_redeploy';
      s.testEnvironment.validated = false;
      return;
    case 'TestEnvironmentValidated':
      s.testEnvironment.phase = 'validated';
      s.testEnvironment.validated = true;
      return;
    case 'TestEnvironmentReset':
      s.testEnvironment.phase = 'reset';
      return;
    case 'DocumentationUpdated':
      s.documentation.push(event.data.update);
      return;
    case 'RollbackPlanDocumented':
      s.rollbackPlan = event.data.plan;
      return;
    case 'ComplianceValidated':
      s.compliance = event.data.validation;
      return;
    case 'GatesEvaluated':
      s.lastGateEvaluation = event.data;
      return;
    case 'DeployedToProduction':
      s.status = 'deployed';
      s.deployment = { release: event.data.release, changeSet: event.data.changeSet, deployedAt: event.data.deployedAt };
      s.lastGateEvaluation = { results: event.data.gates, allPassed: true };
      return;
    case 'ProductionDeploymentFailed':
      s.status = 'deployment_failed';
      s.deploymentFailure = { reason: event.data.reason, errors: event.data.errors };
      return;
    case 'RollbackInitiated':
      s.status = 'rolling_back';
      s.rollback = {
        trigger: event.data.trigger,
        rollbackType: event.data.rollbackType,
        decidedBy: event.data.decidedBy,
        reason: event.data.reason,
      };
      return;
    case 'RollbackExecuted':
      if (s.rollback) s.rollback.executed = { revertedTo: event.data.revertedTo, steps: event.data.steps };
      return;
    case 'RollbackValidated':
      if (s.rollback) s.rollback.validatedAt = event.data.validatedAt;
      return;
    case 'RollbackPostMortemRecorded':
      s.status = 'rolled_back';
      if (s.rollback) s.rollback.postMortem = event.data;
      return;
    case 'ChangeVerified':
      s.status = 'verified';
      s.verification = event.data;
      return;
    case 'LearningsRecorded':
      s.learnings.push(...event.data.learnings);
      return;
    case 'ChangeRequestClosed':
      s.status = 'closed';
      s.outcome = event.data.outcome;
      return;
    case 'EmergencyDeclared': {
      const d = event.data;
      s.status = 'emergency';
      s.crType = 'emergency';
      s.number = d.number;
      s.title = d.title;
      s.description = d.description;
      s.category = d.category;
      s.affectedModules = [...d.affectedModules];
      s.draftedBy = d.declaredBy;
      s.submittedAt = d.declaredAt;
      s.emergency = { criterion: d.criterion, justification: d.justification, declaredBy: d.declaredBy, declaredAt: d.declaredAt };
      return;
    }
    case 'EmergencyFixApplied':
      s.status = 'deployed';
      s.deployment = { release: 'emergency-fix', changeSet: event.data.changeSet, deployedAt: event.data.appliedAt };
      if (s.emergency) s.emergency.fix = event.data;
      return;
    case 'RetrospectiveAssessmentRecorded':
      if (s.emergency) s.emergency.retrospectiveAssessment = event.data;
      s.impact = { assessment: event.data.impact, dimensionLevels: event.data.dimensionLevels, overallImpact: event.data.overallImpact };
      s.risk = { risks: event.data.risks, overallRisk: event.data.overallRisk };
      return;
    case 'RetrospectiveTestingRecorded':
      if (s.emergency) s.emergency.retrospectiveTesting = event.data;
      s.testRuns.push(event.data);
      return;
    case 'PostIncidentReviewRecorded':
      if (s.emergency) s.emergency.postIncidentReview = event.data;
      return;
  }
};
