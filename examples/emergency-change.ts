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
import { runEmergencyChange } from '../src/demo/index.js';
import type { ChangeRequestState } from '../src/domain/state.js';
import { runExample, runWhenExecutedDirectly, type ExampleOptions } from './print.js';

/** Runs the scenario on a fresh in-memory store (or `options.store`: any EventStore adapter), printing each step and the final CR. */
export const main = (options: ExampleOptions = {}): Promise<ChangeRequestState> =>
  runExample('Emergency change: system outage, fixed first, assessed after', runEmergencyChange, options);

runWhenExecutedDirectly(import.meta.url, main);
