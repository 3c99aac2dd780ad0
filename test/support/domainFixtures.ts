import * as E from 'fp-ts/lib/Either.js';
import type {
  ComplianceValidation,
  GateResult,
  IdentifiedRisk,
  ImpactAssessment,
  RegressionPlan,
  RegressionVerdict,
  RollbackPlan,
  TestRunResults,
  VerificationCriteria,
} from '../../src/events/assessments.js';
import type { DomainEvent, EventData, EventOf, EventType } from '../../src/events/catalogue.js';
import type { Actor, ChangeCategory, Level, Likelihood, Role, Severity } from '../../src/events/values.js';
import type { CommandDataMap, CommandOf, CommandType } from '../../src/domain/commands.js';
import { decide, type Decision, type DecisionContext } from '../../src/domain/decide.js';
import type { DomainError } from '../../src/domain/errors.js';
import { evolveAll } from '../../src/domain/evolve.js';
import { defaultPermissions } from '../../src/domain/permissions.js';
import { resolvePolicy, type PolicyOverrides } from '../../src/domain/policy.js';
import { initialState, type ChangeRequestState, type Status } from '../../src/domain/state.js';
import { sealDomainEvents } from '../../src/events/envelope.js';
import { changeRequestStream } from '../../src/events/streams.js';
import type { EventStore } from '../../src/store/port.js';

/**
 * Given-events builders for specifications of the pure domain: a state is a
 * fold of DomainEvent lists (evolveAll), a command is a plain object, and a
 * decision is checked as "then these events" or "then this error".
 *
 * The histories below are written as literal events (not produced by the
 * decider under test), so a test's "given" never depends on the rule it checks.
 */

export const CR_ID = 'cr-1';

/** The cast; two people hold some roles so segregation of duties and double approvals can be shown. */
export const people = {
  foreman: { id: 'maturion-foreman', role: 'foreman' },
  johan: { id: 'johan', role: 'change_manager' },
  amara: { id: 'amara', role: 'change_manager' },
  builder: { id: 'builder-wrac', role: 'builder' },
  qa: { id: 'qa-builder', role: 'qa_builder' },
  owner: { id: 'wrac-owner', role: 'stakeholder' },
  auditor: { id: 'internal-audit', role: 'stakeholder' },
  ciso: { id: 'ciso', role: 'executive' },
  ceo: { id: 'ceo', role: 'executive' },
} as const satisfies Record<string, Actor>;

export const roles: readonly Role[] = ['foreman', 'builder', 'qa_builder', 'change_manager', 'stakeholder', 'executive'];

/** A representative actor of each role. */
export const actorOf: { readonly [R in Role]: Actor } = {
  foreman: people.foreman,
  builder: people.builder,
  qa_builder: people.qa,
  change_manager: people.johan,
  stakeholder: people.owner,
  executive: people.ciso,
};

// ---------------------------------------------------------------- time

export const T0 = '2025-12-04T09:00:00.000Z';
export const DEPLOYED_AT = '2025-12-08T10:00:00.000Z';
export const ROLLBACK_VALIDATED_AT = '2025-12-08T14:00:00.000Z';
export const FIX_APPLIED_AT = '2025-12-10T03:00:00.000Z';

export const hoursAfter = (iso: string, hours: number): string => new Date(Date.parse(iso) + hours * 3_600_000).toISOString();

export const contextAt = (at: string, policy: PolicyOverrides = {}): DecisionContext => ({ now: new Date(at), policy: resolvePolicy(policy) });

// ---------------------------------------------------------------- given / when / then

export const given = (...histories: readonly (DomainEvent | readonly DomainEvent[])[]): ChangeRequestState =>
  evolveAll(initialState(CR_ID), histories.flat() as DomainEvent[]);

export const command = <K extends CommandType>(type: K, actor: Actor, data: CommandDataMap[K], changeRequestId = CR_ID): CommandOf<K> =>
  ({ type, changeRequestId, actor, data }) as unknown as CommandOf<K>;

/** Decides a command on a state folded from events, at `at` (default: two days after deployment). */
export const when = (
  state: ChangeRequestState,
  cmd: CommandOf<CommandType>,
  at: string = hoursAfter(DEPLOYED_AT, 48),
  policy: PolicyOverrides = {},
): Decision => decide(cmd, state, contextAt(at, policy));

export const eventsOf = (decision: Decision): readonly DomainEvent[] => {
  if (E.isLeft(decision)) throw new Error(`expected events, got ${decision.left.code}: ${decision.left.message}`);
  return decision.right;
};

export const typesOf = (decision: Decision): readonly EventType[] => eventsOf(decision).map((e) => e.type);

export const errorOf = (decision: Decision): DomainError => {
  if (E.isRight(decision)) throw new Error(`expected a refusal, got ${decision.right.map((e) => e.type).join(', ')}`);
  return decision.left;
};

/** The data of the one event of that type the decision produced. */
export const dataOf = <K extends EventType>(decision: Decision, type: K): EventData<K> => {
  const found = eventsOf(decision).filter((e): e is EventOf<K> => e.type === type);
  if (found.length !== 1) throw new Error(`expected one ${type}, got ${found.length}`);
  return found[0]!.data as EventData<K>;
};

export const event = <K extends EventType>(type: K, data: EventData<K>): DomainEvent => ({ type, data }) as DomainEvent;

// ---------------------------------------------------------------- sample values

type Sections = { readonly [S in keyof ImpactAssessment]?: Partial<ImpactAssessment[S]> };

/** One module, no interface, schema, tenant or downtime effect, instant rollback: low on every row. */
export const lowImpact: ImpactAssessment = {
  technical: {
    modulesAffected: ['WRAC'],
    coreModuleAffected: false,
    integrationContracts: [],
    schemaChanges: [],
    apiChanges: [],
    uiChanges: [],
    contractChange: 'none',
    performanceImpact: 'neutral',
  },
  tenant: {
    affectedTenants: 'all',
    userExperience: '',
    userExperienceChanged: false,
    dataMigrationRequired: false,
    dataMigration: '',
    downtimeMinutes: 0,
  },
  compliance: { controlMappingsAffected: [], coverageImpact: '', auditTrailChanges: '', regulatoryImpact: '' },
  operational: { deploymentComplexity: 'simple', rollbackComplexity: 'easy', trainingRequired: 'none', documentationUpdates: [] },
};

export const impactWith = (sections: Sections, base: ImpactAssessment = lowImpact): ImpactAssessment => ({
  technical: { ...base.technical, ...sections.technical },
  tenant: { ...base.tenant, ...sections.tenant },
  compliance: { ...base.compliance, ...sections.compliance },
  operational: { ...base.operational, ...sections.operational },
});

/** The impact assessment of spec 4.3 (CR-2025-001, asset_owner on WRAC assets). */
export const specExampleImpact: ImpactAssessment = impactWith({
  technical: {
    modulesAffected: ['WRAC', 'Risk_Assessment'],
    schemaChanges: ['wrac_assets table: add column asset_owner TEXT'],
    apiChanges: ['POST /api/wrac/assets: add asset_owner field'],
    contractChange: 'compatible',
  },
  tenant: { userExperience: 'new optional field in asset form', userExperienceChanged: true, dataMigration: 'none (nullable column)' },
  compliance: { controlMappingsAffected: ['ISO_27001_A.8.1'], coverageImpact: '+2%', regulatoryImpact: 'positive' },
  operational: { deploymentComplexity: 'medium', rollbackComplexity: 'medium', documentationUpdates: ['WRAC user guide', 'API documentation'] },
});

export const risk = (likelihood: Likelihood, impact: Severity, overrides: Partial<IdentifiedRisk> = {}): IdentifiedRisk => ({
  riskId: `RISK-${likelihood}-${impact}`,
  description: `A ${likelihood} risk of ${impact} impact`,
  category: 'technical',
  likelihood,
  impact,
  treatment: 'mitigate',
  mitigation: 'Additional testing and enhanced monitoring',
  ...overrides,
});

/** The risks of spec 5.4. */
export const specExampleRisks: readonly IdentifiedRisk[] = [
  risk('likely', 'minor', {
    riskId: 'RISK-CR001-01',
    description: 'Asset owner field not populated for existing assets',
    category: 'data_quality',
    mitigation: 'Add data migration script to set default owner; notify admins to review',
  }),
  risk('unlikely', 'minor', {
    riskId: 'RISK-CR001-02',
    description: 'API clients not expecting new field',
    category: 'integration',
    treatment: 'accept',
    mitigation: 'Field is optional, backward compatible',
  }),
];

/** A risk whose matrix level is the given level. */
const riskAtLevel: { readonly [L in Level]: IdentifiedRisk } = {
  low: risk('rare', 'minor'),
  medium: risk('likely', 'minor'),
  high: risk('likely', 'major'),
  critical: risk('almost_certain', 'catastrophic'),
};

export const regressionPlan: RegressionPlan = {
  existingTests: { total: 245, suites: ['unit', 'integration', 'api'] },
  newTestsRequired: 5,
  newTests: [],
  architectureConflicts: [],
  coverageBaseline: 92.5,
};

/** The regression results of spec 6.4: zero regression. */
export const passingResults: TestRunResults = {
  existingTests: { total: 245, passed: 245, failed: 0, skipped: 0 },
  newTests: { required: 5, created: 5, passed: 5, failed: 0 },
  coverage: { before: 92.5, after: 93.1 },
  performance: { baselineResponseTimeMs: 145, afterChangeResponseTimeMs: 147 },
  security: { newVulnerabilities: 0 },
  compliance: { controlCoverageMaintained: true },
  suites: [],
};

type ResultSections = { readonly [S in keyof TestRunResults]?: Partial<TestRunResults[S]> };

export const resultsWith = (sections: ResultSections): TestRunResults => ({
  existingTests: { ...passingResults.existingTests, ...sections.existingTests },
  newTests: { ...passingResults.newTests, ...sections.newTests },
  coverage: { ...passingResults.coverage, ...sections.coverage },
  performance: { ...passingResults.performance, ...sections.performance },
  security: { ...passingResults.security, ...sections.security },
  compliance: { ...passingResults.compliance, ...sections.compliance },
  suites: [],
});

/** Two existing tests fail. */
export const failingResults: TestRunResults = resultsWith({ existingTests: { passed: 243, failed: 2 } });

const passingVerdict: RegressionVerdict = {
  coverageDelta: 0.6,
  responseTimeDeltaMs: 2,
  performanceDegradation: false,
  regressionDetected: false,
  readyForDeployment: true,
  findings: [],
};
const failingVerdict: RegressionVerdict = { ...passingVerdict, regressionDetected: true, readyForDeployment: false, findings: ['2 existing test(s) failed'] };

export const rollbackPlan = (overrides: Partial<RollbackPlan> = {}): RollbackPlan => ({
  procedure: 'Redeploy the previous release',
  rollbackType: 'code',
  decisionCriteria: ['error rate above 1%'],
  testedInTestEnvironment: true,
  ...overrides,
});

export const complianceValidation = (overrides: Partial<ComplianceValidation> = {}): ComplianceValidation => ({
  controlMappingsUpdated: true,
  coverageBefore: 84,
  coverageAfter: 86,
  regulatoryViolations: [],
  ...overrides,
});

export const allCriteriaMet: VerificationCriteria = {
  featureWorking: true,
  noProductionErrors: true,
  performanceAcceptable: true,
  noUserIssues: true,
  complianceMaintained: true,
};

export const changeSet = { modules: ['WRAC'], files: ['src/wrac/assets.ts'], schemas: [], configs: [] };

const gateIds = ['impact_assessment', 'risk_assessment', 'approval', 'regression_tests', 'test_environment', 'documentation', 'rollback_plan', 'compliance'] as const;
const allGatesPassing: GateResult[] = gateIds.map((gate, i) => ({ gate, number: i + 1, passed: true, unmet: [] }));

/** What an assessment at each level requires, written out (the approval policy of DESIGN.md). */
export const requirementFor = (level: Level, overrides: Partial<EventData<'AssessmentCompleted'>> = {}): EventData<'AssessmentCompleted'> => ({
  overallImpact: 'low',
  overallRisk: level,
  approvalLevel: level,
  requiredApprovers: level === 'low' ? ['foreman'] : level === 'critical' ? ['change_manager', 'executive'] : ['change_manager'],
  stakeholderConcurrenceRequired: level === 'high' || level === 'critical',
  escalationRequired: level === 'critical',
  autoApprovalEligible: level === 'low',
  guardrailFindings: [],
  ...overrides,
});

// ---------------------------------------------------------------- histories

export interface HistoryOptions {
  readonly crType?: 'manual' | 'ai_generated';
  readonly category?: ChangeCategory;
  readonly draftedBy?: Actor;
  /** The approval level the assessment arrives at (default medium). */
  readonly level?: Level;
  readonly impact?: ImpactAssessment;
  /** Overrides the AssessmentCompleted data (e.g. guardrail findings). */
  readonly requirement?: Partial<EventData<'AssessmentCompleted'>>;
  readonly rollbackType?: 'code' | 'configuration' | 'schema';
}

export const drafted = (o: HistoryOptions = {}): DomainEvent[] => {
  const crType = o.crType ?? 'manual';
  return [
    event('ChangeRequestDrafted', {
      changeRequestId: CR_ID,
      crType,
      title: "Add 'asset_owner' field to WRAC assets",
      description: { summary: 'Add asset_owner', details: 'Asset accountability' },
      category: o.category ?? 'code',
      affectedModules: ['WRAC'],
      estimatedEffort: '1 day',
      stakeholders: [people.owner.id],
      ...(crType === 'ai_generated'
        ? { trigger: { type: 'runtime_insight', source: 'performance_monitoring', description: 'Vulnerability API 30% slower' } }
        : {}),
      draftedBy: o.draftedBy ?? (crType === 'ai_generated' ? people.foreman : people.amara),
    }),
  ];
};

export const submitted = (o: HistoryOptions = {}): DomainEvent[] => [
  ...drafted(o),
  event('ChangeRequestSubmitted', { number: o.crType === 'ai_generated' ? 'AI-CR-2025-045' : 'CR-2025-001', submittedAt: hoursAfter(T0, 1) }),
];

export const assessmentEvents = (o: HistoryOptions = {}): DomainEvent[] => {
  const level = o.level ?? 'medium';
  const assessedRisk = { ...riskAtLevel[level], level };
  return [
    event('StakeholdersNotified', { stakeholders: [people.owner.id], message: 'Submitted for assessment' }),
    event('ImpactAssessed', {
      assessment: o.impact ?? lowImpact,
      dimensionLevels: { modulesAffected: 'low', breakingChanges: 'low', tenantImpact: 'low', downtime: 'low', rollbackComplexity: 'low' },
      overallImpact: 'low',
    }),
    event('RiskAssessed', { risks: [assessedRisk], overallRisk: level }),
    event('RegressionAnalysisPlanned', { plan: regressionPlan }),
    event('AssessmentCompleted', requirementFor(level, o.requirement)),
  ];
};

export const assessed = (o: HistoryOptions = {}): DomainEvent[] => [...submitted(o), ...assessmentEvents(o)];

export const approved = (o: HistoryOptions = {}): DomainEvent[] => {
  const level = o.level ?? 'medium';
  const grant = { approver: people.johan, rationale: 'Impact acceptable, risk mitigated', autoApproval: false };
  return [
    ...assessed(o),
    event('ApprovalGranted', grant),
    event('ChangeRequestApproved', { approvers: [people.johan], approvalLevel: level, autoApproval: false, approvedAt: hoursAfter(T0, 4) }),
  ];
};

export const rejected = (o: HistoryOptions = {}): DomainEvent[] => [
  ...assessed(o),
  event('ChangeRequestRejected', { rejectedBy: people.johan, reason: 'risk_too_high', rationale: 'Too risky for this quarter' }),
];

export const scheduled = (o: HistoryOptions = {}): DomainEvent[] => [
  ...approved(o),
  event('ChangeRequestScheduled', {
    window: { start: '2025-12-05T08:00:00Z', end: '2025-12-05T18:00:00Z' },
    builders: [people.builder.id],
    testEnvironment: 'test-env-1',
    notes: '',
  }),
];

const baselineSet = event('TestEnvironmentBaselineSet', { environment: 'test-env-1', baseline: 'baseline-1' });

export const baselined = (o: HistoryOptions = {}): DomainEvent[] => [...scheduled(o), baselineSet];

/** Status testing: build 1 deployed to the test environment, not yet tested. */
export const inTesting = (o: HistoryOptions = {}): DomainEvent[] => [
  ...baselined(o),
  event('ChangeDeployedToTestEnvironment', { environment: 'test-env-1', build: 'build-1' }),
];

export const testingStarted = (o: HistoryOptions = {}): DomainEvent[] => [
  ...inTesting(o),
  event('TestingStarted', { environment: 'test-env-1', suites: ['unit', 'integration', 'api'] }),
];

export const passingRun = event('TestResultsRecorded', { results: passingResults, verdict: passingVerdict });

export const testsPassed = (o: HistoryOptions = {}): DomainEvent[] => [...testingStarted(o), passingRun];

export const validated = (o: HistoryOptions = {}): DomainEvent[] => [
  ...testsPassed(o),
  event('TestEnvironmentValidated', { environment: 'test-env-1', workingAsExpected: true, anomalies: [], performanceAcceptable: true, notes: '' }),
];

export const rollbackPlanDocumented = (o: HistoryOptions = {}): DomainEvent =>
  event('RollbackPlanDocumented', {
    plan: rollbackPlan(o.rollbackType === 'schema' ? { rollbackType: 'schema', migrationScript: 'migrations/down.sql' } : {}),
  });

/** Every gate passes: tested, validated, rollback plan tested, compliance validated (low impact needs no documentation). */
export const readyForProduction = (o: HistoryOptions = {}): DomainEvent[] => [
  ...validated(o),
  rollbackPlanDocumented(o),
  event('ComplianceValidated', { validation: complianceValidation() }),
];

export const testingFailed = (o: HistoryOptions = {}): DomainEvent[] => [
  ...testingStarted(o),
  event('TestResultsRecorded', { results: failingResults, verdict: failingVerdict }),
  event('TestingFailed', { findings: failingVerdict.findings }),
];

export const revised = (o: HistoryOptions = {}): DomainEvent[] => [
  ...testingFailed(o),
  event('ChangeRevised', { summary: 'Fix the serializer default', changes: ['src/wrac/serializers.ts'] }),
];

export const deployed = (o: HistoryOptions = {}): DomainEvent[] => [
  ...readyForProduction(o),
  event('DeployedToProduction', { release: 'platform 2.4.0', changeSet, deploymentLog: [], gates: allGatesPassing, deployedAt: DEPLOYED_AT }),
];

export const verified = (o: HistoryOptions = {}): DomainEvent[] => [
  ...deployed(o),
  event('ChangeVerified', { criteria: allCriteriaMet, monitoringHours: 25, report: 'No errors' }),
];

export const deploymentFailed = (o: HistoryOptions = {}): DomainEvent[] => [
  ...deployed(o),
  event('ProductionDeploymentFailed', { reason: 'Migration timed out', errors: ['ETIMEDOUT'] }),
];

export const rollingBack = (o: HistoryOptions = {}): DomainEvent[] => [
  ...deployed(o),
  event('RollbackInitiated', {
    trigger: 'critical_errors',
    rollbackType: o.rollbackType ?? 'code',
    decidedBy: people.johan,
    reason: '500 errors on /api/wrac/assets',
    stakeholdersNotified: [people.owner.id],
  }),
];

export const rollbackExecuted = (o: HistoryOptions = {}): DomainEvent[] => [
  ...rollingBack(o),
  event('RollbackExecuted', { revertedTo: 'platform 2.3.9', steps: ['git revert', 'redeploy'] }),
];

export const rollbackValidated = (o: HistoryOptions = {}): DomainEvent[] => [
  ...rollbackExecuted(o),
  event('RollbackValidated', { stable: true, notes: 'Error rate back to baseline', validatedAt: ROLLBACK_VALIDATED_AT }),
];

export const rolledBack = (o: HistoryOptions = {}): DomainEvent[] => [
  ...rollbackValidated(o),
  event('RollbackPostMortemRecorded', { rootCause: 'Serializer default missing', crUpdates: 'Add default', replan: 'Next window' }),
];

export const closedAsSuccess = (o: HistoryOptions = {}): DomainEvent[] => [
  ...verified(o),
  event('ChangeRequestClosed', { outcome: 'success', reason: '' }),
];

export const emergencyDeclared = (): DomainEvent[] => [
  event('EmergencyDeclared', {
    changeRequestId: CR_ID,
    number: 'CR-2025-050',
    criterion: 'system_outage',
    justification: 'Production login is down for every tenant',
    title: 'Restore login',
    description: { summary: 'Revert the session-store config', details: '' },
    category: 'configuration',
    affectedModules: ['Auth'],
    declaredBy: people.johan,
    declaredAt: hoursAfter(FIX_APPLIED_AT, -1),
  }),
];

export const emergencyFixed = (): DomainEvent[] => [
  ...emergencyDeclared(),
  event('EmergencyFixApplied', {
    description: 'Session store pointed back at the primary',
    changeSet: { modules: ['Auth'], files: [], schemas: [], configs: ['session-store.yaml'] },
    testEnvironmentBypassed: true,
    bypassJustification: 'Outage: every minute counts',
    appliedAt: FIX_APPLIED_AT,
    retrospectiveDueAt: hoursAfter(FIX_APPLIED_AT, 24),
  }),
];

export const retrospectiveAssessment = event('RetrospectiveAssessmentRecorded', {
  impact: impactWith({ technical: { modulesAffected: ['Auth'] } }),
  dimensionLevels: { modulesAffected: 'low', breakingChanges: 'low', tenantImpact: 'low', downtime: 'low', rollbackComplexity: 'low' },
  overallImpact: 'low',
  risks: [{ ...risk('unlikely', 'moderate'), level: 'medium' }],
  overallRisk: 'medium',
  late: false,
});
export const retrospectiveTesting = event('RetrospectiveTestingRecorded', { results: passingResults, verdict: passingVerdict });
export const failedRetrospectiveTesting = event('RetrospectiveTestingRecorded', { results: failingResults, verdict: failingVerdict });
export const postIncidentReview = event('PostIncidentReviewRecorded', {
  rootCause: 'Config drift on the session store',
  prevention: ['Config changes go through CRs'],
});

/** One history per status, for sweeps over the lifecycle table. */
export const historyByStatus: { readonly [S in Status | 'none']: readonly DomainEvent[] } = {
  none: [],
  draft: drafted(),
  submitted: submitted(),
  assessed: assessed(),
  approved: approved(),
  rejected: rejected(),
  scheduled: scheduled(),
  testing: inTesting(),
  testing_failed: testingFailed(),
  deployed: deployed(),
  deployment_failed: deploymentFailed(),
  rolling_back: rollingBack(),
  rolled_back: rolledBack(),
  verified: verified(),
  closed: closedAsSuccess(),
  emergency: emergencyDeclared(),
};

// ---------------------------------------------------------------- commands

/** Valid data for every command: what a caller would send, after validation. */
export const sampleData: { readonly [K in CommandType]: CommandDataMap[K] } = {
  DraftChangeRequest: {
    crType: 'manual',
    title: "Add 'asset_owner' field to WRAC assets",
    description: { summary: 'Add asset_owner', details: '' },
    category: 'code',
    affectedModules: ['WRAC'],
    estimatedEffort: '1 day',
    stakeholders: [people.owner.id],
  },
  SubmitChangeRequest: { number: 'CR-2025-001' },
  NotifyStakeholders: { stakeholders: [people.owner.id], message: 'FYI' },
  RecordImpactAssessment: { assessment: lowImpact },
  RecordRiskAssessment: { risks: [risk('rare', 'minor')] },
  RecordRegressionPlan: { plan: regressionPlan },
  IssueAiRecommendation: { recommendation: 'Approve and schedule for the next maintenance window' },
  RecordStakeholderReview: { position: 'concur', comment: 'Fine by the WRAC team' },
  EscalateChangeRequest: { reason: 'Critical risk' },
  ApproveChangeRequest: { rationale: 'Impact acceptable, risk mitigated' },
  RejectChangeRequest: { reason: 'better_alternative_exists', rationale: 'Use the existing owner field' },
  ScheduleChangeRequest: {
    window: { start: '2025-12-05T08:00:00Z', end: '2025-12-05T18:00:00Z' },
    builders: [people.builder.id],
    testEnvironment: 'test-env-1',
    notes: '',
  },
  SetTestBaseline: { baseline: 'baseline-2' },
  DeployToTestEnvironment: { build: 'build-2' },
  StartTesting: { suites: ['unit'] },
  RecordTestResults: { results: passingResults },
  ReviseChange: { summary: 'Fix the serializer default', changes: [] },
  ValidateTestEnvironment: { workingAsExpected: true, anomalies: [], performanceAcceptable: true, notes: '' },
  ResetTestEnvironment: {},
  UpdateDocumentation: { update: { kind: 'api', reference: 'API documentation', summary: '' } },
  DocumentRollbackPlan: { plan: rollbackPlan() },
  ValidateCompliance: { validation: complianceValidation() },
  EvaluateGates: {},
  DeployToProduction: { release: 'platform 2.4.0', changeSet, deploymentLog: [] },
  RecordDeploymentFailure: { reason: 'Migration timed out', errors: [] },
  InitiateRollback: { trigger: 'critical_errors', rollbackType: 'code', reason: '500 errors', stakeholdersNotified: [] },
  ExecuteRollback: { revertedTo: 'platform 2.3.9', steps: ['git revert'] },
  ValidateRollback: { notes: 'Stable' },
  RecordPostMortem: { rootCause: 'Serializer default missing', crUpdates: '', replan: '' },
  VerifyChange: { criteria: allCriteriaMet, report: 'No errors' },
  CloseChangeRequest: { learnings: [], reason: '' },
  WithdrawChangeRequest: { reason: 'No longer needed' },
  DeclareEmergency: {
    number: 'CR-2025-050',
    criterion: 'system_outage',
    justification: 'Production login is down',
    title: 'Restore login',
    description: { summary: 'Revert the session-store config', details: '' },
    category: 'configuration',
    affectedModules: ['Auth'],
  },
  ApplyEmergencyFix: {
    description: 'Session store pointed back at the primary',
    changeSet: { modules: ['Auth'], files: [], schemas: [], configs: [] },
    testEnvironmentBypassed: false,
    bypassJustification: '',
  },
  RecordRetrospectiveAssessment: { impact: lowImpact, risks: [risk('unlikely', 'moderate')] },
  RecordRetrospectiveTesting: { results: passingResults },
  RecordPostIncidentReview: { rootCause: 'Config drift', prevention: ['Config changes go through CRs'] },
};

export const commandTypes = Object.keys(sampleData) as CommandType[];

/** A valid command of that type by the first role the default permission table allows. */
export const sampleCommand = <K extends CommandType>(type: K, actor: Actor = actorOf[defaultPermissions[type][0]!]): CommandOf<K> =>
  command(type, actor, sampleData[type]);

/** A history with every event of the given types left out (for "given everything but ..."). */
export const without = (history: readonly DomainEvent[], ...types: readonly EventType[]): DomainEvent[] =>
  history.filter((e) => !types.includes(e.type));

/** Stores a history as the CR's stream (sealed with the hash chain), so the command pipeline can take it from there. */
export const seedChangeRequest = async (store: EventStore, history: readonly DomainEvent[], id: string = CR_ID): Promise<void> => {
  let n = 0;
  const context = { actor: people.johan, occurredAt: T0, correlationId: `seed-${id}`, causationId: `seed-${id}`, commandType: 'Seed' };
  const { appends } = sealDomainEvents(history, context, null, () => `seed-${id}-${++n}`);
  await store.appendToStream(changeRequestStream(id), appends, { expectedRevision: 'no_stream' });
};
