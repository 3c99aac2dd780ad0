import type { Role } from '../events/values.js';
import type { CommandType } from './commands.js';

/**
 * Who may issue each command: data, overridable through the policy. The
 * defaults encode spec section 9: builders never approve, deploy (to the
 * test environment or production) or skip tests; the Foreman never deploys to production and approves only what the
 * approval policy lets it (low risk, within guardrails, never governance);
 * only the change manager declares emergencies and deploys.
 */
const F: Role = 'foreman';
const B: Role = 'builder';
const Q: Role = 'qa_builder';
const CM: Role = 'change_manager';
const S: Role = 'stakeholder';
const X: Role = 'executive';

export const defaultPermissions: { readonly [K in CommandType]: readonly Role[] } = {
  DraftChangeRequest: [F, CM],
  SubmitChangeRequest: [F, CM],
  NotifyStakeholders: [F, CM],
  RecordImpactAssessment: [F, CM],
  RecordRiskAssessment: [F, CM],
  RecordRegressionPlan: [F, CM, Q],
  IssueAiRecommendation: [F],
  RecordStakeholderReview: [S],
  EscalateChangeRequest: [CM],
  ApproveChangeRequest: [F, CM, X],
  RejectChangeRequest: [CM, X],
  ScheduleChangeRequest: [F, CM],
  SetTestBaseline: [F, Q, B],
  DeployToTestEnvironment: [F, Q],
  StartTesting: [F, Q, B],
  RecordTestResults: [F, Q, B],
  ReviseChange: [B, F],
  ValidateTestEnvironment: [F, Q, CM],
  ResetTestEnvironment: [F, Q, B],
  UpdateDocumentation: [B, F, CM],
  DocumentRollbackPlan: [F, CM, B],
  ValidateCompliance: [F, CM],
  EvaluateGates: [F, CM],
  DeployToProduction: [CM],
  RecordDeploymentFailure: [F, CM],
  InitiateRollback: [F, CM],
  ExecuteRollback: [CM],
  ValidateRollback: [F, CM],
  RecordPostMortem: [F, CM],
  VerifyChange: [CM],
  CloseChangeRequest: [F, CM],
  WithdrawChangeRequest: [F, CM],
  DeclareEmergency: [CM],
  ApplyEmergencyFix: [CM],
  RecordRetrospectiveAssessment: [F, CM],
  RecordRetrospectiveTesting: [Q, F],
  RecordPostIncidentReview: [CM],
};
