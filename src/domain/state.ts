import type {
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
} from '../events/assessments.js';
import type { EventData } from '../events/catalogue.js';
import type {
  Actor,
  ChangeCategory,
  ChangeRequestType,
  ClosureOutcome,
  EmergencyCriterion,
  ImpactLevel,
  Level,
  RejectionReason,
  RollbackTrigger,
  RollbackType,
} from '../events/values.js';

export const statuses = [
  'draft',
  'submitted',
  'assessed',
  'approved',
  'rejected',
  'scheduled',
  'testing',
  'testing_failed',
  'deployed',
  'deployment_failed',
  'rolling_back',
  'rolled_back',
  'verified',
  'closed',
  'emergency',
] as const;
export type Status = (typeof statuses)[number];

/** Phase of the CR's test environment (spec 7.3). */
export type TestEnvironmentPhase = 'none' | 'baseline_set' | 'change_deployed' | 'testing' | 'validated' | 'reset' | 'needs_redeploy';

export interface TestRun {
  readonly results: TestRunResults;
  readonly verdict: RegressionVerdict;
}

export interface ChangeRequestState {
  readonly id: string;
  /** Event count minus one: the stream revision this state reflects (-1 before any event). */
  readonly revision: number;
  readonly status: Status | 'none';
  readonly number?: string;
  readonly crType?: ChangeRequestType;
  readonly title?: string;
  readonly description?: { readonly summary: string; readonly details: string };
  readonly category?: ChangeCategory;
  readonly affectedModules: readonly string[];
  readonly estimatedEffort?: string;
  readonly stakeholders: readonly string[];
  readonly trigger?: EventData<'ChangeRequestDrafted'>['trigger'];
  readonly draftedBy?: Actor;
  readonly submittedAt?: string;
  readonly stakeholdersNotified: readonly string[];
  readonly impact?: {
    readonly assessment: ImpactAssessment;
    readonly dimensionLevels: ImpactDimensionLevels;
    readonly overallImpact: ImpactLevel;
  };
  readonly risk?: { readonly risks: readonly AssessedRisk[]; readonly overallRisk: Level };
  readonly regressionPlan?: RegressionPlan;
  readonly assessment?: EventData<'AssessmentCompleted'>;
  readonly aiRecommendation?: EventData<'AiRecommendationIssued'>;
  /** Latest position of each stakeholder reviewer, by actor id. */
  readonly reviews: { readonly [reviewerId: string]: { readonly position: 'concur' | 'object'; readonly comment: string } };
  readonly escalated: boolean;
  readonly approvals: readonly { readonly approver: Actor; readonly rationale: string; readonly autoApproval: boolean }[];
  readonly approved?: EventData<'ChangeRequestApproved'>;
  readonly rejection?: { readonly by: Actor; readonly reason: RejectionReason; readonly rationale: string };
  readonly schedule?: EventData<'ChangeRequestScheduled'>;
  readonly testEnvironment: {
    readonly phase: TestEnvironmentPhase;
    /** True once the current build was validated in the test environment (survives a later reset). */
    readonly validated: boolean;
    /** How many test runs were recorded before the current build was deployed. */
    readonly runsBeforeDeploy: number;
    readonly name?: string;
    readonly baseline?: string;
    readonly build?: string;
  };
  readonly testRuns: readonly TestRun[];
  readonly revisions: number;
  readonly documentation: readonly DocumentationUpdate[];
  readonly rollbackPlan?: RollbackPlan;
  readonly compliance?: ComplianceValidation;
  readonly lastGateEvaluation?: { readonly results: readonly GateResult[]; readonly allPassed: boolean };
  readonly deployment?: { readonly release: string; readonly changeSet: ChangeSet; readonly deployedAt: string };
  readonly deploymentFailure?: { readonly reason: string; readonly errors: readonly string[] };
  readonly rollback?: {
    readonly trigger: RollbackTrigger;
    readonly rollbackType: RollbackType;
    readonly decidedBy: Actor;
    readonly reason: string;
    readonly executed?: { readonly revertedTo: string; readonly steps: readonly string[] };
    readonly validatedAt?: string;
    readonly postMortem?: EventData<'RollbackPostMortemRecorded'>;
  };
  readonly verification?: { readonly criteria: VerificationCriteria; readonly monitoringHours: number; readonly report: string };
  readonly emergency?: {
    readonly criterion: EmergencyCriterion;
    readonly justification: string;
    readonly declaredBy: Actor;
    readonly declaredAt: string;
    readonly fix?: EventData<'EmergencyFixApplied'>;
    readonly retrospectiveAssessment?: EventData<'RetrospectiveAssessmentRecorded'>;
    readonly retrospectiveTesting?: TestRun;
    readonly postIncidentReview?: EventData<'PostIncidentReviewRecorded'>;
  };
  readonly learnings: readonly { readonly topic: string; readonly insight: string }[];
  readonly outcome?: ClosureOutcome;
}

export const initialState = (id: string): ChangeRequestState => ({
  id,
  revision: -1,
  status: 'none',
  affectedModules: [],
  stakeholders: [],
  stakeholdersNotified: [],
  reviews: {},
  escalated: false,
  approvals: [],
  testEnvironment: { phase: 'none', validated: false, runsBeforeDeploy: 0 },
  testRuns: [],
  revisions: 0,
  documentation: [],
  learnings: [],
});

export const lastTestRun = (state: ChangeRequestState): TestRun | undefined => state.testRuns[state.testRuns.length - 1];
