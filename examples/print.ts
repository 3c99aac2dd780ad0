/**
 * What the examples share: running a scenario with console output (one block
 * per scenario step, then a summary of the final change request with its key
 * dates taken from the audit trail, the CR's event stream), and starting when
 * executed directly.
 */
import { pathToFileURL } from 'node:url';
import * as E from 'fp-ts/lib/Either.js';
import type { ScenarioOptions, ScenarioStep } from '../src/demo/index.js';
import type { ChangeRequestState } from '../src/domain/state.js';
import { decodeRecordedEvent, type StoredEvent } from '../src/events/serialization.js';
import { changeRequestStream } from '../src/events/streams.js';
import { createInMemoryEventStore } from '../src/store/inMemoryEventStore.js';
import type { EventStore } from '../src/store/port.js';

export type Write = (line: string) => void;

/** What every example's `main()` accepts; all optional, so `main()` alone runs on a fresh in-memory store. */
export interface ExampleOptions {
  /** The store to run on (default: a new in-memory store). */
  readonly store?: EventStore;
  /** Where lines go (default: console.log). */
  readonly write?: Write;
  /** Called with each step as well as printing it, e.g. to check a run. */
  readonly onStep?: (step: ScenarioStep) => void;
}

/** A scenario from src/demo: it executes its commands on `options.store` and returns the final state. */
export type Scenario = (options: ScenarioOptions) => Promise<ChangeRequestState>;

/** Prints the title, runs the scenario printing each step, then prints the final CR as read back from the store. */
export const runExample = async (title: string, scenario: Scenario, options: ExampleOptions = {}): Promise<ChangeRequestState> => {
  // Any EventStore adapter works; the in-memory one needs no setup.
  const store = options.store ?? createInMemoryEventStore();
  const write = options.write ?? console.log;
  const printStep = createStepPrinter(write);

  printTitle(title, write);
  const state = await scenario({
    store,
    onStep: (step) => {
      printStep(step);
      options.onStep?.(step);
    },
  });
  await printChangeRequest(store, state, write);
  return state;
};

/**
 * Calls `main` when the module at `moduleUrl` (pass `import.meta.url`) is the
 * program being run, not when it is imported (e.g. by the tests).
 */
export const runWhenExecutedDirectly = (moduleUrl: string, main: () => Promise<unknown>): void => {
  if (process.argv[1] === undefined || moduleUrl !== pathToFileURL(process.argv[1]).href) return;
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
};

export const printTitle = (title: string, write: Write): void => {
  write('');
  write(title);
  write('='.repeat(title.length));
};

/** Prints one step; call it from a scenario's `onStep`. */
export const createStepPrinter = (write: Write): ((step: ScenarioStep) => void) => {
  let n = 0;
  return (step) => {
    n += 1;
    const mark = step.outcome === 'accepted' ? 'ok     ' : 'REFUSED';
    write(`${String(n).padStart(3)}. ${mark} ${step.label}`);
    write(`              ${step.actor} -> ${step.command}`);
    if (step.error !== undefined) {
      for (const line of wrap(`${step.error.code}: ${step.error.message}`, 100)) write(`              ${line}`);
    } else {
      write(`              events: ${step.events.join(', ')}   status: ${step.status}`);
    }
  };
};

/** Which events mark the dates a reader of a CR looks for, and what to call them. */
const keyEvents: { readonly [type: string]: string } = {
  ChangeRequestDrafted: 'drafted',
  EmergencyDeclared: 'emergency declared',
  ChangeRequestSubmitted: 'submitted',
  AssessmentCompleted: 'assessed',
  ChangeRequestApproved: 'approved',
  EmergencyFixApplied: 'fix applied',
  RetrospectiveAssessmentRecorded: 'retrospective assessed',
  RetrospectiveTestingRecorded: 'retrospective tested',
  PostIncidentReviewRecorded: 'post-incident review',
  DeployedToProduction: 'deployed to production',
  RollbackInitiated: 'rollback decided',
  RollbackValidated: 'rollback validated',
  RollbackPostMortemRecorded: 'post-mortem',
  ChangeVerified: 'verified',
  ChangeRequestClosed: 'closed',
};

/** Reads the CR's stream back from the store and prints what a reviewer wants to know. */
export const printChangeRequest = async (store: EventStore, state: ChangeRequestState, write: Write): Promise<void> => {
  const events = await readChangeRequest(store, state.id);
  const field = (name: string, value: string | undefined): void => {
    if (value !== undefined && value !== '') write(`  ${name.padEnd(15)}${value}`);
  };

  write('');
  write(`Change request ${state.number ?? state.id}: ${state.title ?? ''}`);
  field('type', state.crType);
  field('status', state.status);
  field('outcome', state.outcome);
  if (state.assessment !== undefined) {
    const a = state.assessment;
    field('assessment', `impact ${a.overallImpact}, risk ${a.overallRisk} -> ${a.approvalLevel}-level approval`);
  }
  field('approvers', approvers(state));
  if (state.trigger !== undefined) field('AI trigger', `${state.trigger.type} (${state.trigger.source}): ${state.trigger.description}`);
  if (state.aiRecommendation !== undefined) {
    const r = state.aiRecommendation;
    field('recommended', r.recommendation);
    field('auto-approval', `${r.autoApprovalEligible ? 'eligible' : 'not eligible'}; approval required from ${r.approvalRequiredFrom.join(', ')}`);
  }
  if (state.emergency !== undefined) {
    const e = state.emergency;
    field('emergency', `${e.criterion}: ${e.justification}`);
    if (e.fix?.testEnvironmentBypassed === true) field('test bypass', e.fix.bypassJustification);
    if (e.fix !== undefined) field('retro due', readableTime(e.fix.retrospectiveDueAt));
  }
  if (state.rollback !== undefined) {
    const r = state.rollback;
    field('rollback', `${r.rollbackType} rollback on ${r.trigger}, decided by ${r.decidedBy.id}, reverted to ${r.executed?.revertedTo ?? '?'}`);
    field('root cause', r.postMortem?.rootCause);
  }
  write('  key dates');
  for (const event of events) {
    const label = keyEvents[event.type];
    if (label !== undefined) write(`    ${label.padEnd(24)}${readableTime(event.metadata.occurredAt)}  by ${event.metadata.actor.id}`);
  }
  for (const learning of state.learnings) field('learning', `[${learning.topic}] ${learning.insight}`);
  write(`  audit trail    ${events.length} events in stream ${changeRequestStream(state.id)}`);
};

const approvers = (state: ChangeRequestState): string | undefined => {
  if (state.approved !== undefined) {
    const who = state.approved.approvers.map((a) => `${a.id} (${a.role})`).join(', ');
    return state.approved.autoApproval ? `${who}, auto-approval` : who;
  }
  // An emergency has no separate approval: Johan's declaration is it (spec 14.3).
  if (state.emergency !== undefined) return `${state.emergency.declaredBy.id} (${state.emergency.declaredBy.role}), by declaring the emergency`;
  return undefined;
};

/** `2025-12-04T09:00:00.000Z` -> `2025-12-04 09:00 UTC`. */
const readableTime = (iso: string): string => `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;

/** Splits long refusal messages at spaces so they stay readable in a terminal. */
const wrap = (text: string, width: number): string[] => {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === '' ? word : `${line} ${word}`;
    }
  }
  lines.push(line);
  return lines;
};

/** The CR's events as stored, decoded and checked against the catalogue. */
export const readChangeRequest = async (store: EventStore, id: string): Promise<StoredEvent[]> => {
  const recorded = await store.readStream(changeRequestStream(id));
  return recorded.map((r) => {
    const decoded = decodeRecordedEvent(r);
    if (E.isLeft(decoded)) throw new Error(`${decoded.left.code}: ${decoded.left.message}`);
    return decoded.right;
  });
};
