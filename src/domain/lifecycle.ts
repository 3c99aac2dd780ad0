import type { CommandType } from './commands.js';
import { statuses, type Status } from './state.js';

/**
 * The lifecycle as data: the statuses from which each command may be
 * issued. decide() refuses a command from any other status with
 * INVALID_TRANSITION; finer conditions (gates, test-environment phase,
 * windows) are checked after this table.
 */
const beforeDeployment: readonly Status[] = ['draft', 'submitted', 'assessed', 'approved', 'scheduled', 'testing', 'testing_failed'];
/** Every status a CR is still open in: not a draft, not rejected, not closed. */
const active: readonly Status[] = statuses.filter((s) => s !== 'draft' && s !== 'rejected' && s !== 'closed');

export const allowedFrom: { readonly [K in CommandType]: readonly (Status | 'none')[] } = {
  DraftChangeRequest: ['none'],
  SubmitChangeRequest: ['draft'],
  NotifyStakeholders: active,
  RecordImpactAssessment: ['submitted', 'assessed'],
  RecordRiskAssessment: ['submitted', 'assessed'],
  RecordRegressionPlan: ['submitted', 'assessed'],
  IssueAiRecommendation: ['assessed'],
  RecordStakeholderReview: ['submitted', 'assessed'],
  EscalateChangeRequest: ['assessed'],
  ApproveChangeRequest: ['assessed'],
  RejectChangeRequest: ['assessed'],
  ScheduleChangeRequest: ['approved'],
  SetTestBaseline: ['scheduled', 'testing'],
  DeployToTestEnvironment: ['scheduled', 'testing'],
  StartTesting: ['testing'],
  RecordTestResults: ['testing'],
  ReviseChange: ['testing_failed'],
  ValidateTestEnvironment: ['testing'],
  ResetTestEnvironment: ['testing', 'deployed', 'verified'],
  UpdateDocumentation: ['assessed', 'approved', 'scheduled', 'testing', 'testing_failed', 'deployed', 'verified'],
  DocumentRollbackPlan: ['assessed', 'approved', 'scheduled', 'testing', 'testing_failed', 'deployed', 'deployment_failed'],
  ValidateCompliance: ['approved', 'scheduled', 'testing', 'testing_failed'],
  EvaluateGates: ['approved', 'scheduled', 'testing', 'testing_failed'],
  DeployToProduction: ['testing'],
  RecordDeploymentFailure: ['deployed'],
  InitiateRollback: ['deployed', 'deployment_failed', 'verified'],
  ExecuteRollback: ['rolling_back'],
  ValidateRollback: ['rolling_back'],
  RecordPostMortem: ['rolling_back'],
  VerifyChange: ['deployed'],
  CloseChangeRequest: ['verified', 'rejected', 'rolled_back'],
  WithdrawChangeRequest: beforeDeployment,
  DeclareEmergency: ['none'],
  ApplyEmergencyFix: ['emergency'],
  RecordRetrospectiveAssessment: ['deployed'],
  RecordRetrospectiveTesting: ['deployed'],
  RecordPostIncidentReview: ['deployed'],
};

/** The status each event leads to, for documentation and diagrams (evolve is the authority). */
export const statusAfterEvent: { readonly [event: string]: Status } = {
  ChangeRequestDrafted: 'draft',
  ChangeRequestSubmitted: 'submitted',
  AssessmentCompleted: 'assessed',
  ChangeRequestApproved: 'approved',
  ChangeRequestRejected: 'rejected',
  ChangeRequestScheduled: 'scheduled',
  ChangeDeployedToTestEnvironment: 'testing',
  TestingFailed: 'testing_failed',
  ChangeRevised: 'testing',
  DeployedToProduction: 'deployed',
  ProductionDeploymentFailed: 'deployment_failed',
  RollbackInitiated: 'rolling_back',
  RollbackPostMortemRecorded: 'rolled_back',
  ChangeVerified: 'verified',
  ChangeRequestClosed: 'closed',
  EmergencyDeclared: 'emergency',
  EmergencyFixApplied: 'deployed',
};
