import { afterAll, beforeAll, describe } from 'vitest';
import type { ScenarioStep } from '../../src/demo/index.js';
import type { ChangeRequestState } from '../../src/domain/state.js';
import type { StoredEvent } from '../../src/events/serialization.js';
import type { EventStore } from '../../src/store/port.js';
import { readChangeRequest, type ExampleOptions } from '../../examples/print.js';
import { storeFactories, type StoreFixture } from '../support/stores.js';

/** An example's exported `main()`. */
export type ExampleMain = (options: ExampleOptions) => Promise<ChangeRequestState>;

export interface ExampleRun {
  readonly state: ChangeRequestState;
  readonly steps: readonly ScenarioStep[];
  /** What the example printed, line by line. */
  readonly output: readonly string[];
  /** The CR's stream as read back from the store. */
  readonly stored: readonly StoredEvent[];
  readonly refusals: readonly { readonly code: string; readonly path: string | undefined }[];
}

/** Runs an example's main() on the given store, capturing its steps and output instead of printing. */
export const runExample = async (main: ExampleMain, store: EventStore): Promise<ExampleRun> => {
  const steps: ScenarioStep[] = [];
  const output: string[] = [];
  const state = await main({ store, write: (line) => output.push(line), onStep: (step) => steps.push(step) });
  const stored = await readChangeRequest(store, state.id);
  const refusals = steps
    .filter((s) => s.outcome === 'refused')
    .map((s) => ({ code: s.error?.code ?? 'none', path: s.error !== undefined && 'path' in s.error ? s.error.path : undefined }));
  return { state, steps, output, stored, refusals };
};

/**
 * One suite per store of test/support/stores.ts: the example runs once on a
 * fresh store before the suite's tests, which read that run through `result`.
 */
export const describeExampleOnEachStore = (title: string, main: ExampleMain, tests: (result: ExampleRun) => void): void => {
  describe.each(storeFactories)(`${title} on the $name store`, ({ create }) => {
    let fixture: StoreFixture | undefined;
    let run: ExampleRun | undefined;

    beforeAll(async () => {
      fixture = await create();
      run = await runExample(main, fixture.store);
    });
    afterAll(async () => {
      await fixture?.teardown();
    });

    // The tests are declared before the run exists; they read it when they execute.
    const current = (): ExampleRun => {
      if (run === undefined) throw new Error(`${title} did not run`);
      return run;
    };
    tests({
      get state() { return current().state; },
      get steps() { return current().steps; },
      get output() { return current().output; },
      get stored() { return current().stored; },
      get refusals() { return current().refusals; },
    });
  });
};

/** Hours between the first events of two types in a stream. */
export const hoursBetweenEvents = (stored: readonly StoredEvent[], from: string, to: string): number => {
  const at = (type: string): number => {
    const event = stored.find((e) => e.type === type);
    if (event === undefined) throw new Error(`no ${type} in the stream`);
    return Date.parse(event.metadata.occurredAt);
  };
  return (at(to) - at(from)) / 3_600_000;
};
