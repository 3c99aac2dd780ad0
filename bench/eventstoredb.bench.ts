import { randomUUID } from 'node:crypto';
import { firstValueFrom, take, toArray } from 'rxjs';
import { createEventStoreDbEventStore } from '../src/store/eventstoredb/eventStoreDbEventStore.js';
import type { EventStore, EventToAppend } from '../src/store/port.js';
import { startInProcessEventStoreDb } from '../src/testing/inProcessEventStoreDb/index.js';
import { median, round } from './stats.js';

/**
 * Throughput of the EventStoreDB adapter against the in-process server over
 * loopback, client and server sharing one process: figures of the client +
 * gRPC + emulator stack on this machine, not of a real EventStoreDB (whose
 * storage, replication and network differ). Medians of rounds, events/s.
 *
 * Per round, on a fresh server:
 * - append 200 streams x 50 events, one event per append with its exact
 *   expected revision, the 200 streams written concurrently (each in order),
 *   through BatchAppend (what the client uses when the server lists it);
 * - the same through Append on a server that does not list BatchAppend
 *   (50 streams x 50 events: it is slower);
 * - 50 events per append, one append per stream, both ways;
 * - sequential single-event appends (one in flight: the round trip);
 * - read every stream; read all (filtered to the category, paged);
 * - catch up a subscription over the 10,000 events;
 * - deliver live events to a subscription while 200 writers append 5 each.
 */

const ROUNDS = 3;
const STREAMS = 200;
const EVENTS_PER_STREAM = 50;
const TOTAL = STREAMS * EVENTS_PER_STREAM;
const APPEND_PATH_STREAMS = 50;
const SEQUENTIAL = 500;
const LIVE_PER_WRITER = 5;

const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);

const anEvent = (stream: number, revision: number): EventToAppend => ({
  id: randomUUID(),
  type: 'TestResultsRecorded',
  data: {
    changeRequestId: `CR-2025-${String(stream).padStart(3, '0')}`,
    environment: 'test',
    results: { existing: { passed: 412, failed: 0, skipped: 0 }, created: { required: 12, passed: 12 } },
    coverage: { before: 81.4, after: 82.1 },
    revision,
  },
  metadata: {
    actor: { id: 'qa-builder-1', role: 'qa_builder' },
    occurredAt: '2025-12-04T09:00:00.000Z',
    correlationId: randomUUID(),
    causationId: randomUUID(),
    schemaVersion: 1,
  },
});

const timed = async (work: () => Promise<unknown>): Promise<number> => {
  const started = performance.now();
  await work();
  return performance.now() - started;
};

/** `streams` streams of EVENTS_PER_STREAM events, one event per append, streams concurrently; events/s. */
const appendOnePerCall = async (store: EventStore, prefix: string, streams: number): Promise<number> =>
  perSecond(
    streams * EVENTS_PER_STREAM,
    await timed(() =>
      Promise.all(
        Array.from({ length: streams }, async (_, s) => {
          for (let r = 0; r < EVENTS_PER_STREAM; r++) {
            await store.appendToStream(`${prefix}-${s}`, [anEvent(s, r)], { expectedRevision: r === 0 ? 'no_stream' : r - 1 });
          }
        }),
      ),
    ),
  );

/** STREAMS appends of EVENTS_PER_STREAM events, concurrently; events/s. */
const appendFiftyPerCall = async (store: EventStore, prefix: string): Promise<number> =>
  perSecond(
    TOTAL,
    await timed(() =>
      Promise.all(
        Array.from({ length: STREAMS }, (_, s) =>
          store.appendToStream(`${prefix}-${s}`, Array.from({ length: EVENTS_PER_STREAM }, (_, r) => anEvent(s, r)), {
            expectedRevision: 'no_stream',
          }),
        ),
      ),
    ),
  );

const appendSequential = async (store: EventStore, stream: string): Promise<number> =>
  perSecond(
    SEQUENTIAL,
    await timed(async () => {
      for (let i = 0; i < SEQUENTIAL; i++) {
        await store.appendToStream(stream, [anEvent(0, i)], { expectedRevision: i === 0 ? 'no_stream' : i - 1 });
      }
    }),
  );

const withStore = async <T>(advertiseBatchAppend: boolean, work: (store: EventStore) => Promise<T>): Promise<T> => {
  const server = await startInProcessEventStoreDb({ advertiseBatchAppend });
  const store = createEventStoreDbEventStore(server.connectionString);
  try {
    await store.appendToStream('warmup-1', [anEvent(0, 0)]);
    return await work(store);
  } finally {
    await store.close();
    await server.stop();
  }
};

const batchAppendRound = (): Promise<Record<string, number>> =>
  withStore(true, async (store) => {
    const category = `bench_${randomUUID().slice(0, 8)}`;
    const byCategory = { by: 'category', categories: [category] } as const;
    const figures: Record<string, number> = {};
    figures['appendOneEventPerCall'] = await appendOnePerCall(store, category, STREAMS);
    figures['appendFiftyPerCall'] = await appendFiftyPerCall(store, `batched_${category}`);
    figures['appendSequential'] = await appendSequential(store, `sequential_${category}-1`);

    figures['readStreams'] = perSecond(
      TOTAL,
      await timed(async () => {
        for (let s = 0; s < STREAMS; s++) await store.readStream(`${category}-${s}`);
      }),
    );
    let read = 0;
    figures['readAll'] = perSecond(
      TOTAL,
      await timed(async () => {
        read = (await store.readAll({ filter: byCategory })).length;
      }),
    );
    if (read !== TOTAL) throw new Error(`read all returned ${read} of ${TOTAL} events`);

    figures['subscribeCatchUp'] = perSecond(
      TOTAL,
      await timed(() => firstValueFrom(store.subscribeToAll({ fromPosition: 'start', filter: byCategory }).pipe(take(TOTAL), toArray()))),
    );

    // Live: subscribed after the current last event, then 200 writers append.
    const live = `live_${category}`;
    const [last] = await store.readAll({ direction: 'backwards', maxCount: 1 });
    const delivered = firstValueFrom(
      store
        .subscribeToAll({ fromPosition: last!.position, filter: { by: 'category', categories: [live] } })
        .pipe(take(STREAMS * LIVE_PER_WRITER), toArray()),
    );
    figures['subscribeLive'] = perSecond(
      STREAMS * LIVE_PER_WRITER,
      await timed(async () => {
        await Promise.all(
          Array.from({ length: STREAMS }, async (_, s) => {
            for (let r = 0; r < LIVE_PER_WRITER; r++) await store.appendToStream(`${live}-${s}`, [anEvent(s, r)]);
          }),
        );
        await delivered;
      }),
    );
    return figures;
  });

const appendRound = (): Promise<Record<string, number>> =>
  withStore(false, async (store) => {
    const category = `bench_${randomUUID().slice(0, 8)}`;
    return {
      appendOneEventPerCall: await appendOnePerCall(store, category, APPEND_PATH_STREAMS),
      appendFiftyPerCall: await appendFiftyPerCall(store, `batched_${category}`),
      appendSequential: await appendSequential(store, `sequential_${category}-1`),
    };
  });

const medians = (rounds: readonly Record<string, number>[]): Record<string, number> =>
  Object.fromEntries(Object.keys(rounds[0]!).map((k) => [k, median(rounds.map((r) => r[k]!))]));

export async function run(): Promise<Record<string, unknown>> {
  const startedAt = performance.now();
  const viaBatchAppend: Record<string, number>[] = [];
  const viaAppend: Record<string, number>[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    viaBatchAppend.push(await batchAppendRound());
    viaAppend.push(await appendRound());
  }
  return {
    note: 'events/s, medians of rounds: client and in-process emulator in one process over loopback, not a real server',
    workload: { streams: STREAMS, eventsPerStream: EVENTS_PER_STREAM, appendPathStreams: APPEND_PATH_STREAMS, sequentialAppends: SEQUENTIAL, rounds: ROUNDS },
    viaBatchAppend: medians(viaBatchAppend),
    viaAppend: medians(viaAppend),
    seconds: round((performance.now() - startedAt) / 1000, 1),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  run().then((r) => console.log(JSON.stringify(r, null, 2)));
}
