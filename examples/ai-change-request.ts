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
import { runAiChangeRequest } from '../src/demo/index.js';
import type { ChangeRequestState } from '../src/domain/state.js';
import { runExample, runWhenExecutedDirectly, type ExampleOptions } from './print.js';

/** Runs the scenario on a fresh in-memory store (or `options.store`: any EventStore adapter), printing each step and the final CR. */
export const main = (options: ExampleOptions = {}): Promise<ChangeRequestState> =>
  runExample('AI change request: the Foreman proposes, Johan approves', runAiChangeRequest, options);

runWhenExecutedDirectly(import.meta.url, main);
