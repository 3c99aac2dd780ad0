/**
 * A rollback (spec section 15): a caching change passes all eight gates and
 * reaches production, then large tenants get HTTP 500s. The Foreman may
 * decide a rollback only for critical errors, so its first attempt (for a
 * slowdown) is refused; once the errors are critical it decides the code
 * rollback. Johan reverts to the previous release, the rollback is validated,
 * production is monitored for 24 h, the post-mortem finds the root cause,
 * and the CR closes with the outcome rolled_back.
 *
 *   npx tsx examples/rollback.ts
 *
 * The commands are in src/demo/rollback.ts.
 */
import { pathToFileURL } from 'node:url';
import { runRollback } from '../src/demo/index.js';
import type { ChangeRequestState } from '../src/domain/state.js';
import { createInMemoryEventStore } from '../src/store/inMemoryEventStore.js';
import { createStepPrinter, printChangeRequest, printTitle, type ExampleOptions } from './print.js';

export const main = async (options: ExampleOptions = {}): Promise<ChangeRequestState> => {
  const store = options.store ?? createInMemoryEventStore();
  const write = options.write ?? console.log;
  const printStep = createStepPrinter(write);

  printTitle('Rollback: critical errors in production, reverted and analysed', write);
  const state = await runRollback({
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
