import type { Command } from 'commander';
import { isStoreError } from '../store/errors.js';
import type { EventStore } from '../store/port.js';
import type { ExitCode } from './exitCodes.js';
import type { CliIo } from './io.js';
import { chooseStoreSpec, describeStore, openStore, storeFailure, type StoreSpec } from './storeOption.js';

/** `existing`: refuse a missing SQLite file (and create nothing); `create`: create it when absent. */
export type StoreAccess = 'existing' | 'create';

/** What every subcommand gets: the process's streams and the store named on the command line. */
export interface CliContext {
  readonly io: CliIo;
  out(text: string): void;
  err(text: string): void;
  /** The store spec from --store, the environment or the default; a bad value is a usage failure. */
  storeSpec(command: Command): StoreSpec;
  /** Opens the store, runs `work`, and closes it whatever happens; store errors become exit code 3. */
  withStore<T>(command: Command, access: StoreAccess, work: (store: EventStore, spec: StoreSpec) => Promise<T>): Promise<T>;
  describeStore(spec: StoreSpec): string;
  /** The exit code the run ends with (the last one set; 0 by default). */
  exitCode: ExitCode;
}

/**
 * A subcommand's action for commander: `work` gets the positional arguments,
 * the options and the command; what it returns becomes the exit code.
 */
export const action =
  <Args extends unknown[]>(ctx: CliContext, work: (...args: Args) => Promise<ExitCode | void>) =>
  async (...args: Args): Promise<void> => {
    const code = await work(...args);
    if (code !== undefined) ctx.exitCode = code;
  };

export const createContext = (io: CliIo): CliContext => {
  const storeSpec = (command: Command): StoreSpec => {
    const { store } = command.optsWithGlobals<{ store?: string }>();
    return chooseStoreSpec(store, io.env);
  };
  return {
    io,
    exitCode: 0,
    out: (text) => void io.stdout.write(text),
    err: (text) => void io.stderr.write(text),
    storeSpec,
    describeStore,
    withStore: async (command, access, work) => {
      const spec = storeSpec(command);
      const store = openStore(spec, { mustExist: access === 'existing' });
      try {
        return await work(store, spec);
      } catch (e) {
        if (isStoreError(e)) throw storeFailure(e, spec);
        throw e;
      } finally {
        await store.close();
      }
    },
  };
};
