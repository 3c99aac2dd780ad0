import type { ChangeSet, RegressionVerdict, TestRunResults } from '../../events/assessments.js';
import type { StoredEvent } from '../../events/serialization.js';
import { changeRequestIdOfStream } from '../../events/streams.js';
import type { Actor, ChangeRequestType } from '../../events/values.js';
import type { Projection } from '../projection.js';
import { frozenCopy, type DeepReadonly } from '../readonly.js';
import type { ChangeLogDocument, ChangeLogEntry, TestResultsSummary } from './schema.js';

export interface ChangeLogQuery {
  readonly kind?: ChangeLogEntry['kind'];
  readonly crId?: string;
  /** Half-open range on `at`. */
  readonly from?: string;
  readonly to?: string;
}

export interface ChangeLog extends Projection {
  entries(query?: ChangeLogQuery): readonly DeepReadonly<ChangeLogEntry>[];
  position(): number;
  document(generatedAt: string): DeepReadonly<ChangeLogDocument>;
}

/** What the log remembers of each CR between its deployments. */
interface CrFacts {
  readonly id: string;
  crId: string | null;
  crType: ChangeRequestType;
  title: string;
  approvers: Actor[];
  autoApproval: boolean;
  emergency: boolean;
  lastRun: { readonly results: TestRunResults; readonly verdict: RegressionVerdict } | undefined;
  lastChangeSet: ChangeSet | undefined;
  deployment: Slot | undefined;
  rollback: Slot | undefined;
  sequence: number;
}

type Opening = Pick<ChangeLogEntry, 'at' | 'executedBy' | 'release' | 'changes' | 'approval' | 'testEnvironmentBypassed' | 'testResults' | 'status' | 'rollback'>;

interface Slot {
  readonly entry: ChangeLogEntry;
  frozen: DeepReadonly<ChangeLogEntry> | undefined;
}

const pct = (x: number): string => `${x}%`;

export const summariseTests = (results: TestRunResults, verdict: RegressionVerdict, retrospective: boolean): TestResultsSummary => {
  const e = results.existingTests;
  const n = results.newTests;
  return {
    retrospective,
    existingPassed: e.passed,
    existingTotal: e.total,
    newPassed: n.passed,
    newCreated: n.created,
    coverageBefore: results.coverage.before,
    coverageAfter: results.coverage.after,
    regressionDetected: verdict.regressionDetected,
    // Joined, not concatenated: one flat string instead of a tree of pieces kept for every deployment.
    summary: [
      `${e.passed}/${e.total} existing and ${n.passed}/${n.created} new tests passed; `,
      `coverage ${pct(results.coverage.before)} -> ${pct(results.coverage.after)}; `,
      verdict.regressionDetected ? `regression: ${verdict.findings.join('; ')}` : 'no regression',
      retrospective ? ' (retrospective)' : '',
    ].join(''),
  };
};

const approvedBy = (f: CrFacts): string => {
  if (f.approvers.length === 0) return 'not approved';
  const ids = f.approvers.map((a) => a.id).join(', ');
  return f.autoApproval ? `${ids} (auto-approval)` : f.emergency ? `${ids} (emergency declaration)` : ids;
};

const emptyChangeSet: ChangeSet = { modules: [], files: [], schemas: [], configs: [] };

/**
 * The change log (spec 12.2): one entry per production deployment,
 * emergency fix and rollback, in the order they happened.
 */
export const createChangeLog = (): ChangeLog => {
  const facts = new Map<string, CrFacts>();
  const slots: Slot[] = [];
  let position = -1;

  /** Every field in one literal, in the schema's order: one compact object per entry. */
  const open = (f: CrFacts, id: string, kind: ChangeLogEntry['kind'], e: Opening): Slot => {
    f.sequence += 1;
    const entry: ChangeLogEntry = {
      entryId: `${f.crId ?? id}#${f.sequence}`,
      kind,
      crId: f.crId,
      changeRequestId: id,
      crType: f.crType,
      title: f.title,
      at: e.at,
      executedBy: e.executedBy,
      release: e.release,
      changes: e.changes,
      approval: e.approval,
      testEnvironmentBypassed: e.testEnvironmentBypassed,
      testResults: e.testResults,
      result: 'pending',
      status: e.status,
      failureReason: null,
      resolvedAt: null,
      rollback: e.rollback,
    };
    const slot: Slot = { entry, frozen: undefined };
    slots.push(slot);
    return slot;
  };

  const resolve = (slot: Slot | undefined, result: ChangeLogEntry['result'], status: ChangeLogEntry['status'], at: string, reason?: string): void => {
    if (slot === undefined) return;
    slot.entry.result = result;
    slot.entry.status = status;
    slot.entry.resolvedAt = at;
    if (reason !== undefined) slot.entry.failureReason = reason;
    slot.frozen = undefined;
  };

  const apply = (e: StoredEvent): void => {
    if (e.position <= position) return;
    position = e.position;
    const at = e.metadata.occurredAt;
    if (e.type === 'ChangeRequestDrafted' || e.type === 'EmergencyDeclared') {
      const id = changeRequestIdOfStream(e.streamName);
      if (id === undefined) return;
      const emergency = e.type === 'EmergencyDeclared';
      facts.set(e.streamName, {
        id,
        crId: emergency ? e.data.number : null,
        crType: emergency ? 'emergency' : e.data.crType,
        title: e.data.title,
        approvers: emergency ? [e.data.declaredBy] : [],
        autoApproval: false,
        emergency,
        lastRun: undefined,
        lastChangeSet: undefined,
        deployment: undefined,
        rollback: undefined,
        sequence: 0,
      });
      return;
    }
    const f = facts.get(e.streamName);
    if (f === undefined) return;
    const id = f.id;
    switch (e.type) {
      case 'ChangeRequestSubmitted':
        f.crId = e.data.number;
        return;
      case 'ChangeRequestApproved':
        f.approvers = e.data.approvers;
        f.autoApproval = e.data.autoApproval;
        return;
      case 'TestResultsRecorded':
        f.lastRun = e.data;
        return;
      case 'DeployedToProduction':
        f.lastChangeSet = e.data.changeSet;
        f.deployment = open(f, id, 'deployment', {
          at: e.data.deployedAt,
          executedBy: e.metadata.actor,
          release: e.data.release,
          changes: e.data.changeSet,
          approval: { autoApproval: f.autoApproval, approvers: f.approvers, approvedBy: approvedBy(f) },
          testEnvironmentBypassed: false,
          testResults: f.lastRun === undefined ? null : summariseTests(f.lastRun.results, f.lastRun.verdict, false),
          status: 'deployed',
          rollback: null,
        });
        return;
      case 'EmergencyFixApplied':
        f.lastChangeSet = e.data.changeSet;
        f.deployment = open(f, id, 'emergency_fix', {
          at: e.data.appliedAt,
          executedBy: e.metadata.actor,
          release: null,
          changes: e.data.changeSet,
          approval: { autoApproval: false, approvers: f.approvers, approvedBy: approvedBy(f) },
          testEnvironmentBypassed: e.data.testEnvironmentBypassed,
          testResults: f.lastRun === undefined ? null : summariseTests(f.lastRun.results, f.lastRun.verdict, false),
          status: 'deployed',
          rollback: null,
        });
        return;
      case 'RetrospectiveTestingRecorded':
        if (f.deployment !== undefined) {
          f.deployment.entry.testResults = summariseTests(e.data.results, e.data.verdict, true);
          f.deployment.frozen = undefined;
        }
        return;
      case 'ProductionDeploymentFailed':
        resolve(f.deployment, 'failure', 'failed', at, e.data.reason);
        return;
      case 'ChangeVerified':
        if (f.deployment?.entry.status === 'deployed') resolve(f.deployment, 'success', 'verified', at);
        return;
      case 'RollbackInitiated': {
        const d = e.data;
        if (f.deployment !== undefined && f.deployment.entry.status !== 'failed') resolve(f.deployment, 'failure', 'rolled_back', at, d.reason);
        f.rollback = open(f, id, 'rollback', {
          at,
          executedBy: e.metadata.actor,
          release: null,
          changes: f.lastChangeSet ?? emptyChangeSet,
          approval: { autoApproval: false, approvers: [d.decidedBy], approvedBy: `${d.decidedBy.id} (rollback decision)` },
          testEnvironmentBypassed: false,
          testResults: null,
          status: 'rolling_back',
          rollback: { trigger: d.trigger, rollbackType: d.rollbackType, reason: d.reason, decidedBy: d.decidedBy, revertedTo: null },
        });
        return;
      }
      case 'RollbackExecuted':
        if (f.rollback?.entry.rollback) {
          f.rollback.entry.rollback.revertedTo = e.data.revertedTo;
          f.rollback.entry.release = e.data.revertedTo;
          f.rollback.frozen = undefined;
        }
        return;
      case 'RollbackValidated':
        resolve(f.rollback, 'success', 'validated', e.data.validatedAt);
        return;
      default:
        return;
    }
  };

  const snapshot = (slot: Slot): DeepReadonly<ChangeLogEntry> => (slot.frozen ??= frozenCopy(slot.entry));

  return {
    name: 'change_log',
    apply,
    reset: () => {
      facts.clear();
      slots.length = 0;
      position = -1;
    },
    position: () => position,
    entries: (q = {}) => {
      const from = q.from === undefined ? -Infinity : Date.parse(q.from);
      const to = q.to === undefined ? Infinity : Date.parse(q.to);
      return slots
        .filter((s) => {
          const e = s.entry;
          if (q.kind !== undefined && e.kind !== q.kind) return false;
          if (q.crId !== undefined && e.crId !== q.crId && e.changeRequestId !== q.crId) return false;
          const t = Date.parse(e.at);
          return t >= from && t < to;
        })
        .map(snapshot);
    },
    document: (generatedAt) =>
      Object.freeze({ schemaVersion: 1 as const, generatedAt, lastPosition: position, entries: Object.freeze(slots.map(snapshot)) }),
  };
};
