import { z } from 'zod';
import {
  ChangeSet,
  ComplianceValidation,
  DocumentationUpdate,
  IdentifiedRisk,
  ImpactAssessment,
  RegressionPlan,
  RollbackPlan,
  TestRunResults,
  VerificationCriteria,
} from '../events/assessments.js';
import { AiTrigger, ChangeDescription, EmergencyDeclaration } from '../events/catalogue.js';
import {
  Actor,
  ChangeCategory,
  ChangeRequestId,
  Instant,
  NonEmptyText,
  RejectionReason,
  RollbackTrigger,
  RollbackType,
  ShortText,
  TextList,
} from '../events/values.js';
import type { CommandDataMap, CommandType } from '../domain/commands.js';

/**
 * Runtime schemas of every command's data, as callers send it. Fields with
 * defaults may be left out. CR numbers are never sent: the pipeline
 * allocates them.
 */
const Empty = z.object({}).strict();
const Text = z.string().max(20_000).default('');

export const commandDataSchemas = {
  DraftChangeRequest: z.object({
    crType: z.enum(['manual', 'ai_generated']).default('manual'),
    title: ShortText,
    description: ChangeDescription,
    category: ChangeCategory,
    affectedModules: z.array(ShortText).min(1, 'name at least one affected module').max(500),
    estimatedEffort: z.string().max(200).default(''),
    stakeholders: TextList.default([]),
    trigger: AiTrigger.optional(),
  }),
  SubmitChangeRequest: Empty,
  NotifyStakeholders: z.object({ stakeholders: z.array(ShortText).min(1), message: Text }),
  RecordImpactAssessment: z.object({ assessment: ImpactAssessment }),
  RecordRiskAssessment: z.object({ risks: z.array(IdentifiedRisk).min(1, 'identify at least one risk').max(500) }),
  RecordRegressionPlan: z.object({ plan: RegressionPlan }),
  IssueAiRecommendation: z.object({ recommendation: NonEmptyText }),
  RecordStakeholderReview: z.object({ position: z.enum(['concur', 'object']), comment: Text }),
  EscalateChangeRequest: z.object({ reason: NonEmptyText }),
  ApproveChangeRequest: z.object({ rationale: NonEmptyText }),
  RejectChangeRequest: z.object({ reason: RejectionReason, rationale: NonEmptyText }),
  ScheduleChangeRequest: z.object({
    window: z.object({ start: Instant, end: Instant }),
    builders: TextList.default([]),
    testEnvironment: ShortText,
    notes: Text,
  }),
  SetTestBaseline: z.object({ baseline: ShortText }),
  DeployToTestEnvironment: z.object({ build: ShortText }),
  StartTesting: z.object({ suites: TextList.default([]) }),
  RecordTestResults: z.object({ results: TestRunResults }),
  ReviseChange: z.object({ summary: NonEmptyText, changes: TextList.default([]) }),
  ValidateTestEnvironment: z.object({
    workingAsExpected: z.boolean(),
    anomalies: TextList.default([]),
    performanceAcceptable: z.boolean(),
    notes: Text,
  }),
  ResetTestEnvironment: Empty,
  UpdateDocumentation: z.object({ update: DocumentationUpdate }),
  DocumentRollbackPlan: z.object({ plan: RollbackPlan }),
  ValidateCompliance: z.object({ validation: ComplianceValidation }),
  EvaluateGates: Empty,
  DeployToProduction: z.object({ release: ShortText, changeSet: ChangeSet, deploymentLog: TextList.default([]) }),
  RecordDeploymentFailure: z.object({ reason: NonEmptyText, errors: TextList.default([]) }),
  InitiateRollback: z.object({
    trigger: RollbackTrigger,
    rollbackType: RollbackType,
    reason: NonEmptyText,
    stakeholdersNotified: TextList.default([]),
  }),
  ExecuteRollback: z.object({ revertedTo: ShortText, steps: TextList.default([]), migrationScript: z.string().max(2_000).optional() }),
  ValidateRollback: z.object({ notes: Text }),
  RecordPostMortem: z.object({ rootCause: NonEmptyText, crUpdates: Text, replan: Text }),
  VerifyChange: z.object({ criteria: VerificationCriteria, report: Text }),
  CloseChangeRequest: z.object({
    learnings: z.array(z.object({ topic: ShortText, insight: NonEmptyText })).max(200).default([]),
    reason: Text,
  }),
  WithdrawChangeRequest: z.object({ reason: NonEmptyText }),
  DeclareEmergency: EmergencyDeclaration,
  ApplyEmergencyFix: z.object({
    description: NonEmptyText,
    changeSet: ChangeSet,
    testEnvironmentBypassed: z.boolean(),
    bypassJustification: Text,
  }),
  RecordRetrospectiveAssessment: z.object({ impact: ImpactAssessment, risks: z.array(IdentifiedRisk).min(1).max(500) }),
  RecordRetrospectiveTesting: z.object({ results: TestRunResults }),
  RecordPostIncidentReview: z.object({ rootCause: NonEmptyText, prevention: z.array(ShortText).min(1) }),
} as const satisfies { readonly [K in CommandType]: z.ZodType };

export const commandTypes = Object.keys(commandDataSchemas) as CommandType[];

/** Commands that start a new CR stream (their changeRequestId may be left out). */
export const creatingCommands: readonly CommandType[] = ['DraftChangeRequest', 'DeclareEmergency'];

/** The envelope every command shares. */
export const CommandEnvelope = z.object({
  type: z.string(),
  changeRequestId: z.string().optional(),
  actor: Actor,
  data: z.unknown().optional(),
  /** Makes the command idempotent: a retry with the same id returns the first result and appends nothing. */
  commandId: z.string().trim().min(1).max(200).optional(),
  correlationId: z.string().trim().min(1).max(200).optional(),
  causationId: z.string().trim().min(1).max(200).optional(),
});

export const ChangeRequestIdInput = ChangeRequestId;

/** Lets callers pass `as const` literals and other readonly data. */
export type DeepReadonly<T> = T extends (infer U)[]
  ? readonly DeepReadonly<U>[]
  : T extends object
    ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
    : T;

/** What callers send: the data a command type takes, plus the shared envelope. */
export type CommandInput = {
  [K in CommandType]: {
    readonly type: K;
    readonly changeRequestId?: string;
    readonly actor: Actor;
    readonly data?: DeepReadonly<z.input<(typeof commandDataSchemas)[K]>>;
    readonly commandId?: string;
    readonly correlationId?: string;
    readonly causationId?: string;
  };
}[CommandType];

// Compile-time proof that each schema produces the data the domain decides on.
type WithoutNumber<T> = Omit<T, 'number'>;
type SchemaMatches = {
  [K in CommandType]: z.output<(typeof commandDataSchemas)[K]> extends WithoutNumber<CommandDataMap[K]> ? true : K;
}[CommandType];
const schemasMatchDomain: SchemaMatches = true;
void schemasMatchDomain;
