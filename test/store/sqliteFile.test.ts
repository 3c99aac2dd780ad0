import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { StoreError } from '../../src/store/errors.js';
import type { EventToAppend } from '../../src/store/port.js';
import { SCHEMA_VERSION } from '../../src/store/sqlite/schema.js';
import { createSqliteEventStore } from '../../src/store/sqlite/sqliteEventStore.js';
import { tempFolder } from './fixtures/tempSqliteStore.js';

const anEvent = (n: number): EventToAppend => ({
  id: randomUUID(),
  type: 'Noted',
  data: { n, text: `event ${n}`.repeat(20) },
  metadata: { actor: { id: 'johan', role: 'change_manager' } },
});

const fingerprint = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Calls `open` and returns the StoreError it throws. */
const refusal = (open: () => unknown): StoreError => {
  try {
    open();
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return e as StoreError;
  }
  throw new Error('expected the store to refuse the file, but it opened');
};

describe('SQLite store file', () => {
  let folder: ReturnType<typeof tempFolder>;
  beforeEach(() => {
    folder = tempFolder();
  });
  afterEach(() => folder.remove());
  const pathOf = (name: string): string => join(folder.dir, name);

  /** A store file of `count` events over three streams, closed. */
  const givenAStoreFile = async (name: string, count: number): Promise<string> => {
    const path = pathOf(name);
    const store = createSqliteEventStore({ path });
    for (let i = 0; i < count; i += 10) {
      await store.appendToStream(`cr-${(i / 10) % 3}`, Array.from({ length: 10 }, (_, j) => anEvent(i + j)));
    }
    await store.close();
    return path;
  };

  describe('reopening', () => {
    it('given a store closed after appends, when the file is opened again, then every event is there as it was and appends continue', async () => {
      const path = pathOf('reopen.db');
      const first = createSqliteEventStore({ path });
      await first.appendToStream('cr-1', [anEvent(0), anEvent(1)], { expectedRevision: 'no_stream' });
      await first.appendToStream('cr-2', [anEvent(2)], { expectedRevision: 'no_stream' });
      const before = await first.readAll();
      await first.close();

      const second = createSqliteEventStore({ path });
      try {
        expect(await second.readAll()).toEqual(before);
        const result = await second.appendToStream('cr-1', [anEvent(3)], { expectedRevision: 1 });
        expect(result.nextExpectedRevision).toBe(2);
        expect(result.position).toBeGreaterThan(before.at(-1)!.position);
      } finally {
        await second.close();
      }
    });

    it('given a store that is still open, when a second store opens the same file, then both see each other\'s appends', async () => {
      const path = pathOf('shared.db');
      const one = createSqliteEventStore({ path });
      const two = createSqliteEventStore({ path });
      try {
        await one.appendToStream('cr-1', [anEvent(0)]);
        await two.appendToStream('cr-1', [anEvent(1)], { expectedRevision: 0 });

        expect((await one.readStream('cr-1')).map((e) => e.data['n'])).toEqual([0, 1]);
      } finally {
        await one.close();
        await two.close();
      }
    });

    it('given a new file, then it records the current schema version and marks itself as an event store', async () => {
      const path = pathOf('version.db');
      await createSqliteEventStore({ path }).close();

      const db = new Database(path, { readonly: true });
      try {
        expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
        expect(db.pragma('application_id', { simple: true })).not.toBe(0);
        expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      } finally {
        db.close();
      }
    });
  });

  describe('refusing a file, writing nothing to it', () => {
    it('given a file written by a newer schema version, when opened, then STORE_VERSION_UNSUPPORTED names both versions and the file is unchanged', async () => {
      const path = await givenAStoreFile('newer.db', 30);
      const db = new Database(path);
      db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
      db.close();
      const before = fingerprint(path);

      const error = refusal(() => createSqliteEventStore({ path }));

      expect(error.code).toBe('STORE_VERSION_UNSUPPORTED');
      expect(error.message).toContain(`schema version ${SCHEMA_VERSION + 1}`);
      expect(error.message).toContain(`${SCHEMA_VERSION}`);
      expect(fingerprint(path)).toBe(before);
    });

    const notDatabases: [string, () => Buffer][] = [
      ['text', () => Buffer.from('change request register\n'.repeat(400))],
      ['random bytes', () => Buffer.from(Array.from({ length: 8192 }, (_, i) => (i * 131 + 17) % 256))],
      ['a few bytes', () => Buffer.from('SQLite')],
      ['an SQLite header followed by garbage', () => Buffer.concat([Buffer.from('SQLite format 3\0', 'latin1'), Buffer.alloc(8176, 0xab)])],
    ];
    it.each(notDatabases)('given a file of %s, when opened, then STORE_CORRUPT and the file is unchanged', (_, content) => {
      const path = pathOf('not-a-database.db');
      writeFileSync(path, content());
      const before = fingerprint(path);

      const error = refusal(() => createSqliteEventStore({ path }));

      expect(error.code).toBe('STORE_CORRUPT');
      expect(error.message).toContain(path);
      expect(fingerprint(path)).toBe(before);
      expect(readdirSync(folder.dir)).toEqual(['not-a-database.db']);
    });

    it('given a store file cut to half its length, when opened, then STORE_CORRUPT says it is truncated', async () => {
      const path = await givenAStoreFile('truncated.db', 300);
      truncateSync(path, Math.floor(statSync(path).size / 2));
      const before = fingerprint(path);

      const error = refusal(() => createSqliteEventStore({ path }));

      expect(error.code).toBe('STORE_CORRUPT');
      expect(error.message).toContain('truncated');
      expect(fingerprint(path)).toBe(before);
    });

    it('given an SQLite database of another application, when opened, then STORE_CORRUPT and no table is added', () => {
      const path = pathOf('other.db');
      const other = new Database(path);
      other.exec('CREATE TABLE invoices (id INTEGER PRIMARY KEY, amount REAL)');
      other.close();
      const before = fingerprint(path);

      const error = refusal(() => createSqliteEventStore({ path }));

      expect(error.code).toBe('STORE_CORRUPT');
      expect(error.message).toContain('not a change-management event store');
      expect(fingerprint(path)).toBe(before);
    });

    it('given a store file whose events table was dropped, when opened, then STORE_CORRUPT names the missing table', async () => {
      const path = await givenAStoreFile('dropped.db', 10);
      const db = new Database(path);
      db.exec('DROP TABLE events');
      db.close();

      const error = refusal(() => createSqliteEventStore({ path }));

      expect(error.code).toBe('STORE_CORRUPT');
      expect(error.message).toContain('events');
    });

    it('given no file and mustExist, when opened, then STORE_UNAVAILABLE and no file is created', () => {
      const path = pathOf('missing.db');

      const error = refusal(() => createSqliteEventStore({ path, mustExist: true }));

      expect(error.code).toBe('STORE_UNAVAILABLE');
      expect(error.message).toContain('does not exist');
      expect(existsSync(path)).toBe(false);
    });

    it('given a path in a folder that does not exist, when opened, then STORE_UNAVAILABLE', () => {
      const error = refusal(() => createSqliteEventStore({ path: join(folder.dir, 'no-such-folder', 'events.db') }));

      expect(error.code).toBe('STORE_UNAVAILABLE');
    });
  });

  describe('damage found while reading', () => {
    it('given a store file whose second half is overwritten with garbage, when it is read, then STORE_CORRUPT', async () => {
      const path = await givenAStoreFile('damaged.db', 300);
      const content = readFileSync(path);
      for (let i = Math.floor(content.length / 2); i < content.length; i++) content[i] = (i * 37 + 11) % 256;
      writeFileSync(path, content);

      const store = createSqliteEventStore({ path });
      try {
        await expect(store.readAll()).rejects.toMatchObject({ code: 'STORE_CORRUPT' });
      } finally {
        await store.close();
      }
    });

    it('given an event whose stored metadata is no longer JSON, when a subscription reaches it, then the subscription fails with STORE_CORRUPT after the events before it', async () => {
      const path = await givenAStoreFile('bad-json-subscription.db', 10);
      const db = new Database(path);
      db.prepare("UPDATE events SET metadata = 'null}' WHERE revision = 5 AND stream = 'cr-0'").run();
      db.close();

      const store = createSqliteEventStore({ path });
      try {
        const seen: number[] = [];
        const failure = await new Promise<unknown>((resolve) => {
          store.subscribeToAll().subscribe({ next: (e) => seen.push(e.data['n'] as number), error: resolve });
        });

        expect(failure).toMatchObject({ code: 'STORE_CORRUPT' });
        expect(seen).toEqual([0, 1, 2, 3, 4]);
      } finally {
        await store.close();
      }
    });

    it('given an event whose stored data is no longer JSON, when it is read, then STORE_CORRUPT names its position', async () => {
      const path = await givenAStoreFile('bad-json.db', 10);
      const db = new Database(path);
      db.prepare("UPDATE events SET data = '{not json' WHERE revision = 3 AND stream = 'cr-0'").run();
      const position = db.prepare("SELECT position FROM events WHERE revision = 3 AND stream = 'cr-0'").pluck().get();
      db.close();

      const store = createSqliteEventStore({ path });
      try {
        await expect(store.readStream('cr-0')).rejects.toMatchObject({
          code: 'STORE_CORRUPT',
          message: expect.stringContaining(`position ${String(position)}`),
        });
      } finally {
        await store.close();
      }
    });
  });
});
