import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { MIGRATIONS } from '../../src/store/sqlite/schema.js';
import { prepareStatements } from '../../src/store/sqlite/statements.js';

/**
 * What keeps countAll cheap on SQLite: the counts read an index, never the
 * table rows, so the JSON columns are not touched. A schema or SQL change
 * that loses this turns a rebuild's sizing query back into a full read.
 */
const plan = (db: Database.Database, sql: string, args: unknown[]): string[] =>
  db
    .prepare(`EXPLAIN QUERY PLAN ${sql}`)
    .all(...args)
    .map((row) => (row as { detail: string }).detail);

const readsTableRows = (steps: readonly string[]): string[] =>
  steps.filter((step) => /^SCAN events\b/.test(step) && !step.includes('COVERING INDEX'));

describe('SQLite count query plans', () => {
  let db: Database.Database | undefined;
  afterEach(() => db?.close());

  const statements = () => {
    db = new Database(':memory:');
    for (const migration of MIGRATIONS) migration.up(db);
    return prepareStatements(db).countAll;
  };

  it('given the events table, when everything is counted, then only indexes are read', () => {
    const counts = statements();

    const steps = plan(db!, counts.none.source, []);

    expect(steps.some((step) => step.includes('events'))).toBe(true);
    expect(readsTableRows(steps)).toEqual([]);
  });

  it('given the events table, when one category is counted, then it scans the (stream, revision) index and not the rows', () => {
    const counts = statements();

    const steps = plan(db!, counts.category.source, [JSON.stringify(['change_request'])]);

    expect(steps.some((step) => step.includes('COVERING INDEX'))).toBe(true);
    expect(readsTableRows(steps)).toEqual([]);
  });
});
