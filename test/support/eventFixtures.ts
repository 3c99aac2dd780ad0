import { createHash } from 'node:crypto';
import type {
  AssessedRisk,
  ChangeSet,
  IdentifiedRisk,
  GateResult,
  ImpactAssessment,
  RegressionPlan,
  TestRunResults,
} from '../../src/events/assessments.js';
import type { DomainEvent, EventData, EventType } from '../../src/events/catalogue.js';
import { sealDomainEvents } from '../../src/events/envelope.js';
import { changeRequestStream, numberAllocatedEventType, numberStream, parseChangeRequestNumber } from '../../src/events/streams.js';
import type { Actor, ChangeCategory, Level } from '../../src/events/values.js';
import { approvalRequirement } from '../../src/domain/approvalPolicy.js';
import type { CommandType } from '../../src/domain/commands.js';
import { gateOrder } from '../../src/domain/gates.js';
import { impactDimensionLevels, overallImpactLevel } from '../../src/domain/impactMatrix.js';
import { regressionVerdict } from '../../src/domain/regression.js';
import { overallRiskLevel, riskLevel } from '../../src/domain/riskMatrix.js';
import type { EventStore, EventToAppend } from '../../src/store/port.js';

/**
 * Realistic event sequences of whole change-request lifecycles, as the
 * command pipeline would have appended them, for tests that start from
 * "given these stored events".
 *
 * A lifecycle is a list of steps; a step is one command's worth of events
 * (one actor, one instant, appended atomically). Every builder takes a
 * start instant and named durations, so tests can compute expected figures
 * (approval time, lead time...) by hand. `upTo` cuts a lifecycle after the
 * step holding the first event of that type, for CRs still in progress.
 *
 * `seedStore` seals the steps with the hash chain (sealDomainEvents) and
 * appends them, interleaving all streams in time order like a live system;
 * `appendSteps` appends a slice of one lifecycle (seed a prefix, append the
 * rest later as live events); `sealFixture` gives the sealed batches.
 *
 *     const cr = manualSuccess({ number: 'CR-2025-007', level: 'high', upTo: 'AssessmentCompleted' });
 *     await seedStore(store, [cr, rolledBack(), emergency({ retrospective: 'missing' })]);
 */

export interface FixtureStep {
  readonly commandType: CommandType;
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly events: readonly DomainEvent[];
}

export interface FixtureStream {
  readonly changeRequestId: string;
  readonly number: string;
  readonly streamName: string;
  readonly steps: readonly FixtureStep[];
}

export const actors = {
  foreman: { id: 'Maturion Foreman', role: 'foreman' },
  johan: { id: 'Johan', role: 'change_manager' },
  /** A second change manager who drafts manual CRs, so Johan may approve them (segregation of duties). */
  amara: { id: 'Amara', role: 'change_manager' },
  builder: { id: 'builder-api', role: 'builder' },
  qa: { id: 'qa-builder', role: 'qa_builder' },
  stakeholder: { id: 'WRAC module owner', role: 'stakeholder' },
  executive: { id: 'CEO', role: 'executive' },
} as const satisfies Record<string, Actor>;

/** Common knobs of every builder. Durations are in hours. */
export interface LifecycleOptions {
  /** CR number, e.g. CR-2025-001 (AI-CR-... for AI CRs). The stream id is derived from it unless `id` is given. */
  readonly number?: string;
  readonly id?: string;
  /** Instant of the first event. */
  readonly start?: string;
  readonly title?: string;
  readonly category?: ChangeCategory;
  readonly modules?: readonly string[];
  readonly tenants?: 'all' | 'none' | readonly string[];
  /** Target approval level; impact and risk are chosen to produce it (critical: risk critical, impact high). */
  readonly level?: Level;
  readonly contractChange?: 'none' | 'compatible' | 'breaking';
  readonly changeSet?: Partial<ChangeSet>;
  /** Submitted -> approved. */
  readonly approvalHours?: number;
  /** Approved -> deployed to production. */
  readonly deploymentHours?: number;
  /** Deployed -> verified (at least the 24 h window). */
  readonly verificationHours?: number;
  /** Drop stakeholder notification, the explicit gate evaluation and closure learnings: exactly 20 events for a manual success. */
  readonly minimal?: boolean;
  /** Record a failing gate evaluation (documentation missing) before the documentation is updated. */
  readonly failedGateEvaluation?: boolean;
  /** Cut the lifecycle after the step holding the first event of this type. */
  readonly upTo?: EventType;
}

const HOUR = 3_600_000;
const iso = (ms: number): string => new Date(ms).toISOString();

// ---------------------------------------------------------------- content

const defaultModules = (level: Level): string[] => (level === 'low' ? ['WRAC'] : ['WRAC', 'Risk_Assessment']);

/** An impact assessment whose matrix level is `level` (capped at high), after spec 4.3. */
export const impactAssessmentFor = (
  level: Level,
  modules: readonly string[],
  tenants: 'all' | 'none' | readonly string[],
  contractChange?: 'none' | 'compatible' | 'breaking',
): ImpactAssessment => {
  const low = level === 'low';
  const high = level === 'high' || level === 'critical';
  return {
    technical: {
      modulesAffected: [...modules],
      coreModuleAffected: false,
      integrationContracts: low ? [] : ['WRAC assets API'],
      schemaChanges: low ? [] : ['Added asset_owner column to wrac_assets table'],
      apiChanges: low ? [] : ['Updated API endpoint /api/wrac/assets'],
      uiChanges: low ? [] : ['new optional field in asset form'],
      contractChange: contractChange ?? (low ? 'none' : 'compatible'),
      performanceImpact: 'neutral',
    },
    tenant: {
      affectedTenants: typeof tenants === 'string' ? tenants : [...tenants],
      userExperience: low ? '' : 'new optional field in asset form',
      userExperienceChanged: !low,
      dataMigrationRequired: high,
      dataMigration: high ? 'backfill asset_owner from asset custodian' : 'none (nullable column)',
      downtimeMinutes: 0,
    },
    compliance: {
      controlMappingsAffected: low ? [] : ['ISO_27001_A.8.1'],
      coverageImpact: low ? '' : '+2% (improved asset accountability)',
      auditTrailChanges: '',
      regulatoryImpact: low ? '' : 'positive (better GDPR compliance)',
    },
    operational: {
      deploymentComplexity: low ? 'simple' : 'medium',
      rollbackComplexity: low ? 'easy' : 'medium',
      trainingRequired: 'none',
      documentationUpdates: low ? [] : ['WRAC user guide', 'API documentation'],
    },
  };
};

/** Identified risks whose highest matrix level is `level`, after spec 5.4. */
export const risksFor = (level: Level, tag: string): AssessedRisk[] => {
  const risks: IdentifiedRisk[] = [];
  if (level !== 'low') {
    risks.push({
      riskId: `RISK-${tag}-01`,
      description: 'Asset owner field not populated for existing assets',
      category: 'data_quality',
      likelihood: 'likely',
      impact: 'minor',
      treatment: 'mitigate',
      mitigation: 'Add data migration script to set default owner; notify admins to review',
    });
  }
  risks.push({
    riskId: `RISK-${tag}-02`,
    description: 'API clients not expecting new field',
    category: 'integration',
    likelihood: 'unlikely',
    impact: 'minor',
    treatment: 'accept',
    mitigation: 'Field is optional, backward compatible',
  });
  if (level === 'high' || level === 'critical') {
    risks.push({
      riskId: `RISK-${tag}-03`,
      description: 'Backfill locks the assets table during business hours',
      category: 'operational',
      likelihood: level === 'critical' ? 'almost_certain' : 'likely',
      impact: level === 'critical' ? 'major' : 'moderate',
      treatment: 'mitigate',
      mitigation: 'Run the backfill in batches inside the maintenance window',
    });
  }
  return risks.map((r) => ({ ...r, level: riskLevel(r.likelihood, r.impact) }));
};

export const regressionPlan: RegressionPlan = {
  existingTests: { total: 245, suites: ['unit', 'integration', 'api', 'database'] },
  newTestsRequired: 5,
  newTests: ['asset_owner persisted', 'asset_owner optional on POST', 'asset_owner in GET', 'owner filter', 'migration default'],
  architectureConflicts: [],
  coverageBaseline: 92.5,
};

/** The passing run of spec 6.4 (245 existing tests, 5 new, coverage 92.5 -> 93.1, 145 -> 147 ms). */
export const passingResults: TestRunResults = {
  existingTests: { total: 245, passed: 245, failed: 0, skipped: 0 },
  newTests: { required: 5, created: 5, passed: 5, failed: 0 },
  coverage: { before: 92.5, after: 93.1 },
  performance: { baselineResponseTimeMs: 145, afterChangeResponseTimeMs: 147 },
  security: { newVulnerabilities: 0 },
  compliance: { controlCoverageMaintained: true },
  suites: ['unit', 'integration', 'api', 'database'],
};

/** A regressing run: two existing tests fail. */
export const failingResults: TestRunResults = {
  ...passingResults,
  existingTests: { total: 245, passed: 243, failed: 2, skipped: 0 },
};

export const allGatesPassed = (): GateResult[] =>
  gateOrder.map((gate, i) => ({ gate, number: i + 1, passed: true, unmet: [] }));

const documentationGateFailed = (): GateResult[] =>
  gateOrder.map((gate, i) =>
    gate === 'documentation'
      ? { gate, number: i + 1, passed: false, unmet: ['user documentation updated'] }
      : { gate, number: i + 1, passed: true, unmet: [] },
  );

// ---------------------------------------------------------------- building

/** Places `count` instants evenly strictly between `from` and `to`. */
const spread = (from: number, to: number, count: number): number[] =>
  Array.from({ length: count }, (_, i) => from + ((to - from) * (i + 1)) / (count + 1));

class StepList {
  readonly steps: FixtureStep[] = [];
  add(commandType: CommandType, actor: Actor, at: number, ...events: DomainEvent[]): this {
    this.steps.push({ commandType, actor, occurredAt: iso(at), events });
    return this;
  }
}

interface Resolved {
  readonly id: string;
  readonly number: string;
  readonly start: number;
  readonly level: Level;
  readonly modules: readonly string[];
  readonly tenants: 'all' | 'none' | readonly string[];
  readonly title: string;
  readonly category: ChangeCategory;
  readonly approvalHours: number;
  readonly deploymentHours: number;
  readonly verificationHours: number;
  readonly o: LifecycleOptions;
}

/** RISK-CR001-01 style ids (spec 5.4): the number without its year. */
const riskTag = (number: string): string => number.replace(/-\d{4}-/, '').replace(/-/g, '');

const idFromNumber = (number: string): string => number.replace(/-/g, '_').toLowerCase();

const resolve = (o: LifecycleOptions, defaults: { number: string; title: string; level: Level }): Resolved => {
  const number = o.number ?? defaults.number;
  const level = o.level ?? defaults.level;
  return {
    id: o.id ?? idFromNumber(number),
    number,
    start: Date.parse(o.start ?? '2025-12-01T09:00:00.000Z'),
    level,
    modules: o.modules ?? defaultModules(level),
    tenants: o.tenants ?? 'all',
    title: o.title ?? defaults.title,
    category: o.category ?? 'code',
    approvalHours: o.approvalHours ?? 24,
    deploymentHours: o.deploymentHours ?? 48,
    verificationHours: o.verificationHours ?? 25,
    o,
  };
};

const finish = (r: Resolved, list: StepList): FixtureStream => {
  let steps: readonly FixtureStep[] = list.steps;
  if (r.o.upTo !== undefined) {
    const cut = steps.findIndex((s) => s.events.some((e) => e.type === r.o.upTo));
    if (cut === -1) throw new Error(`fixture ${r.number} has no ${r.o.upTo} event to stop at`);
    steps = steps.slice(0, cut + 1);
  }
  return { changeRequestId: r.id, number: r.number, streamName: changeRequestStream(r.id), steps };
};

/** Assessment (impact, risk, regression plan + completion) and approval, ending at submitted + approvalHours. */
const assessAndApprove = (
  r: Resolved,
  list: StepList,
  submittedAt: number,
  crType: 'manual' | 'ai_generated',
  drafter: Actor,
): { approvedAt: number; approvers: Actor[] } => {
  const assessment = impactAssessmentFor(r.level, r.modules, r.tenants, r.o.contractChange);
  const dimensionLevels = impactDimensionLevels(assessment);
  const overallImpact = overallImpactLevel(dimensionLevels);
  const risks = risksFor(r.level, riskTag(r.number));
  const overallRisk = overallRiskLevel(risks);
  const requirement = approvalRequirement({ overallImpact, overallRisk, impact: assessment, category: r.category, crType });
  const approvedAt = submittedAt + r.approvalHours * HOUR;
  const notify = r.o.minimal !== true;

  const approvers: Actor[] = requirement.autoApprovalEligible
    ? [actors.foreman]
    : requirement.requiredApprovers.includes('executive')
      ? [actors.johan, actors.executive]
      : [actors.johan];
  const middle: ((at: number) => void)[] = [];
  if (notify) {
    middle.push((at) =>
      list.add('NotifyStakeholders', drafter, at, {
        type: 'StakeholdersNotified',
        data: { stakeholders: [actors.stakeholder.id], message: `${r.number} submitted for assessment` },
      }),
    );
  }
  middle.push(
    (at) => list.add('RecordImpactAssessment', actors.foreman, at, { type: 'ImpactAssessed', data: { assessment, dimensionLevels, overallImpact } }),
    (at) => list.add('RecordRiskAssessment', actors.foreman, at, { type: 'RiskAssessed', data: { risks, overallRisk } }),
    (at) =>
      list.add(
        'RecordRegressionPlan',
        actors.qa,
        at,
        { type: 'RegressionAnalysisPlanned', data: { plan: regressionPlan } },
        { type: 'AssessmentCompleted', data: requirement },
      ),
  );
  if (crType === 'ai_generated') {
    middle.push((at) =>
      list.add('IssueAiRecommendation', actors.foreman, at, {
        type: 'AiRecommendationIssued',
        data: {
          recommendation: 'Approve and schedule for next maintenance window',
          autoApprovalEligible: requirement.autoApprovalEligible,
          approvalRequiredFrom: [...requirement.requiredApprovers],
        },
      }),
    );
  }
  if (requirement.stakeholderConcurrenceRequired) {
    middle.push((at) =>
      list.add('RecordStakeholderReview', actors.stakeholder, at, {
        type: 'StakeholderReviewRecorded',
        data: { reviewer: actors.stakeholder, position: 'concur', comment: 'Backfill plan reviewed' },
      }),
    );
  }
  const grants = approvers.map((approver) => ({
    approver,
    rationale: approver.role === 'foreman' ? 'Low risk within guardrails: auto-approved' : 'Impact acceptable, risks mitigated',
    autoApproval: approver.role === 'foreman',
  }));
  if (approvers.length > 1) {
    middle.push((at) => list.add('ApproveChangeRequest', actors.johan, at, { type: 'ApprovalGranted', data: grants[0]! }));
    middle.push((at) =>
      list.add('EscalateChangeRequest', actors.johan, at, {
        type: 'ChangeRequestEscalated',
        data: { escalatedTo: 'executive', reason: 'Critical risk: executive approval required' },
      }),
    );
  }
  const times = spread(submittedAt, approvedAt, middle.length);
  middle.forEach((addAt, i) => addAt(times[i]!));
  const last = grants[grants.length - 1]!;
  list.add(
    'ApproveChangeRequest',
    last.approver,
    approvedAt,
    { type: 'ApprovalGranted', data: last },
    {
      type: 'ChangeRequestApproved',
      data: { approvers, approvalLevel: requirement.approvalLevel, autoApproval: last.autoApproval, approvedAt: iso(approvedAt) },
    },
  );
  return { approvedAt, approvers };
};

const changeSetFor = (r: Resolved): ChangeSet => ({
  modules: [...r.modules],
  files: r.modules.map((m) => `src/${m.toLowerCase()}/index.ts`),
  schemas: r.level === 'low' ? [] : ['wrac_assets'],
  configs: [],
  ...r.o.changeSet,
});

interface TestingPlan {
  /** A first run that regresses, then a revision and a passing rerun. */
  readonly failFirst?: boolean;
}

/** Schedule, test environment, readiness and production deployment, ending at approved + deploymentHours. */
const testAndDeploy = (r: Resolved, list: StepList, approvedAt: number, plan: TestingPlan = {}): number => {
  const deployedAt = approvedAt + r.deploymentHours * HOUR;
  const env = 'test-eu-1';
  const middle: ((at: number) => void)[] = [
    (at) =>
      list.add('ScheduleChangeRequest', actors.johan, at, {
        type: 'ChangeRequestScheduled',
        data: {
          window: { start: iso(approvedAt + HOUR), end: iso(deployedAt + HOUR) },
          builders: [actors.builder.id],
          testEnvironment: env,
          notes: '',
        },
      }),
    (at) => list.add('SetTestBaseline', actors.qa, at, { type: 'TestEnvironmentBaselineSet', data: { environment: env, baseline: 'baseline-2025.12' } }),
    (at) => list.add('DeployToTestEnvironment', actors.qa, at, { type: 'ChangeDeployedToTestEnvironment', data: { environment: env, build: `${r.number}-build-1` } }),
    (at) => list.add('StartTesting', actors.qa, at, { type: 'TestingStarted', data: { environment: env, suites: ['unit', 'integration', 'api', 'database'] } }),
  ];
  if (plan.failFirst) {
    const verdict = regressionVerdict(failingResults, 10, regressionPlan);
    middle.push(
      (at) =>
        list.add(
          'RecordTestResults',
          actors.qa,
          at,
          { type: 'TestResultsRecorded', data: { results: failingResults, verdict } },
          { type: 'TestingFailed', data: { findings: verdict.findings } },
        ),
      (at) =>
        list.add('ReviseChange', actors.builder, at, {
          type: 'ChangeRevised',
          data: { summary: 'Fixed the asset serializer dropping unknown fields', changes: ['src/wrac/serializer.ts'] },
        }),
      (at) => list.add('ResetTestEnvironment', actors.qa, at, { type: 'TestEnvironmentReset', data: { environment: env, baseline: 'baseline-2025.12' } }),
      (at) => list.add('DeployToTestEnvironment', actors.qa, at, { type: 'ChangeDeployedToTestEnvironment', data: { environment: env, build: `${r.number}-build-2` } }),
      (at) => list.add('StartTesting', actors.qa, at, { type: 'TestingStarted', data: { environment: env, suites: ['unit', 'integration', 'api', 'database'] } }),
    );
  }
  middle.push(
    (at) =>
      list.add('RecordTestResults', actors.qa, at, {
        type: 'TestResultsRecorded',
        data: { results: passingResults, verdict: regressionVerdict(passingResults, 10, regressionPlan) },
      }),
    (at) =>
      list.add('ValidateTestEnvironment', actors.qa, at, {
        type: 'TestEnvironmentValidated',
        data: { environment: env, workingAsExpected: true, anomalies: [], performanceAcceptable: true, notes: '' },
      }),
  );
  if (r.o.failedGateEvaluation) {
    middle.push((at) => list.add('EvaluateGates', actors.foreman, at, { type: 'GatesEvaluated', data: { results: documentationGateFailed(), allPassed: false } }));
  }
  middle.push(
    (at) =>
      list.add('UpdateDocumentation', actors.builder, at, {
        type: 'DocumentationUpdated',
        data: { update: { kind: 'user', reference: 'WRAC user guide', summary: 'Updated WRAC user documentation' } },
      }),
    (at) =>
      list.add('DocumentRollbackPlan', actors.builder, at, {
        type: 'RollbackPlanDocumented',
        data: {
          plan: {
            procedure: 'Redeploy the previous release; drop the asset_owner column with the down migration',
            rollbackType: r.level === 'low' ? 'code' : 'schema',
            decisionCriteria: ['error rate above 1%', 'p95 latency above 200 ms'],
            testedInTestEnvironment: true,
            ...(r.level === 'low' ? {} : { migrationScript: 'migrations/down/2025_12_asset_owner.sql' }),
          },
        },
      }),
    (at) =>
      list.add('ValidateCompliance', actors.foreman, at, {
        type: 'ComplianceValidated',
        data: { validation: { controlMappingsUpdated: true, coverageBefore: 92.5, coverageAfter: 93.1, regulatoryViolations: [] } },
      }),
  );
  if (!r.o.minimal) {
    middle.push((at) => list.add('EvaluateGates', actors.foreman, at, { type: 'GatesEvaluated', data: { results: allGatesPassed(), allPassed: true } }));
  }
  const times = spread(approvedAt, deployedAt, middle.length);
  middle.forEach((addAt, i) => addAt(times[i]!));
  list.add('DeployToProduction', actors.johan, deployedAt, {
    type: 'DeployedToProduction',
    data: {
      release: `release-${r.number}`,
      changeSet: changeSetFor(r),
      deploymentLog: [`migrated ${r.level === 'low' ? 'nothing' : 'wrac_assets'}`, 'health checks green'],
      gates: allGatesPassed(),
      deployedAt: iso(deployedAt),
    },
  });
  return deployedAt;
};

/** Verification at `verifiedAt`, then closure an hour later (with learnings unless minimal). */
const verifyAndClose = (r: Resolved, list: StepList, verifiedAt: number): number => {
  list.add('VerifyChange', actors.johan, verifiedAt, {
    type: 'ChangeVerified',
    data: {
      criteria: { featureWorking: true, noProductionErrors: true, performanceAcceptable: true, noUserIssues: true, complianceMaintained: true },
      monitoringHours: r.verificationHours,
      report: 'No errors in production logs; p95 stable',
    },
  });
  const closedAt = verifiedAt + HOUR;
  const closing: DomainEvent[] = [];
  if (!r.o.minimal) {
    closing.push({
      type: 'LearningsRecorded',
      data: { learnings: [{ topic: 'regression', insight: `${r.title}: nullable columns need a backfill plan at assessment` }] },
    });
  }
  closing.push({ type: 'ChangeRequestClosed', data: { outcome: 'success', reason: '' } });
  list.add('CloseChangeRequest', actors.foreman, closedAt, ...closing);
  return closedAt;
};

const draft = (r: Resolved, list: StepList, crType: 'manual' | 'ai_generated', drafter: Actor, extra: Partial<EventData<'ChangeRequestDrafted'>> = {}): number => {
  list.add('DraftChangeRequest', drafter, r.start, {
    type: 'ChangeRequestDrafted',
    data: {
      changeRequestId: r.id,
      crType,
      title: r.title,
      description: { summary: r.title, details: 'Asset accountability: every asset names its owner' },
      category: r.category,
      affectedModules: [...r.modules],
      estimatedEffort: '2 days',
      stakeholders: r.o.minimal ? [] : [actors.stakeholder.id],
      draftedBy: drafter,
      ...extra,
    },
  });
  const submittedAt = r.start + HOUR;
  list.add('SubmitChangeRequest', drafter, submittedAt, { type: 'ChangeRequestSubmitted', data: { number: r.number, submittedAt: iso(submittedAt) } });
  return submittedAt;
};

// ---------------------------------------------------------------- lifecycles

const manualDefaults = { number: 'CR-2025-001', title: 'Add asset_owner field to WRAC assets', level: 'medium' as Level };

/** A manual CR from draft to successful closure (spec CR-2025-001 by default: medium impact, medium risk, approved by Johan). */
export const manualSuccess = (o: LifecycleOptions = {}): FixtureStream => {
  const r = resolve(o, manualDefaults);
  const list = new StepList();
  const submittedAt = draft(r, list, 'manual', actors.amara);
  const { approvedAt } = assessAndApprove(r, list, submittedAt, 'manual', actors.amara);
  const deployedAt = testAndDeploy(r, list, approvedAt);
  verifyAndClose(r, list, deployedAt + r.verificationHours * HOUR);
  return finish(r, list);
};

/** A manual CR whose first test run regresses: testing failed, revised, retested, then deployed and closed. */
export const failedTestThenRevision = (o: LifecycleOptions = {}): FixtureStream => {
  const r = resolve(o, { ...manualDefaults, number: 'CR-2025-002' });
  const list = new StepList();
  const submittedAt = draft(r, list, 'manual', actors.amara);
  const { approvedAt } = assessAndApprove(r, list, submittedAt, 'manual', actors.amara);
  const deployedAt = testAndDeploy(r, list, approvedAt, { failFirst: true });
  verifyAndClose(r, list, deployedAt + r.verificationHours * HOUR);
  return finish(r, list);
};

export interface RollbackOptions extends LifecycleOptions {
  /** post_deployment: deployed, then rolled back on errors; deployment_failed: the deployment itself failed first. */
  readonly failure?: 'post_deployment' | 'deployment_failed';
  /** Deployed -> rollback initiated. */
  readonly rollbackAfterHours?: number;
  /** Rollback initiated -> rollback validated (time to restore after the decision). */
  readonly restoreHours?: number;
}

/** A manual CR deployed, then rolled back (spec 15), post-mortem recorded, closed as rolled_back. */
export const rolledBack = (o: RollbackOptions = {}): FixtureStream => {
  const r = resolve(o, { ...manualDefaults, number: 'CR-2025-003' });
  const list = new StepList();
  const submittedAt = draft(r, list, 'manual', actors.amara);
  const { approvedAt } = assessAndApprove(r, list, submittedAt, 'manual', actors.amara);
  const deployedAt = testAndDeploy(r, list, approvedAt);
  let initiatedAt = deployedAt + (o.rollbackAfterHours ?? 2) * HOUR;
  if (o.failure === 'deployment_failed') {
    const failedAt = deployedAt + 0.25 * HOUR;
    list.add('RecordDeploymentFailure', actors.foreman, failedAt, {
      type: 'ProductionDeploymentFailed',
      data: { reason: 'Migration timed out on the production assets table', errors: ['lock wait timeout exceeded'] },
    });
    initiatedAt = Math.max(initiatedAt, failedAt + 0.25 * HOUR);
  }
  const validatedAt = initiatedAt + (o.restoreHours ?? 1) * HOUR;
  list.add('InitiateRollback', actors.johan, initiatedAt, {
    type: 'RollbackInitiated',
    data: {
      trigger: o.failure === 'deployment_failed' ? 'critical_errors' : 'performance_degradation',
      rollbackType: r.level === 'low' ? 'code' : 'schema',
      decidedBy: actors.johan,
      reason: 'p95 latency of /api/wrac/assets doubled',
      stakeholdersNotified: [actors.stakeholder.id],
    },
  });
  list.add('ExecuteRollback', actors.johan, (initiatedAt + validatedAt) / 2, {
    type: 'RollbackExecuted',
    data: { revertedTo: 'release-previous', steps: ['redeploy previous release', 'run down migration'], migrationScript: 'migrations/down/2025_12_asset_owner.sql' },
  });
  list.add('ValidateRollback', actors.foreman, validatedAt, {
    type: 'RollbackValidated',
    data: { stable: true, notes: 'error rate back to baseline', validatedAt: iso(validatedAt) },
  });
  const postMortemAt = validatedAt + 24 * HOUR;
  list.add('RecordPostMortem', actors.johan, postMortemAt, {
    type: 'RollbackPostMortemRecorded',
    data: { rootCause: 'Missing index on asset_owner made list queries scan', crUpdates: 'Add index to the CR', replan: 'Retry next window' },
  });
  list.add(
    'CloseChangeRequest',
    actors.foreman,
    postMortemAt + HOUR,
    { type: 'LearningsRecorded', data: { learnings: [{ topic: 'performance', insight: 'New filter columns need an index in the same change' }] } },
    { type: 'ChangeRequestClosed', data: { outcome: 'rolled_back', reason: 'Rolled back after performance degradation' } },
  );
  return finish(r, list);
};

/** A manual CR rejected by Johan after assessment, then closed as rejected. */
export const rejected = (o: LifecycleOptions = {}): FixtureStream => {
  const r = resolve(o, { ...manualDefaults, number: 'CR-2025-004', title: 'Replace the risk engine', level: 'high' });
  const list = new StepList();
  const submittedAt = draft(r, list, 'manual', actors.amara);
  const assessment = impactAssessmentFor(r.level, r.modules, r.tenants, r.o.contractChange);
  const dimensionLevels = impactDimensionLevels(assessment);
  const overallImpact = overallImpactLevel(dimensionLevels);
  const risks = risksFor(r.level, riskTag(r.number));
  const overallRisk = overallRiskLevel(risks);
  const requirement = approvalRequirement({ overallImpact, overallRisk, impact: assessment, category: r.category, crType: 'manual' });
  const rejectedAt = submittedAt + r.approvalHours * HOUR;
  const [a, b, c] = spread(submittedAt, rejectedAt, 3);
  list
    .add('RecordImpactAssessment', actors.foreman, a!, { type: 'ImpactAssessed', data: { assessment, dimensionLevels, overallImpact } })
    .add('RecordRiskAssessment', actors.foreman, b!, { type: 'RiskAssessed', data: { risks, overallRisk } })
    .add('RecordRegressionPlan', actors.qa, c!, { type: 'RegressionAnalysisPlanned', data: { plan: regressionPlan } }, { type: 'AssessmentCompleted', data: requirement })
    .add('RejectChangeRequest', actors.johan, rejectedAt, {
      type: 'ChangeRequestRejected',
      data: { rejectedBy: actors.johan, reason: 'conflicts_with_architecture', rationale: 'The risk engine is frozen until the audit' },
    })
    .add('CloseChangeRequest', actors.foreman, rejectedAt + HOUR, { type: 'ChangeRequestClosed', data: { outcome: 'rejected', reason: 'Rejected by Johan' } });
  return finish(r, list);
};

/** A manual CR withdrawn by its drafter after submission. */
export const withdrawn = (o: LifecycleOptions = {}): FixtureStream => {
  const r = resolve(o, { ...manualDefaults, number: 'CR-2025-005', title: 'Rename the WRAC export button' });
  const list = new StepList();
  const submittedAt = draft(r, list, 'manual', actors.amara);
  list.add('WithdrawChangeRequest', actors.amara, submittedAt + 2 * HOUR, {
    type: 'ChangeRequestClosed',
    data: { outcome: 'withdrawn', reason: 'Superseded by CR-2025-006' },
  });
  return finish(r, list);
};

export interface EmergencyOptions extends LifecycleOptions {
  /** on_time: retrospective assessment within 24 h of the fix; late: after; missing: none yet (the CR stays open). */
  readonly retrospective?: 'on_time' | 'late' | 'missing';
  /** Declared -> fix applied. */
  readonly fixHours?: number;
}

/** An emergency change (spec 14): declared by Johan, fix applied bypassing the test environment, retrospective, review, verified, closed. */
export const emergency = (o: EmergencyOptions = {}): FixtureStream => {
  const r = resolve(o, { number: 'CR-2025-090', title: 'Patch actively exploited auth bypass', level: 'high' });
  const list = new StepList();
  const declaredAt = r.start;
  const appliedAt = declaredAt + (o.fixHours ?? 1) * HOUR;
  const dueAt = appliedAt + 24 * HOUR;
  list.add('DeclareEmergency', actors.johan, declaredAt, {
    type: 'EmergencyDeclared',
    data: {
      changeRequestId: r.id,
      number: r.number,
      criterion: 'critical_security_vulnerability',
      justification: 'Active exploit of the session endpoint observed in production',
      title: r.title,
      description: { summary: r.title, details: 'Session tokens accepted after logout' },
      category: r.category,
      affectedModules: [...r.modules],
      declaredBy: actors.johan,
      declaredAt: iso(declaredAt),
    },
  });
  list.add('ApplyEmergencyFix', actors.johan, appliedAt, {
    type: 'EmergencyFixApplied',
    data: {
      description: 'Invalidate sessions on logout server-side',
      changeSet: changeSetFor(r),
      testEnvironmentBypassed: true,
      bypassJustification: 'Exploit in progress; the test cycle takes 4 hours',
      appliedAt: iso(appliedAt),
      retrospectiveDueAt: iso(dueAt),
    },
  });
  const retrospective = o.retrospective ?? 'on_time';
  if (retrospective !== 'missing') {
    const assessment = impactAssessmentFor(r.level, r.modules, r.tenants, r.o.contractChange);
    const dimensionLevels = impactDimensionLevels(assessment);
    const risks = risksFor(r.level, riskTag(r.number));
    const assessedAt = retrospective === 'late' ? dueAt + 6 * HOUR : appliedAt + 12 * HOUR;
    list.add('RecordRetrospectiveAssessment', actors.foreman, assessedAt, {
      type: 'RetrospectiveAssessmentRecorded',
      data: {
        impact: assessment,
        dimensionLevels,
        overallImpact: overallImpactLevel(dimensionLevels),
        risks,
        overallRisk: overallRiskLevel(risks),
        late: retrospective === 'late',
      },
    });
    const testedAt = assessedAt + 12 * HOUR;
    list.add('RecordRetrospectiveTesting', actors.qa, testedAt, {
      type: 'RetrospectiveTestingRecorded',
      data: { results: passingResults, verdict: regressionVerdict(passingResults, 10) },
    });
    list.add('RecordPostIncidentReview', actors.johan, testedAt + 12 * HOUR, {
      type: 'PostIncidentReviewRecorded',
      data: { rootCause: 'Logout only cleared the client cookie', prevention: ['server-side session revocation test'] },
    });
    verifyAndClose(r, list, Math.max(appliedAt + r.verificationHours * HOUR, testedAt + 13 * HOUR));
  }
  return finish(r, list);
};

export interface AiOptions extends LifecycleOptions {
  readonly outcome?: 'success' | 'rolled_back';
}

/** An AI-generated CR (spec 10.2, AI-CR-2025-045): Foreman trigger and recommendation; Johan approves medium, the Foreman auto-approves low. */
export const aiGenerated = (o: AiOptions = {}): FixtureStream => {
  const r = resolve(
    { modules: ['Vulnerability'], ...o },
    { number: 'AI-CR-2025-045', title: 'Optimize Vulnerability API database queries', level: 'medium' },
  );
  const list = new StepList();
  const submittedAt = draft(r, list, 'ai_generated', actors.foreman, {
    description: { summary: r.title, details: 'Add index on vulnerability_scans.scan_date column to improve query performance' },
    estimatedEffort: '2 hours',
    trigger: {
      type: 'runtime_insight',
      source: 'performance_monitoring',
      description: 'Vulnerability API response time degraded by 30% over 7 days',
    },
  });
  const { approvedAt } = assessAndApprove(r, list, submittedAt, 'ai_generated', actors.foreman);
  const deployedAt = testAndDeploy(r, list, approvedAt);
  if (o.outcome === 'rolled_back') {
    const initiatedAt = deployedAt + 2 * HOUR;
    const validatedAt = initiatedAt + HOUR;
    list
      .add('InitiateRollback', actors.foreman, initiatedAt, {
        type: 'RollbackInitiated',
        data: { trigger: 'critical_errors', rollbackType: 'code', decidedBy: actors.foreman, reason: 'Index build failed on replica', stakeholdersNotified: [] },
      })
      .add('ExecuteRollback', actors.johan, initiatedAt + 0.5 * HOUR, { type: 'RollbackExecuted', data: { revertedTo: 'release-previous', steps: ['redeploy previous release'] } })
      .add('ValidateRollback', actors.foreman, validatedAt, { type: 'RollbackValidated', data: { stable: true, notes: '', validatedAt: iso(validatedAt) } })
      .add('RecordPostMortem', actors.johan, validatedAt + 24 * HOUR, {
        type: 'RollbackPostMortemRecorded',
        data: { rootCause: 'Replica disk too small for the index', crUpdates: '', replan: '' },
      })
      .add('CloseChangeRequest', actors.foreman, validatedAt + 25 * HOUR, {
        type: 'ChangeRequestClosed',
        data: { outcome: 'rolled_back', reason: 'Index build failed' },
      });
  } else {
    verifyAndClose(r, list, deployedAt + r.verificationHours * HOUR);
  }
  return finish(r, list);
};

/** The events of a lifecycle, in stream order. */
export const eventsOf = (stream: FixtureStream): DomainEvent[] => stream.steps.flatMap((s) => s.events);

/** The instant of a lifecycle's first event of `type` (to compute expected figures). */
export const instantOf = (stream: FixtureStream, type: EventType): string => {
  const step = stream.steps.find((s) => s.events.some((e) => e.type === type));
  if (step === undefined) throw new Error(`${stream.number} has no ${type}`);
  return step.occurredAt;
};

// ---------------------------------------------------------------- sealing and seeding

/** A deterministic UUID (version 5 layout) from a name, so fixtures are reproducible. */
export const fixtureUuid = (name: string): string => {
  const h = createHash('sha256').update(name).digest('hex');
  const variant = ((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${variant}${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/** Seals a whole lifecycle into store appends, one batch per step, with the stream's hash chain. */
export const sealFixture = (stream: FixtureStream): EventToAppend[][] => {
  let chain: string | null = null;
  let n = 0;
  const correlationId = fixtureUuid(`${stream.streamName}/correlation`);
  return stream.steps.map((step, i) => {
    const commandId = fixtureUuid(`${stream.streamName}/command/${i}`);
    const { appends, lastHash } = sealDomainEvents(
      step.events,
      { actor: step.actor, occurredAt: step.occurredAt, correlationId, causationId: commandId, commandType: step.commandType, commandId },
      chain,
      () => fixtureUuid(`${stream.streamName}/event/${n++}`),
    );
    chain = lastHash;
    return [...appends];
  });
};

export interface SeedOptions {
  /** Interleave the streams' steps by time, like a live system (default), or append each stream whole, in list order. */
  readonly interleave?: boolean;
  /** Also append a `cr_number-...` allocation event before each submission, as the command pipeline does (not a domain event). */
  readonly numberAllocations?: boolean;
}

export interface SeedResult {
  readonly events: number;
  /** Global position of the last event appended (-1 if none). */
  readonly lastPosition: number;
}

/** Seals and appends the lifecycles to the store, each step with its exact expected revision. */
export const seedStore = async (store: EventStore, streams: readonly FixtureStream[], options: SeedOptions = {}): Promise<SeedResult> => {
  interface Pending {
    readonly stream: FixtureStream;
    readonly step: FixtureStep;
    readonly batch: EventToAppend[];
    readonly revisionBefore: number;
    readonly order: number;
  }
  const pending: Pending[] = [];
  let order = 0;
  for (const stream of streams) {
    let revision = -1;
    sealFixture(stream).forEach((batch, i) => {
      pending.push({ stream, step: stream.steps[i]!, batch, revisionBefore: revision, order: order++ });
      revision += batch.length;
    });
  }
  if (options.interleave ?? true) {
    pending.sort((a, b) => a.step.occurredAt.localeCompare(b.step.occurredAt) || a.order - b.order);
  }
  let events = 0;
  let lastPosition = -1;
  const counters = new Map<string, number>();
  for (const p of pending) {
    const allocates = p.step.events.some((e) => e.type === 'ChangeRequestSubmitted' || e.type === 'EmergencyDeclared');
    if (options.numberAllocations && allocates) {
      const parsed = parseChangeRequestNumber(p.stream.number);
      if (parsed !== undefined) {
        const name = numberStream(parsed.prefix, parsed.year);
        const revision = counters.get(name) ?? -1;
        const result = await store.appendToStream(
          name,
          [{ id: fixtureUuid(`${name}/${p.stream.number}`), type: numberAllocatedEventType, data: { changeRequestId: p.stream.changeRequestId }, metadata: { occurredAt: p.step.occurredAt } }],
          { expectedRevision: revision === -1 ? 'no_stream' : revision },
        );
        counters.set(name, result.nextExpectedRevision);
        events += 1;
        lastPosition = result.position;
      }
    }
    const result = await store.appendToStream(p.stream.streamName, p.batch, {
      expectedRevision: p.revisionBefore === -1 ? 'no_stream' : p.revisionBefore,
    });
    events += p.batch.length;
    lastPosition = result.position;
  }
  return { events, lastPosition };
};

/**
 * Appends steps [from, to) of one lifecycle (to the end by default), sealed
 * exactly as seedStore seals them, so a test can seed a prefix and append the
 * rest later as live events.
 */
export const appendSteps = async (store: EventStore, stream: FixtureStream, from: number, to?: number): Promise<void> => {
  const batches = sealFixture(stream);
  let revision = -1;
  for (const [i, batch] of batches.entries()) {
    if (i >= from && i < (to ?? batches.length)) {
      await store.appendToStream(stream.streamName, batch, { expectedRevision: revision === -1 ? 'no_stream' : revision });
    }
    revision += batch.length;
  }
};

/** Index of the step holding the first event of `type` (for appendSteps). */
export const stepIndexOf = (stream: FixtureStream, type: EventType): number => {
  const i = stream.steps.findIndex((s) => s.events.some((e) => e.type === type));
  if (i === -1) throw new Error(`${stream.number} has no ${type}`);
  return i;
};
