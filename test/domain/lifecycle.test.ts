import { describe, expect, it } from 'vitest';
import type { CommandDataMap, CommandType } from '../../src/domain/commands.js';
import { evolve } from '../../src/domain/evolve.js';
import { allowedFrom, statusAfterEvent } from '../../src/domain/lifecycle.js';
import { defaultPermissions } from '../../src/domain/permissions.js';
import type { Status } from '../../src/domain/state.js';
import type { DomainEvent, EventType } from '../../src/events/catalogue.js';
import type { Actor } from '../../src/events/values.js';
import {
  DEPLOYED_AT,
  actorOf,
  approved,
  assessed,
  baselined,
  command,
  commandTypes,
  deployed,
  deploymentFailed,
  drafted,
  emergencyDeclared,
  emergencyFixed,
  errorOf,
  eventsOf,
  failingResults,
  given,
  historyByStatus,
  hoursAfter,
  inTesting,
  people,
  readyForProduction,
  rejected,
  revised,
  rollbackExecuted,
  rollbackValidated,
  rolledBack,
  rollingBack,
  roles,
  sampleCommand,
  sampleData,
  scheduled,
  submitted,
  testingFailed,
  testingStarted,
  testsPassed,
  typesOf,
  validated,
  verified,
  when,
} from '../support/domainFixtures.js';

/**
 * The lifecycle table (src/domain/lifecycle.ts) as specifications: every
 * (command, status) pair it allows is shown accepted, with the events it
 * appends and the status they lead to; every other pair is refused; and every
 * role the permission table leaves out is refused.
 */

interface Transition {
  readonly command: CommandType;
  readonly given: readonly DomainEvent[];
  readonly actor: Actor;
  readonly data?: CommandDataMap[CommandType];
  readonly at?: string;
  readonly then: readonly EventType[];
  readonly status: Status;
}

const { foreman: F, johan: J, builder: B, qa: Q, owner: S } = people;

const row = <K extends CommandType>(
  cmd: K,
  history: readonly DomainEvent[],
  actor: Actor,
  then: readonly EventType[],
  status: Status,
  extra: { data?: CommandDataMap[K]; at?: string } = {},
): Transition => ({ command: cmd, given: history, actor, then, status, ...extra });

const each = (statuses: readonly Status[], make: (s: Status) => Transition): Transition[] => statuses.map(make);

const transitions: readonly Transition[] = [
  row('DraftChangeRequest', [], F, ['ChangeRequestDrafted'], 'draft'),
  row('SubmitChangeRequest', drafted(), F, ['ChangeRequestSubmitted'], 'submitted'),
  ...each(
    ['submitted', 'assessed', 'approved', 'scheduled', 'testing', 'testing_failed', 'deployed', 'deployment_failed', 'rolling_back', 'rolled_back', 'verified', 'emergency'],
    (s) => row('NotifyStakeholders', historyByStatus[s], F, ['StakeholdersNotified'], s),
  ),
  row('RecordImpactAssessment', submitted(), F, ['ImpactAssessed'], 'submitted'),
  row('RecordImpactAssessment', assessed(), F, ['ImpactAssessed', 'AssessmentCompleted'], 'assessed'),
  row('RecordRiskAssessment', submitted(), F, ['RiskAssessed'], 'submitted'),
  row('RecordRiskAssessment', assessed(), J, ['RiskAssessed', 'AssessmentCompleted'], 'assessed'),
  row('RecordRegressionPlan', submitted(), Q, ['RegressionAnalysisPlanned'], 'submitted'),
  row('RecordRegressionPlan', assessed(), F, ['RegressionAnalysisPlanned', 'AssessmentCompleted'], 'assessed'),
  row('IssueAiRecommendation', assessed({ crType: 'ai_generated' }), F, ['AiRecommendationIssued'], 'assessed'),
  row('RecordStakeholderReview', submitted(), S, ['StakeholderReviewRecorded'], 'submitted'),
  row('RecordStakeholderReview', assessed(), S, ['StakeholderReviewRecorded'], 'assessed'),
  row('EscalateChangeRequest', assessed({ level: 'critical' }), J, ['ChangeRequestEscalated'], 'assessed'),
  row('ApproveChangeRequest', assessed(), J, ['ApprovalGranted', 'ChangeRequestApproved'], 'approved'),
  row('RejectChangeRequest', assessed(), J, ['ChangeRequestRejected'], 'rejected'),
  row('ScheduleChangeRequest', approved(), J, ['ChangeRequestScheduled'], 'scheduled'),
  row('SetTestBaseline', scheduled(), Q, ['TestEnvironmentBaselineSet'], 'scheduled'),
  row('SetTestBaseline', revised(), Q, ['TestEnvironmentBaselineSet'], 'testing'),
  row('DeployToTestEnvironment', baselined(), Q, ['ChangeDeployedToTestEnvironment'], 'testing'),
  row('DeployToTestEnvironment', [...revised(), ...baselined().slice(-1)], Q, ['ChangeDeployedToTestEnvironment'], 'testing'),
  row('StartTesting', inTesting(), Q, ['TestingStarted'], 'testing'),
  row('RecordTestResults', testingStarted(), Q, ['TestResultsRecorded'], 'testing'),
  row('RecordTestResults', testingStarted(), Q, ['TestResultsRecorded', 'TestingFailed'], 'testing_failed', { data: { results: failingResults } }),
  row('ReviseChange', testingFailed(), B, ['ChangeRevised'], 'testing'),
  row('ValidateTestEnvironment', testsPassed(), Q, ['TestEnvironmentValidated'], 'testing'),
  row('ValidateTestEnvironment', testsPassed(), Q, ['TestingFailed'], 'testing_failed', {
    data: { workingAsExpected: true, anomalies: ['timeouts on asset list'], performanceAcceptable: true, notes: '' },
  }),
  row('ResetTestEnvironment', validated(), Q, ['TestEnvironmentReset'], 'testing'),
  row('ResetTestEnvironment', deployed(), Q, ['TestEnvironmentReset'], 'deployed'),
  row('ResetTestEnvironment', verified(), B, ['TestEnvironmentReset'], 'verified'),
  ...each(['assessed', 'approved', 'scheduled', 'testing', 'testing_failed', 'deployed', 'verified'], (s) =>
    row('UpdateDocumentation', historyByStatus[s], B, ['DocumentationUpdated'], s),
  ),
  ...each(['assessed', 'approved', 'scheduled', 'testing', 'testing_failed', 'deployed', 'deployment_failed'], (s) =>
    row('DocumentRollbackPlan', historyByStatus[s], F, ['RollbackPlanDocumented'], s),
  ),
  ...each(['approved', 'scheduled', 'testing', 'testing_failed'], (s) => row('ValidateCompliance', historyByStatus[s], F, ['ComplianceValidated'], s)),
  ...each(['approved', 'scheduled', 'testing', 'testing_failed'], (s) => row('EvaluateGates', historyByStatus[s], J, ['GatesEvaluated'], s)),
  row('DeployToProduction', readyForProduction(), J, ['DeployedToProduction'], 'deployed'),
  row('RecordDeploymentFailure', deployed(), F, ['ProductionDeploymentFailed'], 'deployment_failed'),
  row('InitiateRollback', deployed(), J, ['RollbackInitiated'], 'rolling_back'),
  row('InitiateRollback', deploymentFailed(), F, ['RollbackInitiated'], 'rolling_back'),
  row('InitiateRollback', verified(), J, ['RollbackInitiated'], 'rolling_back', {
    data: { trigger: 'user_impacting_bugs', rollbackType: 'code', reason: 'Asset list shows wrong owners', stakeholdersNotified: [] },
  }),
  row('ExecuteRollback', rollingBack(), J, ['RollbackExecuted'], 'rolling_back'),
  row('ValidateRollback', rollbackExecuted(), F, ['RollbackValidated'], 'rolling_back'),
  row('RecordPostMortem', rollbackValidated(), J, ['RollbackPostMortemRecorded'], 'rolled_back'),
  row('VerifyChange', deployed(), J, ['ChangeVerified'], 'verified', { at: hoursAfter(DEPLOYED_AT, 25) }),
  row('CloseChangeRequest', verified(), F, ['LearningsRecorded', 'ChangeRequestClosed'], 'closed', {
    data: { learnings: [{ topic: 'serializers', insight: 'New optional fields need serializer defaults' }], reason: '' },
  }),
  row('CloseChangeRequest', rejected(), F, ['ChangeRequestClosed'], 'closed'),
  row('CloseChangeRequest', rolledBack(), J, ['ChangeRequestClosed'], 'closed'),
  ...each(['draft', 'submitted', 'assessed', 'approved', 'scheduled', 'testing', 'testing_failed'], (s) =>
    row('WithdrawChangeRequest', historyByStatus[s], F, ['ChangeRequestClosed'], 'closed'),
  ),
  row('DeclareEmergency', [], J, ['EmergencyDeclared'], 'emergency'),
  row('ApplyEmergencyFix', emergencyDeclared(), J, ['EmergencyFixApplied'], 'deployed'),
  row('RecordRetrospectiveAssessment', emergencyFixed(), F, ['RetrospectiveAssessmentRecorded'], 'deployed'),
  row('RecordRetrospectiveTesting', emergencyFixed(), Q, ['RetrospectiveTestingRecorded'], 'deployed'),
  row('RecordPostIncidentReview', emergencyFixed(), J, ['PostIncidentReviewRecorded'], 'deployed'),
];

const fromStatus = (t: Transition): Status | 'none' => given(t.given).status;

const decideRow = (t: Transition, actor: Actor = t.actor) =>
  when(given(t.given), command(t.command, actor, (t.data ?? sampleData[t.command]) as never), t.at);

describe('the lifecycle: every transition the table allows', () => {
  it.each(transitions.map((t) => ({ ...t, from: fromStatus(t), events: t.then.join(' + ') })))(
    'given a CR in $from, when $actor.id ($actor.role) issues $command, then $events and the CR is $status',
    (t) => {
      const decision = decideRow(t);
      expect(typesOf(decision)).toEqual(t.then);
      expect(given(t.given, eventsOf(decision)).status).toBe(t.status);
    },
  );

  it('covers every (command, status) pair of the transition table, and nothing outside it', () => {
    const covered = new Set(transitions.map((t) => `${t.command}@${fromStatus(t)}`));
    const table = commandTypes.flatMap((type) => allowedFrom[type].map((s) => `${type}@${s}`));
    expect([...covered].sort()).toEqual([...table].sort());
  });

  it('documents in statusAfterEvent exactly the status each event leads to', () => {
    for (const t of transitions) {
      let state = given(t.given);
      for (const e of eventsOf(decideRow(t))) {
        const before = state.status;
        state = evolve(state, e);
        expect(state.status, `${e.type} after ${t.command}`).toBe(statusAfterEvent[e.type] ?? before);
      }
    }
  });
});

describe('the lifecycle: a command from a status the table does not allow', () => {
  const creates = (type: CommandType): boolean => type === 'DraftChangeRequest' || type === 'DeclareEmergency';
  const cases = commandTypes.flatMap((type) =>
    (Object.keys(historyByStatus) as (Status | 'none')[])
      .filter((s) => !allowedFrom[type].includes(s))
      .map((status) => ({
        type,
        status,
        code: status === 'none' ? 'CHANGE_REQUEST_NOT_FOUND' : creates(type) ? 'CHANGE_REQUEST_EXISTS' : 'INVALID_TRANSITION',
      })),
  );

  it.each(cases)('given a CR in $status, when $type is issued by a permitted role, then $code', ({ type, status, code }) => {
    const error = errorOf(when(given(historyByStatus[status]), sampleCommand(type)));
    expect(error.code).toBe(code);
    if (code === 'INVALID_TRANSITION') expect(error.details).toEqual({ status, allowedFrom: allowedFrom[type] });
    else expect(error.path).toBe('changeRequestId');
  });

  it('has, for every command but the two that create a CR, a status it is refused from with INVALID_TRANSITION', () => {
    const refusedSomewhere = new Set(cases.filter((c) => c.code === 'INVALID_TRANSITION').map((c) => c.type));
    expect(commandTypes.filter((t) => !refusedSomewhere.has(t))).toEqual(['DraftChangeRequest', 'DeclareEmergency']);
  });

  it('treats closed as final: every command is refused on a closed CR', () => {
    const closed = given(historyByStatus.closed);
    for (const type of commandTypes) {
      expect(errorOf(when(closed, sampleCommand(type))).code, type).toBe(creates(type) ? 'CHANGE_REQUEST_EXISTS' : 'INVALID_TRANSITION');
    }
  });
});

describe('the lifecycle: a command from a role the permission table leaves out', () => {
  const firstRowOf = new Map<CommandType, Transition>();
  for (const t of transitions) if (!firstRowOf.has(t.command)) firstRowOf.set(t.command, t);
  const cases = [...firstRowOf.values()].flatMap((t) =>
    roles.filter((r) => !defaultPermissions[t.command].includes(r)).map((role) => ({ t, role, command: t.command, from: fromStatus(t) })),
  );

  it.each(cases)('given a CR in $from, when a $role issues $command, then PERMISSION_DENIED (the permitted role is accepted)', ({ t, role }) => {
    const error = errorOf(decideRow(t, actorOf[role]));
    expect(error.code).toBe('PERMISSION_DENIED');
    expect(error.path).toBe('actor.role');
    expect(error.details).toEqual({ permittedRoles: defaultPermissions[t.command] });
    expect(typesOf(decideRow(t))).toEqual(t.then);
  });

  it('has a refusal for every command that some role may not issue', () => {
    expect(new Set(cases.map((c) => c.command))).toEqual(new Set(commandTypes.filter((type) => defaultPermissions[type].length < roles.length)));
  });
});

describe('the permission table: spec 9 prohibitions by default', () => {
  const whoMay = (type: CommandType) => defaultPermissions[type];

  it('the Foreman cannot deploy to production, execute a rollback, verify, or declare an emergency', () => {
    for (const type of ['DeployToProduction', 'ExecuteRollback', 'VerifyChange', 'DeclareEmergency', 'ApplyEmergencyFix'] as const) {
      expect(whoMay(type), type).not.toContain('foreman');
    }
    expect(errorOf(when(given(readyForProduction()), sampleCommand('DeployToProduction', people.foreman))).code).toBe('PERMISSION_DENIED');
  });

  it('builders cannot approve, reject, deploy to production, or verify', () => {
    for (const type of ['ApproveChangeRequest', 'RejectChangeRequest', 'DeployToProduction', 'VerifyChange', 'EscalateChangeRequest'] as const) {
      expect(whoMay(type), type).not.toContain('builder');
    }
    expect(errorOf(when(given(assessed()), sampleCommand('ApproveChangeRequest', people.builder))).code).toBe('PERMISSION_DENIED');
  });

  it('only the change manager deploys to production, verifies and declares emergencies', () => {
    for (const type of ['DeployToProduction', 'VerifyChange', 'DeclareEmergency', 'ApplyEmergencyFix', 'EscalateChangeRequest'] as const) {
      expect(whoMay(type), type).toEqual(['change_manager']);
    }
  });

  it('stakeholders only review; executives only approve or reject', () => {
    expect(commandTypes.filter((t) => whoMay(t).includes('stakeholder'))).toEqual(['RecordStakeholderReview']);
    expect(commandTypes.filter((t) => whoMay(t).includes('executive')).sort()).toEqual(['ApproveChangeRequest', 'RejectChangeRequest']);
  });

  it('is configurable through the policy: a service may let qa-builder evaluate the gates instead of the Foreman', () => {
    const policy = { permissions: { EvaluateGates: ['qa_builder', 'change_manager'] as const } };
    const state = given(testsPassed());
    const at = hoursAfter(DEPLOYED_AT, 1);
    expect(typesOf(when(state, sampleCommand('EvaluateGates', people.qa), at, policy))).toEqual(['GatesEvaluated']);
    expect(errorOf(when(state, sampleCommand('EvaluateGates', people.foreman), at, policy)).code).toBe('PERMISSION_DENIED');
    expect(errorOf(when(state, sampleCommand('EvaluateGates', people.qa))).code).toBe('PERMISSION_DENIED');
  });
});

describe('the lifecycle: CR identity', () => {
  it('refuses any command but drafting or declaring for a CR that does not exist', () => {
    const error = errorOf(when(given(), sampleCommand('SubmitChangeRequest')));
    expect(error).toMatchObject({ code: 'CHANGE_REQUEST_NOT_FOUND', path: 'changeRequestId' });
  });

  it('refuses to draft a CR that already exists', () => {
    expect(errorOf(when(given(approved()), sampleCommand('DraftChangeRequest'))).code).toBe('CHANGE_REQUEST_EXISTS');
  });
});
