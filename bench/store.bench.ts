import { createHash, randomUUID } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { getInMemoryEventStore, STREAM_DOES_NOT_EXIST } from '@event-driven-io/emmett';
import type { DefaultRecord, Event } from '@event-driven-io/emmett';
import { createInMemoryEventStore } from '../src/store/inMemoryEventStore.js';
import type { EventToAppend, JsonObject } from '../src/store/port.js';

/**
 * Our in-memory store against Emmett 0.42.0's, same process, same workload,
 * alternating ours/theirs each round:
 * 1. append 1,000 streams x 100 events round-robin, one append per event with
 *    its exact expected revision;
 * 2. read every stream;
 * 3. read all in global order and fold it into a per-stream count.
 *
 * Emmett's in-memory store has no read-all (nor a listing of streams, nor a
 * consumer over its global log); the equivalent used is readStream on every
 * (known) stream name, then a sort by metadata.globalPosition, then the fold.
 * The same without the sort is reported as a lower bound.
 *
 * Heap per stored event (after full GCs):
 * - payload: the events as the caller built them, before appending (ours
 *   carry an id; Emmett makes its own message id);
 * - total: what the store holds once the caller dropped its inputs;
 * - storeAdded: total - payload, what the store costs beyond the payload it
 *   was handed (its own records, copies, ids, positions).
 */

const ROUNDS = 3;
const STREAMS = 1_000;
const EVENTS_PER_STREAM = 100;
const TOTAL = STREAMS * EVENTS_PER_STREAM;
const READ_REPEATS = 5;
/** Passes over every stream per timed read-stream sample (one pass takes well under a millisecond). */
const STREAM_PASSES = 10;

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);
const ratio = (a: number, b: number): number => Math.round((a / b) * 100) / 100;

const obtainGc = (): { gc: (() => void) | undefined; how: string } => {
  const exposed = (globalThis as { gc?: unknown }).gc;
  if (typeof exposed === 'function') return { gc: exposed as () => void, how: 'node --expose-gc' };
  try {
    setFlagsFromString('--expose-gc');
    const fromContext: unknown = runInNewContext('gc');
    if (typeof fromContext === 'function') {
      return { gc: fromContext as () => void, how: 'v8.setFlagsFromString("--expose-gc") at run time' };
    }
  } catch {
    // fall through: no way to force a collection
  }
  return { gc: undefined, how: 'unavailable: heap figures omitted (run with node --expose-gc --import tsx)' };
};
let gcState: ReturnType<typeof obtainGc> | undefined;
/** Resolved on first use, not at import (bench/index.ts imports every suite). */
const collector = (): ReturnType<typeof obtainGc> => (gcState ??= obtainGc());

const settledHeap = (): number => {
  const { gc } = collector();
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
};

const TYPES = ['ChangeRequestDrafted', 'RiskAssessed', 'ImpactAssessed', 'TestResultsRecorded', 'ApprovalGranted'];
const ROLES = ['foreman', 'builder', 'qa_builder', 'change_manager'];

/** A domain event as the command pipeline would append it: nested data, a full metadata envelope, a hash-chain link. */
const domainEvent = (stream: number, revision: number, previousHash: string): { type: string; data: JsonObject; metadata: JsonObject } => {
  const hash = createHash('sha256').update(`${stream}:${revision}:${previousHash}`).digest('hex');
  return {
    type: TYPES[revision % TYPES.length]!,
    data: {
      changeRequestId: `CR-2025-${String(stream).padStart(3, '0')}`,
      risk: {
        overall: 'medium',
        risks: [{ id: `R-${revision}`, description: 'Index rebuild may lock the table', likelihood: 3, impact: 2, level: 'medium' }],
      },
      impact: { security: 'low', availability: 'medium', compliance: 'low' },
      affectedComponents: ['api', 'database'],
      results: { existing: { passed: 412, failed: 0, skipped: 0 }, created: { required: 12, passed: 12 } },
      rationale: 'Reduce lookup latency on the change register',
    },
    metadata: {
      actor: { id: `builder-${stream % 7}`, role: ROLES[revision % ROLES.length]! },
      occurredAt: new Date(Date.UTC(2025, 0, 1) + (revision * STREAMS + stream) * 1_000).toISOString(),
      correlationId: flatUuid(),
      causationId: flatUuid(),
      schemaVersion: 1,
      previousHash,
      hash,
    },
  };
};

/**
 * A UUID as a flat string. crypto.randomUUID() returns a string V8 keeps as
 * a tree of pieces (~480 B); reading one character flattens it (~60 B).
 * Event producers should do this once where ids are made, as the library's
 * pipeline does; both stores under test receive the same strings.
 */
function flatUuid(): string {
  const id = randomUUID();
  id.charCodeAt(0);
  return id;
}

/** The workload's events in append order (round-robin over streams). */
const workload = <T>(shape: (e: ReturnType<typeof domainEvent>) => T): T[] => {
  const out: T[] = [];
  const lastHash: string[] = Array.from({ length: STREAMS }, () => '0'.repeat(64));
  for (let r = 0; r < EVENTS_PER_STREAM; r++) {
    for (let s = 0; s < STREAMS; s++) {
      const e = domainEvent(s, r, lastHash[s]!);
      lastHash[s] = e.metadata['hash'] as string;
      out.push(shape(e));
    }
  }
  return out;
};

const streamName = (s: number): string => `change_request-${s}`;

interface StoreUnderTest {
  makeInputs(): unknown[];
  /** Appends inputs[i] to stream i % STREAMS at revision floor(i / STREAMS); returns the store. */
  append(inputs: unknown[]): Promise<unknown>;
  /** Reads every stream STREAM_PASSES times; returns the number of events read. */
  readEveryStream(store: unknown): Promise<number>;
  readAllCounts(store: unknown): Promise<Map<string, number>>;
}

const ours: StoreUnderTest = {
  makeInputs: () => workload<EventToAppend>((e) => ({ id: flatUuid(), ...e })),
  append: async (inputs) => {
    const store = createInMemoryEventStore();
    for (let i = 0; i < inputs.length; i++) {
      const r = Math.floor(i / STREAMS);
      await store.appendToStream(streamName(i % STREAMS), [inputs[i] as EventToAppend], {
        expectedRevision: r === 0 ? 'no_stream' : r - 1,
      });
    }
    return store;
  },
  readEveryStream: async (store) => {
    const s = store as ReturnType<typeof createInMemoryEventStore>;
    let count = 0;
    for (let p = 0; p < STREAM_PASSES; p++) {
      for (let i = 0; i < STREAMS; i++) count += (await s.readStream(streamName(i))).length;
    }
    return count;
  },
  readAllCounts: async (store) => {
    const counts = new Map<string, number>();
    for (const e of await (store as ReturnType<typeof createInMemoryEventStore>).readAll()) {
      counts.set(e.streamName, (counts.get(e.streamName) ?? 0) + 1);
    }
    return counts;
  },
};

type EmmettEvent = Event<string, DefaultRecord, DefaultRecord>;
type EmmettStore = ReturnType<typeof getInMemoryEventStore>;

const readEmmettStreams = async (store: EmmettStore) => {
  const events = [];
  for (let i = 0; i < STREAMS; i++) events.push(...(await store.readStream<EmmettEvent>(streamName(i))).events);
  return events;
};

const emmett: StoreUnderTest & { readAllUnorderedCounts(store: unknown): Promise<Map<string, number>> } = {
  makeInputs: () => workload<EmmettEvent>((e) => e),
  append: async (inputs) => {
    const store = getInMemoryEventStore();
    for (let i = 0; i < inputs.length; i++) {
      // Emmett's stream version is the event count: version r before the (r+1)-th event.
      const r = Math.floor(i / STREAMS);
      await store.appendToStream(streamName(i % STREAMS), [inputs[i] as EmmettEvent], {
        expectedStreamVersion: r === 0 ? STREAM_DOES_NOT_EXIST : BigInt(r),
      });
    }
    return store;
  },
  readEveryStream: async (store) => {
    let count = 0;
    for (let p = 0; p < STREAM_PASSES; p++) {
      for (let i = 0; i < STREAMS; i++) count += (await (store as EmmettStore).readStream(streamName(i))).events.length;
    }
    return count;
  },
  readAllCounts: async (store) => {
    const events = await readEmmettStreams(store as EmmettStore);
    events.sort((a, b) => (a.metadata.globalPosition < b.metadata.globalPosition ? -1 : 1));
    const counts = new Map<string, number>();
    for (const e of events) counts.set(e.metadata.streamName, (counts.get(e.metadata.streamName) ?? 0) + 1);
    return counts;
  },
  readAllUnorderedCounts: async (store) => {
    const counts = new Map<string, number>();
    for (const e of await readEmmettStreams(store as EmmettStore)) {
      counts.set(e.metadata.streamName, (counts.get(e.metadata.streamName) ?? 0) + 1);
    }
    return counts;
  },
};

const checkCounts = (label: string, counts: Map<string, number>): void => {
  const wrong = [...counts.values()].filter((c) => c !== EVENTS_PER_STREAM).length;
  if (counts.size !== STREAMS || wrong > 0) throw new Error(`${label}: read-all fold found ${counts.size} streams, ${wrong} with a wrong count`);
};

const timed = async <T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> => {
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
};

/** Median time of a few repeats of a read phase (reads are short; one run is noisy). */
const repeatedRead = async <T>(work: () => Promise<T>, check: (value: T) => void): Promise<number> => {
  const times: number[] = [];
  for (let i = 0; i < READ_REPEATS; i++) {
    const { ms, value } = await timed(work);
    check(value);
    times.push(ms);
  }
  return median(times);
};

interface RoundFigures {
  appendPerSec: number;
  readStreamPerSec: number;
  readAllPerSec: number;
  readAllUnorderedPerSec?: number;
  heapPayloadPerEvent?: number;
  heapTotalPerEvent?: number;
  heapStoreAddedPerEvent?: number;
}

const round = async (label: string, subject: StoreUnderTest & Partial<typeof emmett>): Promise<RoundFigures> => {
  const baseline = settledHeap();
  let inputs: unknown[] | undefined = subject.makeInputs();
  const payload = (settledHeap() - baseline) / TOTAL;
  const { ms: appendMs, value: store } = await timed(() => subject.append(inputs!));
  inputs = undefined;
  const total = (settledHeap() - baseline) / TOTAL;

  const readStreamMs = await repeatedRead(
    () => subject.readEveryStream(store),
    (n) => {
      if (n !== TOTAL * STREAM_PASSES) throw new Error(`${label}: read ${n} events from the streams, expected ${TOTAL * STREAM_PASSES}`);
    },
  );
  const readAllMs = await repeatedRead(() => subject.readAllCounts(store), (c) => checkCounts(label, c));
  const unordered = subject.readAllUnorderedCounts;
  const readAllUnorderedMs =
    unordered === undefined ? undefined : await repeatedRead(() => unordered(store), (c) => checkCounts(label, c));

  return {
    appendPerSec: perSecond(TOTAL, appendMs),
    readStreamPerSec: perSecond(TOTAL * STREAM_PASSES, readStreamMs),
    readAllPerSec: perSecond(TOTAL, readAllMs),
    ...(readAllUnorderedMs === undefined ? {} : { readAllUnorderedPerSec: perSecond(TOTAL, readAllUnorderedMs) }),
    ...(collector().gc === undefined
      ? {}
      : {
          heapPayloadPerEvent: Math.round(payload),
          heapTotalPerEvent: Math.round(total),
          heapStoreAddedPerEvent: Math.round(total - payload),
        }),
  };
};

const medians = (rounds: RoundFigures[]): RoundFigures => {
  const of = (key: keyof RoundFigures): number | undefined => {
    const xs = rounds.map((r) => r[key]).filter((x): x is number => x !== undefined);
    return xs.length === 0 ? undefined : median(xs);
  };
  return {
    appendPerSec: of('appendPerSec')!,
    readStreamPerSec: of('readStreamPerSec')!,
    readAllPerSec: of('readAllPerSec')!,
    ...(of('readAllUnorderedPerSec') === undefined ? {} : { readAllUnorderedPerSec: of('readAllUnorderedPerSec')! }),
    ...(of('heapTotalPerEvent') === undefined
      ? {}
      : {
          heapPayloadPerEvent: of('heapPayloadPerEvent')!,
          heapTotalPerEvent: of('heapTotalPerEvent')!,
          heapStoreAddedPerEvent: of('heapStoreAddedPerEvent')!,
        }),
  };
};

export async function run(): Promise<Record<string, unknown>> {
  const oursRounds: RoundFigures[] = [];
  const emmettRounds: RoundFigures[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    oursRounds.push(await round('ours', ours));
    emmettRounds.push(await round('emmett', emmett));
  }
  const o = medians(oursRounds);
  const e = medians(emmettRounds);
  const heap =
    o.heapTotalPerEvent === undefined || e.heapTotalPerEvent === undefined
      ? undefined
      : {
          heapTotalOursOverEmmett: ratio(o.heapTotalPerEvent, e.heapTotalPerEvent),
          heapStoreAddedOursOverEmmett: ratio(o.heapStoreAddedPerEvent!, e.heapStoreAddedPerEvent!),
        };
  const ratios = {
    appendOursOverEmmett: ratio(o.appendPerSec, e.appendPerSec),
    readStreamOursOverEmmett: ratio(o.readStreamPerSec, e.readStreamPerSec),
    readAllOursOverEmmett: ratio(o.readAllPerSec, e.readAllPerSec),
    readAllOursOverEmmettUnordered: ratio(o.readAllPerSec, e.readAllUnorderedPerSec!),
    ...heap,
  };
  return {
    workload: `${STREAMS} streams x ${EVENTS_PER_STREAM} events, round-robin, one append per event with its exact expected revision`,
    rounds: ROUNDS,
    gc: collector().how,
    emmettReadAll: 'readStream on every stream, sort by globalPosition, fold (Emmett 0.42.0 in-memory has no read-all)',
    ours: o,
    emmett: e,
    ratios,
    targets: {
      appendAtLeast5x: ratios.appendOursOverEmmett >= 5,
      readStreamAtLeastEmmett: ratios.readStreamOursOverEmmett >= 1,
      readAllAtLeastEmmett: ratios.readAllOursOverEmmett >= 1,
      heapStoreAddedAtMostHalf: heap === undefined ? 'not measured' : heap.heapStoreAddedOursOverEmmett <= 0.5,
      heapTotalAtMostHalf: heap === undefined ? 'not measured' : heap.heapTotalOursOverEmmett <= 0.5,
    },
    rawRounds: { ours: oursRounds, emmett: emmettRounds },
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}
