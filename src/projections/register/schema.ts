import { z } from 'zod';
import {
  ChangeSet,
  DocumentationUpdate,
  GateId,
  IdentifiedRisk,
  ImpactAssessment,
  ImpactDimensionLevels,
  RegressionPlan,
  RollbackPlan,
  TestSuiteKind,
  VerificationCriteria,
} from '../../events/assessments.js';
import { AiTrigger } from '../../events/catalogue.js';
import {
  Actor,
  ChangeCategory,
  ChangeRequestType,
  ClosureOutcome,
  EmergencyCriterion,
  ImpactLevel,
  Instant,
  Level,
  RejectionReason,
  Role,
  RollbackTrigger,
  RollbackType,
} from '../../events/values.js';
import { statuses } from '../../domain/state.js';

/**
 * One entry of the change register (spec 12.1): the whole CR document as the
 * events built it. Field names are camelCase in code and snake_case on disk
 * (the spec's examples), e.g. `crId` is written `cr_id`.
 */

export const Status = z.enum(statuses);

/** One test run in the shape of spec 6.4. */
export const RegisterTestRun = z.object({
  recordedAt: Instant,
  /** Recorded after an emergency fix (spec 14.2 step 5). */
  retrospective: z.boolean(),
  suites: z.array(TestSuiteKind),
  existingTests: z.object({ total: z.number(), passed: z.number(), failed: z.number(), skipped: z.number() }),
  newTests: z.object({ required: z.number(), created: z.number(), passed: z.number(), failed: z.number() }),
  coverage: z.object({ before: z.number(), after: z.number(), delta: z.number() }),
  performance: z.object({
    baselineResponseTimeMs: z.number(),
    afterChangeResponseTimeMs: z.number(),
    deltaMs: z.number(),
    degradation: z.boolean(),
  }),
  security: z.object({ newVulnerabilities: z.number() }),
  compliance: z.object({ controlCoverageMaintained: z.boolean() }),
  regressionDetected: z.boolean(),
  readyForDeployment: z.boolean(),
  findings: z.array(z.string()),
});
export type RegisterTestRun = z.infer<typeof RegisterTestRun>;

export const RegisterRisk = IdentifiedRisk.extend({ riskLevel: Level });
export type RegisterRisk = z.infer<typeof RegisterRisk>;

export const DeploymentRecord = z.object({
  kind: z.enum(['production', 'emergency_fix']),
  release: z.string(),
  deployedAt: Instant,
  deployedBy: Actor,
  changeSet: ChangeSet,
  log: z.array(z.string()),
  /** deployed until a verdict: verified, failed (deployment failure) or rolled_back. */
  result: z.enum(['deployed', 'verified', 'failed', 'rolled_back']),
  failure: z.object({ reason: z.string(), errors: z.array(z.string()), at: Instant }).nullable(),
});
export type DeploymentRecord = z.infer<typeof DeploymentRecord>;

export const RollbackEvent = z.object({
  step: z.enum(['initiated', 'executed', 'validated', 'post_mortem']),
  at: Instant,
  by: Actor,
  trigger: RollbackTrigger.optional(),
  rollbackType: RollbackType.optional(),
  reason: z.string().optional(),
  stakeholdersNotified: z.array(z.string()).optional(),
  revertedTo: z.string().optional(),
  steps: z.array(z.string()).optional(),
  notes: z.string().optional(),
  rootCause: z.string().optional(),
  replan: z.string().optional(),
});
export type RollbackEvent = z.infer<typeof RollbackEvent>;

export const ChangeRegisterEntry = z.object({
  /** The CR number (CR-2025-001), assigned at submission; null while a draft. */
  crId: z.string().nullable(),
  /** The stream identity, fixed at drafting. */
  changeRequestId: z.string(),
  crType: ChangeRequestType,
  title: z.string(),
  category: ChangeCategory,
  status: Status,
  createdBy: Actor,
  createdDate: Instant,
  submittedDate: Instant.nullable(),
  changeDescription: z.object({ summary: z.string(), details: z.string(), affectedModules: z.array(z.string()), estimatedEffort: z.string() }),
  trigger: AiTrigger.nullable(),
  stakeholders: z.array(z.string()),
  stakeholdersNotified: z.array(z.string()),
  /** Drafted modules plus those the impact assessment found. */
  affectedModules: z.array(z.string()),
  affectedTenants: z.union([z.enum(['all', 'none']), z.array(z.string())]).nullable(),
  impactLevel: ImpactLevel.nullable(),
  riskLevel: Level.nullable(),
  approvalLevel: Level.nullable(),
  impactAssessment: ImpactAssessment.extend({ dimensionLevels: ImpactDimensionLevels, overallImpact: ImpactLevel }).nullable(),
  riskAssessment: z.object({ risks: z.array(RegisterRisk), overallRiskLevel: Level }).nullable(),
  regressionAnalysis: RegressionPlan.nullable(),
  approvalRequiredFrom: z.array(Role),
  stakeholderConcurrenceRequired: z.boolean().nullable(),
  escalationRequired: z.boolean().nullable(),
  autoApprovalEligible: z.boolean().nullable(),
  guardrailFindings: z.array(z.string()),
  /** Roles whose approval (or, for stakeholders, concurrence) the CR still waits for; empty unless assessed. */
  awaitingApprovalFrom: z.array(Role),
  recommendation: z.string().nullable(),
  stakeholderReviews: z.array(z.object({ reviewer: Actor, position: z.enum(['concur', 'object']), comment: z.string(), recordedAt: Instant })),
  escalated: z.boolean(),
  /** Approvals granted since the latest assessment. */
  approvals: z.array(z.object({ approver: Actor, rationale: z.string(), autoApproval: z.boolean(), grantedAt: Instant })),
  approvers: z.array(Actor),
  autoApproved: z.boolean().nullable(),
  approvedDate: Instant.nullable(),
  rejection: z.object({ rejectedBy: Actor, reason: RejectionReason, rationale: z.string(), rejectedAt: Instant }).nullable(),
  schedule: z.object({ windowStart: Instant, windowEnd: Instant, builders: z.array(z.string()), testEnvironment: z.string(), notes: z.string() }).nullable(),
  testResults: z.array(RegisterTestRun),
  testingFailures: z.number(),
  revisions: z.number(),
  documentationUpdates: z.array(DocumentationUpdate),
  rollbackPlan: RollbackPlan.nullable(),
  gateEvaluations: z.array(z.object({ evaluatedAt: Instant, allPassed: z.boolean(), failedGates: z.array(GateId) })),
  deploymentDate: Instant.nullable(),
  deploymentLogs: z.array(DeploymentRecord),
  verificationResults: z.object({ criteria: VerificationCriteria, monitoringHours: z.number(), report: z.string(), verifiedAt: Instant }).nullable(),
  rollbackEvents: z.array(RollbackEvent),
  emergency: z
    .object({
      criterion: EmergencyCriterion,
      justification: z.string(),
      declaredBy: Actor,
      declaredAt: Instant,
      fixAppliedAt: Instant.nullable(),
      testEnvironmentBypassed: z.boolean().nullable(),
      bypassJustification: z.string(),
      retrospectiveDueAt: Instant.nullable(),
      retrospectiveAssessedAt: Instant.nullable(),
      retrospectiveLate: z.boolean().nullable(),
      retrospectiveTestedAt: Instant.nullable(),
      postIncidentReview: z.object({ rootCause: z.string(), prevention: z.array(z.string()), recordedAt: Instant }).nullable(),
    })
    .nullable(),
  learnings: z.array(z.object({ topic: z.string(), insight: z.string() })),
  outcome: ClosureOutcome.nullable(),
  closureReason: z.string().nullable(),
  closedDate: Instant.nullable(),
  lastUpdated: Instant,
  /** Stream revision of the last event folded in. */
  revision: z.number(),
});
export type ChangeRegisterEntry = z.infer<typeof ChangeRegisterEntry>;

export const ChangeRegisterDocument = z.object({
  schemaVersion: z.literal(1),
  generatedAt: Instant,
  /** Global position of the last event the register reflects (-1: none). */
  lastPosition: z.number(),
  changeRequests: z.array(ChangeRegisterEntry),
});
export type ChangeRegisterDocument = z.infer<typeof ChangeRegisterDocument>;
