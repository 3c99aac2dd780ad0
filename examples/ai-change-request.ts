/**
 * An AI-generated change request (spec section 10.2): performance monitoring
 * shows the Vulnerability API 30% slower over 7 days, so the Foreman
 * generates AI-CR "Optimize Vulnerability API database queries" (add an
 * index on vulnerability_scans.scan_date), assesses it fully and recommends
 * "Approve and schedule for next maintenance window". The change is
 * low-level, but an index is a schema change: it is not eligible for
 * auto-approval, the Foreman's own approval is refused, and Johan approves.
 * Builders implement it, it is tested, deployed in the maintenance window,
 * verified, and closed with the learnings fed back to the Foreman.
 *
 *   npx tsx examples/ai-change-request.ts
 *
 * The commands are in src/demo/aiChangeRequest.ts.
 */
import { pathToFileURL } from 'node:url';
import { runAiChangeRequest } from '../src/demo/index.js';
import type { ChangeRequestState } from '../src/domain/state.js';
import { createInMemoryEventStore } from '../src/store/inMemoryEventStore.js';
import { createStepPrinter, printChangeRequest, printTitle, type ExampleOptions } from './print.js';

export const main = async (options: ExampleOptions = {}): Promise<ChangeRequestState> => {
  const store = options.store ?? createInMemoryEventStore();
  const write = options.write ?? console.log;
  const printStep = createStepPrinter(write);

  printTitle('AI change request: the Foreman proposes, Johan approves', write);
  const state = await runAiChangeRequest({
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
