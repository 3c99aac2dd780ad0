import { z } from 'zod';
import {
  AssessedRisk,
  ChangeSet,
  ComplianceValidation,
  DocumentationUpdate,
  GateResult,
  ImpactAssessment,
  ImpactDimensionLevels,
  RegressionPlan,
  RegressionVerdict,
  RollbackPlan,
  TestRunResults,
  VerificationCriteria,
} from './assessments.js';
import {
  Actor,
  AiTriggerType,
  ChangeCategory,
  ChangeRequestId,
  ChangeRequestNumber,
  ClosureOutcome,
  EmergencyCriterion,
  ImpactLevel,
  Instant,
  Level,
  NonEmptyText,
  RejectionReason,
  Role,
  RollbackTrigger,
  RollbackType,
  ShortText,
  TextList,
} from './values.js';

/**
 * The event catalogue: the data schema of every event of the change-request
 * lifecycle, keyed by event type. Metadata (who, when, correlation,
 * causation, schema version, hash chain) lives in the envelope, not here.
 */

export const ChangeDescription = z.object({ summary: ShortText, details: z.string().max(20_000).default('') });

export const AiTrigger = z.object({ type: AiTriggerType, source: ShortText, description: NonEmptyText });

/** What whoever declares an emergency states (spec 14); the event adds the CR's id, number, declarer and time. */
export const EmergencyDeclaration = z.object({
  criterion: EmergencyCriterion,
  justification: NonEmptyText,
  title: ShortText,
  description: ChangeDescription,
  category: ChangeCategory,
  affectedModules: z.array(ShortText).min(1).max(500),
});

export const eventDataSchemas = {
  // Stage 1-2: draft and submission
  ChangeRequestDrafted: z.object({
    changeRequestId: ChangeRequestId,
    crType: z.enum(['manual', 'ai_generated']),
    title: ShortText,
    description: ChangeDescription,
    category: ChangeCategory,
    affectedModules: z.array(ShortText).min(1).max(500),
    estimatedEffort: z.string().max(200).default(''),
    stakeholders: TextList.default([]),
    trigger: AiTrigger.optional(),
    draftedBy: Actor,
  }),
  ChangeRequestSubmitted: z.object({ number: ChangeRequestNumber, submittedAt: Instant }),
  StakeholdersNotified: z.object({ stakeholders: z.array(ShortText).min(1), message: z.string().max(5_000).default('') }),

  // Stage 3: assessment
  ImpactAssessed: z.object({
    assessment: ImpactAssessment,
    dimensionLevels: ImpactDimensionLevels,
    overallImpact: ImpactLevel,
  }),
  RiskAssessed: z.object({ risks: z.array(AssessedRisk).min(1), overallRisk: Level }),
  RegressionAnalysisPlanned: z.object({ plan: RegressionPlan }),
  AssessmentCompleted: z.object({
    overallImpact: ImpactLevel,
    overallRisk: Level,
    /** The higher of impact and risk: the authority the approval needs. */
    approvalLevel: Level,
    requiredApprovers: z.array(Role).min(1),
    stakeholderConcurrenceRequired: z.boolean(),
    escalationRequired: z.boolean(),
    autoApprovalEligible: z.boolean(),
    guardrailFindings: z.array(z.string()),
  }),
  AiRecommendationIssued: z.object({
    recommendation: NonEmptyText,
    autoApprovalEligible: z.boolean(),
    approvalRequiredFrom: z.array(Role).min(1),
  }),

  // Stage 4: approval
  StakeholderReviewRecorded: z.object({
    reviewer: Actor,
    position: z.enum(['concur', 'object']),
    comment: z.string().max(5_000).default(''),
  }),
  ChangeRequestEscalated: z.object({ escalatedTo: z.literal('executive'), reason: NonEmptyText }),
  ApprovalGranted: z.object({ approver: Actor, rationale: NonEmptyText, autoApproval: z.boolean() }),
  ChangeRequestApproved: z.object({
    approvers: z.array(Actor).min(1),
    approvalLevel: Level,
    autoApproval: z.boolean(),
    approvedAt: Instant,
  }),
  ChangeRequestRejected: z.object({ rejectedBy: Actor, reason: RejectionReason, rationale: NonEmptyText }),

  // Stage 5: scheduling
  ChangeRequestScheduled: z.object({
    window: z.object({ start: Instant, end: Instant }),
    builders: TextList.default([]),
    testEnvironment: ShortText,
    notes: z.string().max(5_000).default(''),
  }),

  // Stage 6: test environment and testing (spec 7.3)
  TestEnvironmentBaselineSet: z.object({ environment: ShortText, baseline: ShortText }),
  ChangeDeployedToTestEnvironment: z.object({ environment: ShortText, build: ShortText }),
  TestingStarted: z.object({ environment: ShortText, suites: TextList.default([]) }),
  TestResultsRecorded: z.object({ results: TestRunResults, verdict: RegressionVerdict }),
  TestingFailed: z.object({ findings: z.array(z.string()).min(1) }),
  ChangeRevised: z.object({ summary: NonEmptyText, changes: TextList.default([]) }),
  TestEnvironmentValidated: z.object({
    environment: ShortText,
    workingAsExpected: z.literal(true),
    anomalies: z.array(z.string()).max(0),
    performanceAcceptable: z.literal(true),
    notes: z.string().max(5_000).default(''),
  }),
  TestEnvironmentReset: z.object({ environment: ShortText, baseline: ShortText }),

  // Readiness for production (gates 6-8)
  DocumentationUpdated: z.object({ update: DocumentationUpdate }),
  RollbackPlanDocumented: z.object({ plan: RollbackPlan }),
  ComplianceValidated: z.object({ validation: ComplianceValidation }),
  GatesEvaluated: z.object({ results: z.array(GateResult).length(8), allPassed: z.boolean() }),

  // Stage 7: production
  DeployedToProduction: z.object({
    release: ShortText,
    changeSet: ChangeSet,
    deploymentLog: TextList.default([]),
    gates: z.array(GateResult).length(8),
    deployedAt: Instant,
  }),
  ProductionDeploymentFailed: z.object({ reason: NonEmptyText, errors: TextList.default([]) }),

  // Rollback (spec 15)
  RollbackInitiated: z.object({
    trigger: RollbackTrigger,
    rollbackType: RollbackType,
    decidedBy: Actor,
    reason: NonEmptyText,
    stakeholdersNotified: TextList.default([]),
  }),
  RollbackExecuted: z.object({ revertedTo: ShortText, steps: TextList.default([]), migrationScript: z.string().max(2_000).optional() }),
  RollbackValidated: z.object({ stable: z.literal(true), notes: z.string().max(5_000).default(''), validatedAt: Instant }),
  RollbackPostMortemRecorded: z.object({
    rootCause: NonEmptyText,
    crUpdates: z.string().max(5_000).default(''),
    replan: z.string().max(5_000).default(''),
  }),

  // Stage 8-9: verification and closure
  ChangeVerified: z.object({
    criteria: VerificationCriteria,
    monitoringHours: z.number().min(0),
    report: z.string().max(20_000).default(''),
  }),
  LearningsRecorded: z.object({
    learnings: z.array(z.object({ topic: ShortText, insight: NonEmptyText })).min(1),
  }),
  ChangeRequestClosed: z.object({ outcome: ClosureOutcome, reason: z.string().max(5_000).default('') }),

  // Emergency changes (spec 14)
  EmergencyDeclared: z.object({
    changeRequestId: ChangeRequestId,
    number: ChangeRequestNumber,
    ...EmergencyDeclaration.shape,
    declaredBy: Actor,
    declaredAt: Instant,
  }),
  EmergencyFixApplied: z.object({
    description: NonEmptyText,
    changeSet: ChangeSet,
    testEnvironmentBypassed: z.boolean(),
    bypassJustification: z.string().max(5_000).default(''),
    appliedAt: Instant,
    retrospectiveDueAt: Instant,
  }),
  RetrospectiveAssessmentRecorded: z.object({
    impact: ImpactAssessment,
    dimensionLevels: ImpactDimensionLevels,
    overallImpact: ImpactLevel,
    risks: z.array(AssessedRisk).min(1),
    overallRisk: Level,
    late: z.boolean(),
  }),
  RetrospectiveTestingRecorded: z.object({ results: TestRunResults, verdict: RegressionVerdict }),
  PostIncidentReviewRecorded: z.object({ rootCause: NonEmptyText, prevention: z.array(ShortText).min(1) }),
} as const;

export type EventDataSchemas = typeof eventDataSchemas;
export type EventType = keyof EventDataSchemas;
export const eventTypes = Object.keys(eventDataSchemas) as EventType[];

/** A domain event: its type and its data, before the store envelope is added. */
export type DomainEvent = {
  [K in EventType]: { readonly type: K; readonly data: z.infer<EventDataSchemas[K]> };
}[EventType];

export type EventOf<K extends EventType> = Extract<DomainEvent, { type: K }>;
export type EventData<K extends EventType> = EventOf<K>['data'];

export const isEventType = (type: string): type is EventType => Object.hasOwn(eventDataSchemas, type);

