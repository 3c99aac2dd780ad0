/**
 * The full lifecycle of a change request (spec section 3), on the spec's own
 * running example: CR-2025-001 "Add 'asset_owner' field to WRAC assets".
 * The Foreman drafts and assesses it, Johan (the change manager) approves,
 * the first test run finds a regression, the builder revises the change,
 * the second run is clean, all eight gates pass, Johan deploys, and after
 * 24 h of monitoring the CR is verified and closed with its learnings.
 *
 *   npx tsx examples/full-lifecycle.ts      (or: npm start)
 *
 * The steps themselves, each one `execute(command)` call, are in
 * src/demo/fullLifecycle.ts: copy from there to drive your own CRs.
 */
import { pathToFileURL } from 'node:url';
import { runFullLifecycle } from '../src/demo/index.js';
import type { ChangeRequestState } from '../src/domain/state.js';
import { createInMemoryEventStore } from '../src/store/inMemoryEventStore.js';
import { createStepPrinter, printChangeRequest, printTitle, type ExampleOptions } from './print.js';

export const main = async (options: ExampleOptions = {}): Promise<ChangeRequestState> => {
  // Any EventStore adapter works; the in-memory one needs no setup.
  const store = options.store ?? createInMemoryEventStore();
  const write = options.write ?? console.log;
  const printStep = createStepPrinter(write);

  printTitle('Full lifecycle: CR-2025-001, asset_owner on WRAC assets', write);
  const state = await runFullLifecycle({
    store,
    onStep: (step) => {
      printStep(step);
      options.onStep?.(step);
    },
  });
  await printChangeRequest(store, state, write);
  return state;
};

// Run only when executed directly, not when imported (e.g. by the tests).
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
