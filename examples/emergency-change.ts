/**
 * An emergency change (spec section 14): the portal is down for every tenant.
 * The Foreman tries to declare an emergency and is refused: only Johan (the
 * change manager) may, and his declaration is the approval. Johan applies
 * the fix straight to production, bypassing the test environment with the
 * justification on record; the Foreman starts intense monitoring. Within
 * 24 h the retrospective assessment is recorded, then full regression
 * testing and a post-incident review; after the 24 h monitoring window Johan
 * verifies and closes the change as a success.
 *
 *   npx tsx examples/emergency-change.ts
 *
 * The commands are in src/demo/emergencyChange.ts.
 */
import { pathToFileURL } from 'node:url';
import { runEmergencyChange } from '../src/demo/index.js';
import type { ChangeRequestState } from '../src/domain/state.js';
import { createInMemoryEventStore } from '../src/store/inMemoryEventStore.js';
import { createStepPrinter, printChangeRequest, printTitle, type ExampleOptions } from './print.js';

export const main = async (options: ExampleOptions = {}): Promise<ChangeRequestState> => {
  const store = options.store ?? createInMemoryEventStore();
  const write = options.write ?? console.log;
  const printStep = createStepPrinter(write);

  printTitle('Emergency change: system outage, fixed first, assessed after', write);
  const state = await runEmergencyChange({
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
