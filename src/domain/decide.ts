import type { Command, CommandOf, CommandType } from './commands.js';
import { allowedFrom } from './lifecycle.js';
import type { ChangeRequestState } from './state.js';
import { refuse, type Decider, type Decision, type DecisionContext } from './decisions/shared.js';
import { draftChangeRequest, notifyStakeholders, submitChangeRequest } from './decisions/drafting.js';
import { issueAiRecommendation, recordImpactAssessment, recordRegressionPlan, recordRiskAssessment } from './decisions/assessment.js';
import { approveChangeRequest, escalateChangeRequest, recordStakeholderReview, rejectChangeRequest } from './decisions/approval.js';
import {
  deployToTestEnvironment,
  recordTestResults,
  resetTestEnvironment,
  reviseChange,
  scheduleChangeRequest,
  setTestBaseline,
  startTesting,
  validateTestEnvironment,
} from './decisions/testing.js';
import {
  deployToProduction,
  documentRollbackPlan,
  evaluateGatesCommand,
  recordDeploymentFailure,
  updateDocumentation,
  validateCompliance,
} from './decisions/production.js';
import { executeRollback, initiateRollback, recordPostMortem, validateRollback } from './decisions/rollback.js';
import { closeChangeRequest, verifyChange, withdrawChangeRequest } from './decisions/closure.js';
import {
  applyEmergencyFix,
  declareEmergency,
  recordPostIncidentReview,
  recordRetrospectiveAssessment,
  recordRetrospectiveTesting,
} from './decisions/emergency.js';

export type { Decision, DecisionContext } from './decisions/shared.js';

const deciders: { readonly [K in CommandType]: Decider<K> } = {
  DraftChangeRequest: draftChangeRequest,
  SubmitChangeRequest: submitChangeRequest,
  NotifyStakeholders: notifyStakeholders,
  RecordImpactAssessment: recordImpactAssessment,
  RecordRiskAssessment: recordRiskAssessment,
  RecordRegressionPlan: recordRegressionPlan,
  IssueAiRecommendation: issueAiRecommendation,
  RecordStakeholderReview: recordStakeholderReview,
  EscalateChangeRequest: escalateChangeRequest,
  ApproveChangeRequest: approveChangeRequest,
  RejectChangeRequest: rejectChangeRequest,
  ScheduleChangeRequest: scheduleChangeRequest,
  SetTestBaseline: setTestBaseline,
  DeployToTestEnvironment: deployToTestEnvironment,
  StartTesting: startTesting,
  RecordTestResults: recordTestResults,
  ReviseChange: reviseChange,
  ValidateTestEnvironment: validateTestEnvironment,
  ResetTestEnvironment: resetTestEnvironment,
  UpdateDocumentation: updateDocumentation,
  DocumentRollbackPlan: documentRollbackPlan,
  ValidateCompliance: validateCompliance,
  EvaluateGates: evaluateGatesCommand,
  DeployToProduction: deployToProduction,
  RecordDeploymentFailure: recordDeploymentFailure,
  InitiateRollback: initiateRollback,
  ExecuteRollback: executeRollback,
  ValidateRollback: validateRollback,
  RecordPostMortem: recordPostMortem,
  VerifyChange: verifyChange,
  CloseChangeRequest: closeChangeRequest,
  WithdrawChangeRequest: withdrawChangeRequest,
  DeclareEmergency: declareEmergency,
  ApplyEmergencyFix: applyEmergencyFix,
  RecordRetrospectiveAssessment: recordRetrospectiveAssessment,
  RecordRetrospectiveTesting: recordRetrospectiveTesting,
  RecordPostIncidentReview: recordPostIncidentReview,
};

const creates = (type: CommandType): boolean => type === 'DraftChangeRequest' || type === 'DeclareEmergency';

/**
 * decide: command x state -> events, or the reason for refusing. Checks run
 * from the outside in: does the CR exist, may this role issue this command,
 * does the lifecycle allow it now, then the command's own rules.
 */
export const decide = (command: Command, state: ChangeRequestState, context: DecisionContext): Decision => {
  if (state.status === 'none' && !creates(command.type)) {
    return refuse('CHANGE_REQUEST_NOT_FOUND', `No change request ${command.changeRequestId}`, 'changeRequestId');
  }
  if (state.status !== 'none' && creates(command.type)) {
    return refuse('CHANGE_REQUEST_EXISTS', `Change request ${command.changeRequestId} already exists`, 'changeRequestId');
  }
  const permitted = context.policy.permissions[command.type];
  if (!permitted.includes(command.actor.role)) {
    return refuse('PERMISSION_DENIED', `The ${command.actor.role} role may not issue ${command.type}`, 'actor.role', {
      permittedRoles: permitted,
    });
  }
  if (!allowedFrom[command.type].includes(state.status)) {
    return refuse('INVALID_TRANSITION', `${command.type} is not allowed while the change request is ${state.status}`, undefined, {
      status: state.status,
      allowedFrom: allowedFrom[command.type],
    });
  }
  return decideFor(command, state, context);
};

const decideFor = <K extends CommandType>(command: CommandOf<K>, state: ChangeRequestState, context: DecisionContext): Decision =>
  (deciders[command.type] as Decider<K>)(command, state, context);

