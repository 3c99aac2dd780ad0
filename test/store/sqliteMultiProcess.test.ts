import type { ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { firstValueFrom, take, toArray } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../src/store/errors.js';
import { createSqliteEventStore } from '../../src/store/sqlite/sqliteEventStore.js';
import { exited, hasKind, nextMessage, startScript } from './fixtures/childProcess.js';
import { tempFolder } from './fixtures/tempSqliteStore.js';

interface Done extends Record<string, unknown> {
  readonly kind: 'done';
  readonly writer: string;
  readonly otherErrors: string[];
}

/** Starts the writers on one file, lets them all go at once, and returns their reports. */
const runWriters = async (path: string, job: string, count: number, names: readonly string[]): Promise<Done[]> => {
  const writers: ChildProcess[] = names.map((name) => startScript('writer.ts', [path, name, job, String(count)]));
  await Promise.all(writers.map((w) => nextMessage(w, hasKind('ready'))));
  const reports = writers.map((w) => nextMessage(w, hasKind('done')));
  for (const w of writers) w.send({ kind: 'go' });
  const done = (await Promise.all(reports)) as Done[];
  await Promise.all(writers.map(exited));
  return done;
};

describe('SQLite store shared by several processes', () => {
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => {
    folder = tempFolder();
  });
  afterEach(() => folder.remove());
  const fileNamed = (name: string): string => join(folder.dir, `${name}.db`);

  it('given two processes creating the same 300 streams with no_stream, then each stream is won by exactly one and the other gets a WrongExpectedRevision', async () => {
    const path = fileNamed('create');
    await createSqliteEventStore({ path }).close();

    const [a, b] = await runWriters(path, 'create', 300, ['a', 'b']);

    expect([a!.otherErrors, b!.otherErrors]).toEqual([[], []]);
    const wonByA = a!['won'] as number[];
    const wonByB = b!['won'] as number[];
    expect([...wonByA, ...wonByB].sort((x, y) => x - y)).toEqual(Array.from({ length: 300 }, (_, i) => i));
    expect((a!['lost'] as number[]).sort((x, y) => x - y)).toEqual([...wonByB].sort((x, y) => x - y));
    expect((b!['lost'] as number[]).sort((x, y) => x - y)).toEqual([...wonByA].sort((x, y) => x - y));
    const store = createSqliteEventStore({ path });
    try {
      for (const i of [0, 150, 299]) {
        const events = await store.readStream(`race-${i}`);
        expect(events).toHaveLength(1);
        expect(events[0]!.data['writer']).toBe(wonByA.includes(i) ? 'a' : 'b');
      }
      expect(await store.readAll()).toHaveLength(300);
    } finally {
      await store.close();
    }
  });

  it('given three processes each adding 150 events to one stream with optimistic retries, then no write is lost and revisions run 0..449 without duplicates', async () => {
    const path = fileNamed('counter');

    const reports = await runWriters(path, 'counter', 150, ['a', 'b', 'c']);

    expect(reports.map((r) => r.otherErrors)).toEqual([[], [], []]);
    const store = createSqliteEventStore({ path });
    try {
      const events = await store.readStream('counter-1');
      expect(events.map((e) => e.revision)).toEqual(Array.from({ length: 450 }, (_, i) => i));
      for (const writer of ['a', 'b', 'c']) {
        const own = events.filter((e) => e.data['writer'] === writer).map((e) => e.data['k']);
        expect(own).toEqual(Array.from({ length: 150 }, (_, k) => k));
      }
    } finally {
      await store.close();
    }
  });

  it('given a subscription in this process, when another process appends, then every event arrives once, in order', async () => {
    const path = fileNamed('feed');
    const store = createSqliteEventStore({ path, pollIntervalMs: 10 });
    try {
      const receiving = firstValueFrom(store.subscribeToAll({ fromPosition: 'start' }).pipe(take(200), toArray()));

      const [report] = await runWriters(path, 'append', 200, ['remote']);

      const received = await receiving;
      expect(report!.otherErrors).toEqual([]);
      expect(received.map((e) => e.id)).toEqual(report!['ids']);
      expect(received.map((e) => e.revision)).toEqual(Array.from({ length: 200 }, (_, i) => i));
    } finally {
      await store.close();
    }
  });

  it('given another process holding the write lock for a moment, when appending, then the append waits for it and succeeds', async () => {
    const path = fileNamed('wait');
    const store = createSqliteEventStore({ path, busyTimeoutMs: 20_000 });
    try {
      const holder = startScript('lockHolder.ts', [path, '300']);
      await nextMessage(holder, hasKind('locked'));

      const result = await store.appendToStream('waited-1', [{ id: 'w-1', type: 'Waited', data: {}, metadata: {} }]);

      expect(result.nextExpectedRevision).toBe(0);
      await exited(holder);
    } finally {
      await store.close();
    }
  });

  it('given another process holding the write lock, when a store opens the existing file and reads, then it neither waits for the lock nor fails', async () => {
    const path = fileNamed('reader');
    const writer = createSqliteEventStore({ path });
    await writer.appendToStream('cr-1', [{ id: 'r-1', type: 'Noted', data: {}, metadata: {} }]);
    await writer.close();
    const holder = startScript('lockHolder.ts', [path, 'until-told']);
    await nextMessage(holder, hasKind('locked'));
    try {
      const reader = createSqliteEventStore({ path, busyTimeoutMs: 50 });

      expect((await reader.readAll()).map((e) => e.id)).toEqual(['r-1']);
      await reader.close();
    } finally {
      holder.send({ kind: 'release' });
      await exited(holder);
    }
  });

  it('given another process holding the write lock past the busy timeout, when appending, then a transient STORE_UNAVAILABLE and nothing is written', async () => {
    const path = fileNamed('timeout');
    const store = createSqliteEventStore({ path, busyTimeoutMs: 100 });
    try {
      const holder = startScript('lockHolder.ts', [path, 'until-told']);
      await nextMessage(holder, hasKind('locked'));

      const refused = store.appendToStream('late-1', [{ id: 'l-1', type: 'Late', data: {}, metadata: {} }]);

      await expect(refused).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(refused).rejects.toMatchObject({ code: 'STORE_UNAVAILABLE', transient: true });
      holder.send({ kind: 'release' });
      await exited(holder);
      expect(await store.readStream('late-1')).toEqual([]);
    } finally {
      await store.close();
    }
  });
});
