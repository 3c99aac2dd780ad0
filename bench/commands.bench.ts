import * as E from 'fp-ts/lib/Either.js';
import type { CommandInput } from '../src/commands/catalogue.js';
import { createChangeManagement } from '../src/commands/changeManagement.js';
import { actors } from '../src/demo/actors.js';
import { createManualClock } from '../src/demo/manualClock.js';
import { assetOwnerImpact, passingResults } from '../src/demo/samples.js';
import { createInMemoryEventStore } from '../src/store/inMemoryEventStore.js';
import { median, percentile, round } from './stats.js';

/**
 * Latency of `execute` through the whole pipeline (validate, load, decide,
 * seal with the hash chain, append) on the in-memory store, driving CRs
 * through a complete lifecycle of about 25 events each, round-robin so
 * every command meets a CR that already has history.
 */
const lifecycle = (id: string): CommandInput[] => {
  const { foreman, johan, builder, qa } = actors;
  const cr = { changeRequestId: id };
  return [
    { type: 'DraftChangeRequest', ...cr, actor: foreman, data: { title: 'Bench change', description: { summary: 'Bench', details: '' }, category: 'code', affectedModules: ['WRAC', 'Risk_Assessment'], stakeholders: ['po'] } },
    { type: 'SubmitChangeRequest', ...cr, actor: foreman },
    { type: 'NotifyStakeholders', ...cr, actor: foreman, data: { stakeholders: ['po'] } },
    { type: 'RecordImpactAssessment', ...cr, actor: foreman, data: { assessment: assetOwnerImpact } },
    { type: 'RecordRiskAssessment', ...cr, actor: foreman, data: { risks: [{ riskId: 'R1', description: 'd', category: 'technical', likelihood: 'likely', impact: 'minor', treatment: 'mitigate', mitigation: 'm' }] } },
    { type: 'RecordRegressionPlan', ...cr, actor: foreman, data: { plan: { existingTests: { total: 245, suites: ['unit'] }, newTestsRequired: 5, coverageBaseline: 92.5 } } },
    { type: 'ApproveChangeRequest', ...cr, actor: johan, data: { rationale: 'ok' } },
    { type: 'ScheduleChangeRequest', ...cr, actor: johan, data: { window: { start: '2025-12-05T08:00:00Z', end: '2025-12-05T18:00:00Z' }, builders: [builder.id], testEnvironment: 'test-1' } },
    { type: 'SetTestBaseline', ...cr, actor: qa, data: { baseline: 'b1' } },
    { type: 'DeployToTestEnvironment', ...cr, actor: qa, data: { build: 'build-1' } },
    { type: 'StartTesting', ...cr, actor: qa, data: {} },
    { type: 'RecordTestResults', ...cr, actor: qa, data: { results: passingResults } },
    { type: 'ValidateTestEnvironment', ...cr, actor: qa, data: { workingAsExpected: true, performanceAcceptable: true } },
    { type: 'UpdateDocumentation', ...cr, actor: builder, data: { update: { kind: 'architecture', reference: 'a' } } },
    { type: 'UpdateDocumentation', ...cr, actor: builder, data: { update: { kind: 'api', reference: 'b' } } },
    { type: 'UpdateDocumentation', ...cr, actor: builder, data: { update: { kind: 'user', reference: 'c' } } },
    { type: 'DocumentRollbackPlan', ...cr, actor: foreman, data: { plan: { procedure: 'revert', rollbackType: 'code', decisionCriteria: ['errors'], testedInTestEnvironment: true } } },
    { type: 'ValidateCompliance', ...cr, actor: foreman, data: { validation: { controlMappingsUpdated: true, coverageBefore: 80, coverageAfter: 81 } } },
    { type: 'EvaluateGates', ...cr, actor: johan },
    { type: 'DeployToProduction', ...cr, actor: johan, data: { release: 'r1', changeSet: { modules: ['WRAC'] } } },
    { type: 'VerifyChange', ...cr, actor: johan, data: { criteria: { featureWorking: true, noProductionErrors: true, performanceAcceptable: true, noUserIssues: true, complianceMaintained: true } } },
    { type: 'CloseChangeRequest', ...cr, actor: foreman, data: { learnings: [{ topic: 't', insight: 'i' }] } },
  ];
};

const round1 = async (crs: number) => {
  const clock = createManualClock('2025-12-04T09:00:00Z');
  const store = createInMemoryEventStore();
  const cm = createChangeManagement({ store, clock: clock.now });
  const plans = Array.from({ length: crs }, (_, i) => lifecycle(`bench${i}`));
  const steps = plans[0]!.length;
  const latencies: number[] = [];
  const started = performance.now();
  for (let step = 0; step < steps; step++) {
    if (plans[0]![step]!.type === 'VerifyChange') clock.advanceHours(25);
    for (const plan of plans) {
      const t0 = performance.now();
      const result = await cm.execute(plan[step]!);
      latencies.push(performance.now() - t0);
      if (E.isLeft(result)) throw new Error(`${plan[step]!.type} refused: ${result.left.code} ${result.left.message}`);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  const events = (await store.readAll()).filter((e) => e.streamName.startsWith('change_request-')).length;
  return { commandsPerSecond: latencies.length / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), eventsPerCr: events / crs };
};

export async function run(): Promise<Record<string, unknown>> {
  const crs = 500;
  await round1(50); // warm-up
  const rounds = [];
  for (let i = 0; i < 3; i++) rounds.push(await round1(crs));
  return {
    workload: `${crs} CRs x ${lifecycle('x').length} commands (full lifecycle), round-robin, in-memory store`,
    eventsPerCr: rounds[0]!.eventsPerCr,
    commandsPerSecond: round(median(rounds.map((r) => r.commandsPerSecond)), 0),
    executeP50Ms: round(median(rounds.map((r) => r.p50)), 3),
    executeP99Ms: round(median(rounds.map((r) => r.p99)), 3),
    targetP99Ms: 1,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}
