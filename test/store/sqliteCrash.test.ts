import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { computeEventHash, sealEvent } from '../../src/events/integrity.js';
import type { EventStore, RecordedEvent } from '../../src/store/port.js';
import { createSqliteEventStore } from '../../src/store/sqlite/sqliteEventStore.js';
import { exited, hasKind, nextMessage, startScript } from './fixtures/childProcess.js';
import { tempFolder } from './fixtures/tempSqliteStore.js';

const BATCH = 10;
const STREAMS = 7;
const REPORT_AFTER = 1_500;
const WHOLE_BATCH = Array.from({ length: BATCH }, (_, i) => i).join(',');

/**
 * Lists what is wrong with a file left by killed writers: a batch not whole,
 * batches missing, a revision gap, a broken hash chain. Also returns the
 * number of batches it holds.
 */
const inspect = async (store: EventStore): Promise<{ problems: string[]; batches: number }> => {
  const problems: string[] = [];
  const batches = new Map<number, RecordedEvent[]>();
  for (const e of await store.readAll()) {
    const batch = e.metadata['batch'] as number;
    const events = batches.get(batch) ?? [];
    events.push(e);
    batches.set(batch, events);
  }
  for (const [batch, events] of batches) {
    const indexes = events.map((e) => e.metadata['index']).join(',');
    if (indexes !== WHOLE_BATCH) problems.push(`batch ${batch} holds events ${indexes}`);
    if (new Set(events.map((e) => e.streamName)).size !== 1) problems.push(`batch ${batch} spans streams`);
  }
  for (let b = 0; b < batches.size; b++) if (!batches.has(b)) problems.push(`batch ${b} is missing`);

  for (let s = 0; s < STREAMS; s++) {
    let previousHash: string | null = null;
    (await store.readStream(`crash-${s}`)).forEach((e, revision) => {
      if (e.revision !== revision) problems.push(`crash-${s}: revision ${e.revision} where ${revision} belongs`);
      if (e.metadata['previousHash'] !== previousHash) problems.push(`crash-${s}@${revision}: chain link broken`);
      if (computeEventHash(e) !== e.metadata['hash']) problems.push(`crash-${s}@${revision}: hash does not match`);
      previousHash = e.metadata['hash'] as string;
    });
  }
  return { problems, batches: batches.size };
};

/** Starts a writer on the file, waits until it has committed REPORT_AFTER batches, and kills it with SIGKILL. */
const killWriterMidway = async (path: string): Promise<number> => {
  const writer = startScript('crashWriter.ts', [path, String(BATCH), String(STREAMS), String(REPORT_AFTER)]);
  const { batches } = await nextMessage(writer, hasKind('progress'));
  writer.kill('SIGKILL');
  expect(await exited(writer)).toEqual({ code: null, signal: 'SIGKILL' });
  return batches as number;
};

describe('SQLite store: a writer killed with SIGKILL in the middle of appending', () => {
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => {
    folder = tempFolder();
  });
  afterEach(() => folder.remove());

  it('given three writers killed one after another on one file, then each time the file opens with only whole batches, valid hash chains, and takes further appends', async () => {
    const path = join(folder.dir, `crash-${randomUUID()}.db`);
    let committedBefore = 0;

    for (let round = 0; round < 3; round++) {
      const reported = await killWriterMidway(path);

      const store = createSqliteEventStore({ path });
      try {
        const { problems, batches } = await inspect(store);
        expect(problems).toEqual([]);
        // Every batch committed before the kill survived it; the one in flight was rolled back or kept whole.
        expect(batches).toBeGreaterThanOrEqual(reported);
        expect(batches).toBeGreaterThan(committedBefore);
        committedBefore = batches;
      } finally {
        await store.close();
      }
    }

    const store = createSqliteEventStore({ path });
    try {
      const stream = 'crash-0';
      const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      const data = { batch: committedBefore, index: 0, payload: 'after the crashes' };
      const events = Array.from({ length: BATCH }, (_, index) => ({ ...data, index }));
      let previousHash = last!.metadata['hash'] as string;
      const batch = events.map((d) => {
        const metadata = sealEvent('Appended', d, { batch: committedBefore, index: d.index, size: BATCH }, previousHash);
        previousHash = metadata.hash;
        return { id: randomUUID(), type: 'Appended', data: d, metadata };
      });

      const result = await store.appendToStream(stream, batch, { expectedRevision: last!.revision });

      expect(result.nextExpectedRevision).toBe(last!.revision + BATCH);
      expect(await inspect(store)).toEqual({ problems: [], batches: committedBefore + 1 });
    } finally {
      await store.close();
    }
  });
});
