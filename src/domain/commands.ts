import type {
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
import type {
  Actor,
  AiTriggerType,
  ChangeCategory,
  EmergencyCriterion,
  RejectionReason,
  RollbackTrigger,
  RollbackType,
} from '../events/values.js';

/**
 * The commands the domain decides on, after validation at the boundary
 * (src/commands holds their runtime schemas). Every command names the CR
 * it targets and the actor issuing it.
 */
interface Description {
  readonly summary: string;
  readonly details: string;
}

export interface CommandDataMap {
  DraftChangeRequest: {
    readonly crType: 'manual' | 'ai_generated';
    readonly title: string;
    readonly description: Description;
    readonly category: ChangeCategory;
    readonly affectedModules: readonly string[];
    readonly estimatedEffort: string;
    readonly stakeholders: readonly string[];
    readonly trigger?: { readonly type: AiTriggerType; readonly source: string; readonly description: string } | undefined;
  };
  /** `number` is allocated by the command pipeline, never supplied by callers. */
  SubmitChangeRequest: { readonly number: string };
  NotifyStakeholders: { readonly stakeholders: readonly string[]; readonly message: string };
  RecordImpactAssessment: { readonly assessment: ImpactAssessment };
  RecordRiskAssessment: { readonly risks: readonly IdentifiedRisk[] };
  RecordRegressionPlan: { readonly plan: RegressionPlan };
  IssueAiRecommendation: { readonly recommendation: string };
  RecordStakeholderReview: { readonly position: 'concur' | 'object'; readonly comment: string };
  EscalateChangeRequest: { readonly reason: string };
  ApproveChangeRequest: { readonly rationale: string };
  RejectChangeRequest: { readonly reason: RejectionReason; readonly rationale: string };
  ScheduleChangeRequest: {
    readonly window: { readonly start: string; readonly end: string };
    readonly builders: readonly string[];
    readonly testEnvironment: string;
    readonly notes: string;
  };
  SetTestBaseline: { readonly baseline: string };
  DeployToTestEnvironment: { readonly build: string };
  StartTesting: { readonly suites: readonly string[] };
  RecordTestResults: { readonly results: TestRunResults };
  ReviseChange: { readonly summary: string; readonly changes: readonly string[] };
  ValidateTestEnvironment: {
    readonly workingAsExpected: boolean;
    readonly anomalies: readonly string[];
    readonly performanceAcceptable: boolean;
    readonly notes: string;
  };
  ResetTestEnvironment: Record<string, never>;
  UpdateDocumentation: { readonly update: DocumentationUpdate };
  DocumentRollbackPlan: { readonly plan: RollbackPlan };
  ValidateCompliance: { readonly validation: ComplianceValidation };
  EvaluateGates: Record<string, never>;
  DeployToProduction: { readonly release: string; readonly changeSet: ChangeSet; readonly deploymentLog: readonly string[] };
  RecordDeploymentFailure: { readonly reason: string; readonly errors: readonly string[] };
  InitiateRollback: {
    readonly trigger: RollbackTrigger;
    readonly rollbackType: RollbackType;
    readonly reason: string;
    readonly stakeholdersNotified: readonly string[];
  };
  ExecuteRollback: { readonly revertedTo: string; readonly steps: readonly string[]; readonly migrationScript?: string | undefined };
  ValidateRollback: { readonly notes: string };
  RecordPostMortem: { readonly rootCause: string; readonly crUpdates: string; readonly replan: string };
  VerifyChange: { readonly criteria: VerificationCriteria; readonly report: string };
  CloseChangeRequest: {
    readonly learnings: readonly { readonly topic: string; readonly insight: string }[];
    readonly reason: string;
  };
  WithdrawChangeRequest: { readonly reason: string };
  /** `number` is allocated by the command pipeline, never supplied by callers. */
  DeclareEmergency: {
    readonly number: string;
    readonly criterion: EmergencyCriterion;
    readonly justification: string;
    readonly title: string;
    readonly description: Description;
    readonly category: ChangeCategory;
    readonly affectedModules: readonly string[];
  };
  ApplyEmergencyFix: {
    readonly description: string;
    readonly changeSet: ChangeSet;
    readonly testEnvironmentBypassed: boolean;
    readonly bypassJustification: string;
  };
  RecordRetrospectiveAssessment: { readonly impact: ImpactAssessment; readonly risks: readonly IdentifiedRisk[] };
  RecordRetrospectiveTesting: { readonly results: TestRunResults };
  RecordPostIncidentReview: { readonly rootCause: string; readonly prevention: readonly string[] };
}

export type CommandType = keyof CommandDataMap;

export type Command = {
  [K in CommandType]: {
    readonly type: K;
    readonly changeRequestId: string;
    readonly actor: Actor;
    readonly data: CommandDataMap[K];
  };
}[CommandType];

export type CommandOf<K extends CommandType> = Extract<Command, { type: K }>;
