import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chooseStoreSpec } from '../../src/cli/storeOption.js';
import { cli, tempDir } from './support/harness.js';

const folder = tempDir();
afterAll(() => folder.remove());

describe('choosing the store', () => {
  it('given nothing, then the default is ./change-management.db', () => {
    expect(chooseStoreSpec(undefined, {})).toEqual({ kind: 'sqlite', path: resolve('change-management.db') });
  });

  it('given the environment variable, then it is used; given --store too, then --store wins', () => {
    const env = { CHANGE_MANAGEMENT_STORE: 'sqlite:/var/lib/cm/events.db' };

    expect(chooseStoreSpec(undefined, env)).toEqual({ kind: 'sqlite', path: '/var/lib/cm/events.db' });
    expect(chooseStoreSpec('memory', env)).toEqual({ kind: 'memory' });
  });

  it('given EventStoreDB connection strings, then they are kept as they are', () => {
    expect(chooseStoreSpec('esdb://localhost:2113?tls=false', {})).toEqual({ kind: 'esdb', connectionString: 'esdb://localhost:2113?tls=false' });
    expect(chooseStoreSpec(undefined, { CHANGE_MANAGEMENT_STORE: 'esdb+discover://cluster:2113' })).toMatchObject({ kind: 'esdb' });
  });

  it.each([['postgres://db/cm'], ['sqlite:'], ['memroy'], ['esdb:/localhost']])(
    'given --store %s, when any subcommand runs, then exit 2 with the accepted forms',
    async (value) => {
      const run = await cli(['--store', value, 'register']);

      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`Invalid store ${JSON.stringify(value)} (from --store)`);
      expect(run.stderr).toContain('sqlite:<path>');
    },
  );

  it('given a bad environment variable, then the message names the variable', async () => {
    const run = await cli(['register'], { env: { CHANGE_MANAGEMENT_STORE: 'mysql://x' } });

    expect(run.code).toBe(2);
    expect(run.stderr).toContain('(from CHANGE_MANAGEMENT_STORE)');
  });

  it('given CHANGE_MANAGEMENT_STORE names a SQLite file, when the demo runs, then its CRs land in that file', async () => {
    const path = folder.path('from-env.db');

    const run = await cli(['demo'], { env: { CHANGE_MANAGEMENT_STORE: `sqlite:${path}` } });

    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`SQLite store ${path}`);
    expect(existsSync(path)).toBe(true);
  });

  it('given the memory store, when a read-only subcommand runs, then it reads an empty store', async () => {
    const run = await cli(['--store', 'memory', 'register', '--format', 'json']);

    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as { change_requests: unknown[] }).change_requests).toEqual([]);
  });
});
