import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { lastValueFrom, tap } from 'rxjs';
import { eventDataSchemas, type EventType } from '../src/events/catalogue.js';
import { EventMetadata } from '../src/events/metadata.js';
import { decodeRecordedEvent, type StoredEvent } from '../src/events/serialization.js';
import { createChangeLog } from '../src/projections/changeLog/changeLog.js';
import { writeDocuments } from '../src/projections/documents/writeDocuments.js';
import { createMetrics } from '../src/projections/metrics/metrics.js';
import { createChangeRegister } from '../src/projections/register/register.js';
import { trustedDecode, type DecodeMode } from '../src/projections/runner/decode.js';
import { createProjectionRunner } from '../src/projections/runner/runner.js';
import { createSqliteEventStore } from '../src/store/sqlite/sqliteEventStore.js';
import type { EventStore, EventToAppend, RecordedEvent } from '../src/store/port.js';
import { CRS, seed } from './projectionWorkload.js';
import { median, round } from './stats.js';

/**
 * Rebuild of the read models (register + change log + metrics) from
 * 1,000,000 stored events (50,000 CRs of 20 events each) in the in-memory
 * store, through the projection runner, with both decode modes:
 * - validated (the default; median of three): every event checked against
 *   the catalogue's schemas (the compiled precheck, zod where it is unsure);
 * - trusted (median of three): current-version events taken as stored;
 * next to, in the same run:
 * - decode only: decodeRecordedEvent alone on 200,000 events, and zod's
 *   safeParse of the same events' metadata and data (the previous decoder);
 * - fold only: the three projections over events decoded beforehand;
 * - hand-written fold: one mutable Map fold over the raw records with no
 *   validation, computing status, dates, deployments and approval times
 *   (the practical limit of a fold on this machine);
 * - the first writeDocuments of the 50,000-CR register and its log;
 * - a validated rebuild from a SQLite file holding the same events.
 */
const ROUNDS = 3;

const heapMb = (): number => process.memoryUsage().heapUsed / 1_048_576;
/** A full GC between rounds, so each starts from the same heap (exposed at run time when node was not started with --expose-gc). */
const collect: (() => void) | undefined = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed !== undefined) return exposed;
  try {
    setFlagsFromString('--expose-gc');
    return runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
})();
const gc = (): void => collect?.();

const rebuildRound = async (store: EventStore, decode: DecodeMode) => {
  gc();
  const baseline = heapMb();
  let peak = baseline;
  const register = createChangeRegister();
  const changeLog = createChangeLog();
  const metrics = createMetrics();
  const runner = createProjectionRunner({ store, projections: [register, changeLog, metrics], idleCheckpointMs: 0, decode });
  const started = performance.now();
  const last = await lastValueFrom(
    runner.rebuild().pipe(
      tap(() => {
        peak = Math.max(peak, heapMb());
      }),
    ),
  );
  const ms = performance.now() - started;
  await runner.stop();
  peak = Math.max(peak, heapMb());
  const monthsStarted = performance.now();
  const months = metrics.byMonth();
  const metricsMs = performance.now() - monthsStarted;
  return { ms, processed: last.processed, peakHeapMb: peak, baselineHeapMb: baseline, register, changeLog, months: months.length, metricsMs };
};

const decodeRound = (records: readonly RecordedEvent[]): number => {
  const started = performance.now();
  let ok = 0;
  for (const r of records) if (decodeRecordedEvent(r)._tag === 'Right') ok++;
  if (ok !== records.length) throw new Error(`${records.length - ok} events failed to decode`);
  return performance.now() - started;
};

/** What decoding cost before the precheck: zod parses (and copies) every event's metadata and data. */
const zodParseRound = (records: readonly RecordedEvent[]): number => {
  const started = performance.now();
  let ok = 0;
  for (const r of records) {
    if (EventMetadata.safeParse(r.metadata).success && eventDataSchemas[r.type as EventType].safeParse(r.data).success) ok++;
  }
  if (ok !== records.length) throw new Error(`${records.length - ok} events failed to parse`);
  return performance.now() - started;
};

/** The projections alone, fed events decoded beforehand. */
const foldOnlyRound = (decoded: readonly StoredEvent[]): number => {
  const projections = [createChangeRegister(), createChangeLog(), createMetrics()];
  const started = performance.now();
  for (const e of decoded) for (const p of projections) p.apply(e);
  return performance.now() - started;
};

interface HandEntry {
  status: string;
  number: string | null;
  created: string;
  submitted: number;
  approved: number;
  deployed: number;
  risk: string | null;
  modules: string[];
  tests: number;
  outcome: string | null;
}

const statusOf: { readonly [type: string]: string } = {
  ChangeRequestDrafted: 'draft',
  ChangeRequestSubmitted: 'submitted',
  AssessmentCompleted: 'assessed',
  ChangeRequestApproved: 'approved',
  ChangeRequestScheduled: 'scheduled',
  ChangeDeployedToTestEnvironment: 'testing',
  DeployedToProduction: 'deployed',
  ChangeVerified: 'verified',
  ChangeRequestClosed: 'closed',
};

/** The practical limit: a mutable fold over raw records, no validation, no snapshots. */
const handFoldRound = (records: readonly RecordedEvent[]): { ms: number; deployments: number; meanApprovalHours: number } => {
  const started = performance.now();
  const crs = new Map<string, HandEntry>();
  const log: { cr: string; at: string; modules: unknown }[] = [];
  for (const r of records) {
    const d = r.data as { [key: string]: unknown };
    let e = crs.get(r.streamName);
    if (e === undefined) {
      e = { status: 'draft', number: null, created: r.metadata['occurredAt'] as string, submitted: 0, approved: 0, deployed: 0, risk: null, modules: [], tests: 0, outcome: null };
      crs.set(r.streamName, e);
    }
    switch (r.type) {
      case 'ChangeRequestDrafted':
        e.modules = d['affectedModules'] as string[];
        break;
      case 'ChangeRequestSubmitted':
        e.number = d['number'] as string;
        e.submitted = Date.parse(d['submittedAt'] as string);
        break;
      case 'RiskAssessed':
        e.risk = d['overallRisk'] as string;
        break;
      case 'ChangeRequestApproved':
        e.approved = Date.parse(d['approvedAt'] as string);
        break;
      case 'TestResultsRecorded':
        e.tests += 1;
        break;
      case 'DeployedToProduction':
        e.deployed = Date.parse(d['deployedAt'] as string);
        log.push({ cr: e.number ?? r.streamName, at: d['deployedAt'] as string, modules: (d['changeSet'] as { modules: unknown }).modules });
        break;
      case 'ChangeRequestClosed':
        e.outcome = d['outcome'] as string;
        break;
    }
    const s = statusOf[r.type];
    if (s !== undefined) e.status = s;
  }
  let sum = 0;
  let n = 0;
  for (const e of crs.values()) {
    if (e.approved > 0) {
      sum += e.approved - e.submitted;
      n += 1;
    }
  }
  return { ms: performance.now() - started, deployments: log.length, meanApprovalHours: sum / n / 3_600_000 };
};
/** Copies the events into a fresh SQLite file (one append per CR, as the pipeline writes them) and rebuilds once from the file. */
const sqliteRebuild = async (records: readonly RecordedEvent[]) => {
  const dir = await mkdtemp(join(tmpdir(), 'cm-bench-sqlite-'));
  try {
    const file = join(dir, 'rebuild.db');
    const writer = createSqliteEventStore({ path: file });
    const copyStarted = performance.now();
    for (let i = 0; i < records.length; ) {
      const stream = records[i]!.streamName;
      const batch: EventToAppend[] = [];
      for (; i < records.length && records[i]!.streamName === stream; i++) {
        const r = records[i]!;
        batch.push({ id: r.id, type: r.type, data: r.data, metadata: r.metadata });
      }
      await writer.appendToStream(stream, batch, { expectedRevision: 'no_stream' });
    }
    const copyMs = performance.now() - copyStarted;
    await writer.close();
    const { size } = await stat(file);
    const reader = createSqliteEventStore({ path: file, mustExist: true });
    const rebuilt = await rebuildRound(reader, 'validate');
    await reader.close();
    if (rebuilt.processed !== records.length) throw new Error('SQLite rebuild did not see every event');
    return {
      fileMb: round(size / 1_048_576, 1),
      copySeconds: round(copyMs / 1000, 1),
      rebuildMs: round(rebuilt.ms),
      eventsPerSecond: Math.round(records.length / (rebuilt.ms / 1000)),
      peakHeapMb: round(rebuilt.peakHeapMb),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
};

export async function run(): Promise<Record<string, unknown>> {
  const { store, events, seedMs } = await seed();
  const records = await store.readAll({ filter: { by: 'category', categories: ['change_request'] } });

  const rate = (ms: number): number => Math.round(events / (ms / 1000));
  const summary = (rounds: Awaited<ReturnType<typeof rebuildRound>>[]) => {
    const ms = median(rounds.map((r) => r.ms));
    return {
      medianMs: round(ms),
      eventsPerSecond: rate(ms),
      peakHeapMb: round(Math.max(...rounds.map((r) => r.peakHeapMb))),
      heapBeforeRebuildMb: round(median(rounds.map((r) => r.baselineHeapMb))),
      rounds: rounds.map((r) => round(r.ms)),
    };
  };

  const roundsOf = async (mode: DecodeMode) => {
    const rounds: Awaited<ReturnType<typeof rebuildRound>>[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      // Only the last round's read models stay alive: earlier ones would inflate the heap of the next.
      const previous = rounds[rounds.length - 1];
      if (previous !== undefined) rounds[rounds.length - 1] = { ...previous, register: createChangeRegister(), changeLog: createChangeLog() };
      rounds.push(await rebuildRound(store, mode));
    }
    return rounds;
  };
  const validated = await roundsOf('validate');
  const sample = validated[validated.length - 1]!.register.get('CR-2025-007');
  const validatedSummary = summary(validated);
  validated.length = 0;

  const trusted = await roundsOf('trusted');
  const last = trusted[trusted.length - 1]!;
  if (last.processed !== records.length || last.register.size() !== CRS) throw new Error('rebuild did not see every event');
  if (JSON.stringify(last.register.get('CR-2025-007')) !== JSON.stringify(sample)) throw new Error('trusted and validated rebuilds disagree');

  // Decoding alone, on the first 200,000 events: the decoder, then zod parsing as it was done before the precheck.
  const decodeSample = records.slice(0, 200_000);
  const decodeMs = median([decodeRound(decodeSample), decodeRound(decodeSample), decodeRound(decodeSample)]);
  const zodMs = median([zodParseRound(decodeSample), zodParseRound(decodeSample), zodParseRound(decodeSample)]);

  // The projections alone, over every event decoded beforehand (trusted: no copies of the data).
  const decoded = records.map((r) => {
    const d = trustedDecode(r);
    if (d._tag === 'Left') throw new Error(d.left.message);
    return d.right;
  });
  const foldsOnly = [foldOnlyRound(decoded), foldOnlyRound(decoded)];
  decoded.length = 0;
  const folds = Array.from({ length: ROUNDS }, () => handFoldRound(records));
  if (folds[0]!.deployments !== last.changeLog.entries().length) throw new Error('hand fold and change log disagree');

  const dir = await mkdtemp(join(tmpdir(), 'cm-bench-docs-'));
  const docsStarted = performance.now();
  await writeDocuments({ register: last.register, changeLog: last.changeLog, directory: dir });
  const docsMs = performance.now() - docsStarted;
  await rm(dir, { recursive: true, force: true });
  const fromSqlite = await sqliteRebuild(records);
  await store.close();

  return {
    workload: { crs: CRS, events, eventsPerCr: events / CRS, seedSeconds: round(seedMs / 1000, 1) },
    rebuildValidated: {
      description: "runner.rebuild(), decode 'validate' (the default: every event checked against its schema) into register + change log + metrics",
      target: 500_000,
      ...validatedSummary,
    },
    rebuildTrusted: {
      description: "runner.rebuild(), decode 'trusted' (current-version events taken as stored) into register + change log + metrics",
      target: 500_000,
      ...summary(trusted),
    },
    decodeOnly: {
      description: 'decodeRecordedEvent alone over the first 200,000 events (precheck; zod where unsure)',
      medianMs: round(decodeMs),
      eventsPerSecond: Math.round(decodeSample.length / (decodeMs / 1000)),
    },
    zodParseOnly: {
      description: 'EventMetadata + event data safeParse over the same 200,000 events (the decoder before the precheck)',
      medianMs: round(zodMs),
      eventsPerSecond: Math.round(decodeSample.length / (zodMs / 1000)),
      decoderSpeedup: round(zodMs / decodeMs),
    },
    foldOnly: { description: 'register + change log + metrics over pre-decoded events', medianMs: round(median(foldsOnly)), eventsPerSecond: rate(median(foldsOnly)) },
    handWrittenFold: { description: 'one mutable Map fold over raw records, no validation (the practical limit)', medianMs: round(median(folds.map((f) => f.ms))), eventsPerSecond: rate(median(folds.map((f) => f.ms))) },
    metricsByMonth: { months: last.months, ms: round(last.metricsMs) },
    writeDocuments: { crs: CRS, firstWriteMs: round(docsMs) },
    rebuildFromSqliteFile: {
      description: "the same events copied into a SQLite file (one append per CR), then one runner.rebuild() from it, decode 'validate'",
      ...fromSqlite,
    },
    gcBetweenRounds: collect !== undefined,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) run().then((r) => console.log(JSON.stringify(r, null, 2)));
