import { resolve } from 'node:path';
import { createEventStoreDbEventStore } from '../store/eventstoredb/eventStoreDbEventStore.js';
import { isStoreError, type StoreError } from '../store/errors.js';
import { createInMemoryEventStore } from '../store/inMemoryEventStore.js';
import type { EventStore } from '../store/port.js';
import { createSqliteEventStore } from '../store/sqlite/sqliteEventStore.js';
import { ExitCode } from './exitCodes.js';
import { CliFailure, usageFailure } from './failure.js';

export const storeEnvVariable = 'CHANGE_MANAGEMENT_STORE';
export const defaultStore = 'sqlite:./change-management.db';

export type StoreSpec =
  | { readonly kind: 'memory' }
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'esdb'; readonly connectionString: string };

/** Parses `memory`, `sqlite:<path>` or an `esdb://` / `esdb+discover://` connection string. */
export const parseStoreSpec = (text: string, from: string): StoreSpec => {
  const value = text.trim();
  if (value === 'memory') return { kind: 'memory' };
  if (value.startsWith('sqlite:')) {
    const path = value.slice('sqlite:'.length);
    if (path.trim() !== '') return { kind: 'sqlite', path: resolve(path) };
  }
  if (/^esdb(\+discover)?:\/\/\S+/.test(value)) return { kind: 'esdb', connectionString: value };
  throw usageFailure(
    `Invalid store ${JSON.stringify(text)} (from ${from}): expected "memory", "sqlite:<path>" ` +
      `or an EventStoreDB connection string such as "esdb://localhost:2113?tls=false".`,
  );
};

/** The store named by --store, else the environment variable, else the SQLite default. */
export const chooseStoreSpec = (option: string | undefined, env: CliEnv): StoreSpec => {
  if (option !== undefined) return parseStoreSpec(option, '--store');
  const fromEnv = env[storeEnvVariable];
  if (fromEnv !== undefined && fromEnv.trim() !== '') return parseStoreSpec(fromEnv, storeEnvVariable);
  return parseStoreSpec(defaultStore, 'the default');
};
type CliEnv = { readonly [name: string]: string | undefined };

export const describeStore = (spec: StoreSpec): string => {
  switch (spec.kind) {
    case 'memory':
      return 'in-memory store (nothing is kept after exit)';
    case 'sqlite':
      return `SQLite store ${spec.path}`;
    case 'esdb':
      return `EventStoreDB ${spec.connectionString.replace(/\/\/[^@/]*@/, '//***@')}`;
  }
};

/** A store error as the CLI reports it: exit code 3 and a message that says what to do. */
export const storeFailure = (e: StoreError, spec: StoreSpec): CliFailure => {
  const hint =
    e.code === 'STORE_UNAVAILABLE' && spec.kind === 'sqlite'
      ? ' Run `change-management demo` or `change-management exec ...` to create it, or pass --store.'
      : '';
  return new CliFailure(ExitCode.store, `${e.code}: ${e.message}${hint}`, { error: { kind: 'store', code: e.code, message: e.message } });
};

export interface OpenStoreOptions {
  /** Read-only subcommands: refuse a SQLite file that does not exist instead of creating it. */
  readonly mustExist: boolean;
}

/** Opens the store, turning a refusal to open (missing, corrupt, too new) into exit code 3. */
export const openStore = (spec: StoreSpec, options: OpenStoreOptions): EventStore => {
  try {
    switch (spec.kind) {
      case 'memory':
        return createInMemoryEventStore();
      case 'sqlite':
        return createSqliteEventStore({ path: spec.path, mustExist: options.mustExist });
      case 'esdb':
        return createEventStoreDbEventStore(spec.connectionString);
    }
  } catch (e) {
    if (isStoreError(e)) throw storeFailure(e, spec);
    throw e;
  }
};
