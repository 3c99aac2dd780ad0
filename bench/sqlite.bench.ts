import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { EventToAppend } from '../src/store/port.js';
import { TUNING_PRAGMAS } from '../src/store/sqlite/pragmas.js';
import { MIGRATIONS } from '../src/store/sqlite/schema.js';
import { createSqliteEventStore } from '../src/store/sqlite/sqliteEventStore.js';
import { median, round } from './stats.js';

/**
 * SQLite store appends/s next to raw better-sqlite3 inserts of the same rows
 * into the same table (same indexes, same pragmas, one transaction per append,
 * prepared statements, JSON.stringify of data and metadata: the least work that
 * stores these events), in the same run. The ratio is the adapter's overhead
 * over the practical limit. Then read-all throughput from the file.
 */

const ROUNDS = 3;
const SINGLE_EVENTS = 10_000;
const BATCHED_EVENTS = 100_000;
const BATCH = 100;
const STREAMS = 1_000;
const READ_PAGE = 10_000;

const perSecond = (count: number, ms: number): number => Math.round((count / ms) * 1000);

/** A test-results event as the command pipeline appends it: nested data, a full metadata envelope. */
const testResultsEvent = (i: number): EventToAppend => ({
  id: randomUUID(),
  type: 'TestResultsRecorded',
  data: {
    changeRequestId: `CR-2025-${String(i % STREAMS).padStart(3, '0')}`,
    environment: 'test',
    results: { existing: { passed: 412, failed: 0, skipped: 0 }, created: { required: 12, passed: 12 } },
    coverage: { before: 81.4, after: 82.1 },
    responseTimeMs: { before: 120, after: 124 },
    notes: 'regression suite green',
  },
  metadata: {
    actor: { id: 'qa-builder-1', role: 'qa_builder' },
    occurredAt: '2025-03-04T05:06:07.089Z',
    correlationId: '6d1f0c1e-2b7a-4c43-9a57-0a3f7c8e9b10',
    causationId: '0b8e3c5a-1f2d-4e6b-8a9c-7d5e4f3a2b1c',
    schemaVersion: 1,
    previousHash: 'a3f1c2d4e5b6a7980a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f6071',
    hash: '9f8e7d6c5b4a39281706f5e4d3c2b1a09f8e7d6c5b4a39281706f5e4d3c2b1a0',
  },
});

const streamOf = (i: number): string => `change_request-${i % STREAMS}`;

/** Batches of `size` events, each for one stream, round-robin over the streams. */
const batchesOf = (events: readonly EventToAppend[], size: number): { stream: string; events: EventToAppend[] }[] => {
  const out: { stream: string; events: EventToAppend[] }[] = [];
  for (let i = 0; i < events.length; i += size) out.push({ stream: streamOf(i / size), events: events.slice(i, i + size) });
  return out;
};

const withTempFile = async <T>(work: (path: string) => Promise<T> | T): Promise<T> => {
  const dir = mkdtempSync(join(tmpdir(), 'cm-sqlite-bench-'));
  try {
    return await work(join(dir, 'events.db'));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
};

/** The adapter: every append with an exact expected revision, as the command pipeline does it. */
const adapterAppends = (batches: ReturnType<typeof batchesOf>): Promise<number> =>
  withTempFile(async (path) => {
    const store = createSqliteEventStore({ path });
    const revisions = new Map<string, number>();
    const started = performance.now();
    for (const { stream, events } of batches) {
      const expectedRevision = revisions.get(stream) ?? 'no_stream';
      const { nextExpectedRevision } = await store.appendToStream(stream, events, { expectedRevision });
      revisions.set(stream, nextExpectedRevision);
    }
    const ms = performance.now() - started;
    await store.close();
    return ms;
  });

/** Raw better-sqlite3: the same rows into the same table, one IMMEDIATE transaction per batch. */
const rawInserts = (batches: ReturnType<typeof batchesOf>): Promise<number> =>
  withTempFile((path) => {
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    for (const pragma of TUNING_PRAGMAS) db.pragma(pragma);
    for (const m of MIGRATIONS) m.up(db);
    const insert = db.prepare(
      'INSERT INTO events (id, stream, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const revisions = new Map<string, number>();
    const write = db.transaction((stream: string, events: readonly EventToAppend[]) => {
      let revision = revisions.get(stream) ?? -1;
      for (const e of events) {
        revision += 1;
        insert.run(e.id, stream, revision, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
      }
      revisions.set(stream, revision);
    });
    const started = performance.now();
    for (const { stream, events } of batches) write.immediate(stream, events);
    const ms = performance.now() - started;
    db.close();
    return ms;
  });

/** Reads the whole file in pages through the port (as a projection rebuild does), and raw with JSON.parse. */
const readAllThroughput = (
  events: readonly EventToAppend[],
): Promise<{ adapterMs: number[]; rawMs: number[]; fileMB: number }> =>
  withTempFile(async (path) => {
    const store = createSqliteEventStore({ path });
    for (const { stream, events: batch } of batchesOf(events, BATCH)) await store.appendToStream(stream, batch);
    await store.close();
    const fileMB = round(statSync(path).size / 1024 / 1024, 1);
    const adapterMs: number[] = [];
    const rawMs: number[] = [];
    for (let i = 0; i < ROUNDS; i++) {
      const reader = createSqliteEventStore({ path });
      let started = performance.now();
      let from = 0;
      let read = 0;
      for (;;) {
        const page = await reader.readAll({ fromPosition: from, maxCount: READ_PAGE });
        if (page.length === 0) break;
        read += page.length;
        from = page[page.length - 1]!.position + 1;
      }
      adapterMs.push(performance.now() - started);
      await reader.close();
      if (read !== events.length) throw new Error(`read ${read} of ${events.length} events`);

      const db = new Database(path, { readonly: true });
      for (const pragma of TUNING_PRAGMAS) db.pragma(pragma);
      const select = db
        .prepare<[number, number], unknown[]>(
          'SELECT position, id, stream, revision, type, data, metadata FROM events WHERE position >= ? ORDER BY position LIMIT ?',
        )
        .raw(true);
      started = performance.now();
      from = 0;
      for (;;) {
        const rows = select.all(from, READ_PAGE);
        if (rows.length === 0) break;
        for (const row of rows) {
          JSON.parse(row[5] as string);
          JSON.parse(row[6] as string);
        }
        from = (rows[rows.length - 1]![0] as number) + 1;
      }
      rawMs.push(performance.now() - started);
      db.close();
    }
    return { adapterMs, rawMs, fileMB };
  });

const compare = async (events: readonly EventToAppend[], size: number) => {
  const batches = batchesOf(events, size);
  const adapter: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < ROUNDS; i++) {
    // Alternate the order so neither side always runs on a warmer page cache.
    if (i % 2 === 0) {
      adapter.push(await adapterAppends(batches));
      raw.push(await rawInserts(batches));
    } else {
      raw.push(await rawInserts(batches));
      adapter.push(await adapterAppends(batches));
    }
  }
  const adapterRate = perSecond(events.length, median(adapter));
  const rawRate = perSecond(events.length, median(raw));
  return {
    events: events.length,
    adapterEventsPerSecond: adapterRate,
    rawEventsPerSecond: rawRate,
    ratioToRaw: round(adapterRate / rawRate),
  };
};

export async function run(): Promise<Record<string, unknown>> {
  const single = Array.from({ length: SINGLE_EVENTS }, (_, i) => testResultsEvent(i));
  const batched = Array.from({ length: BATCHED_EVENTS }, (_, i) => testResultsEvent(i));
  const oneEventPerAppend = await compare(single, 1);
  const batchesOf100 = await compare(batched, BATCH);
  const read = await readAllThroughput(batched);
  return {
    store: 'sqlite (WAL, synchronous=NORMAL)',
    rounds: ROUNDS,
    oneEventPerAppend,
    batchesOf100,
    readAll: {
      events: batched.length,
      fileMB: read.fileMB,
      pageSize: READ_PAGE,
      adapterEventsPerSecond: perSecond(batched.length, median(read.adapterMs)),
      rawSelectAndParseEventsPerSecond: perSecond(batched.length, median(read.rawMs)),
    },
    target: 'adapter >= 50% of raw inserts',
  };
}

if (import.meta.url === `file://${process.argv[1]}`) run().then((r) => console.log(JSON.stringify(r, null, 2)));
