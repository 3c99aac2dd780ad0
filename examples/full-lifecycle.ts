/**
 * The full lifecycle of a change request (spec section 3), on the spec's own
 * running example: CR-2025-001 "Add 'asset_owner' field to WRAC assets".
 * The Foreman drafts and assesses it, Johan (the change manager) approves,
 * the first test run finds a regression, the builder revises the change,
 * the second run is clean, all eight gates pass, Johan deploys, and after
 * 24 h of monitoring the CR is verified and closed with its learnings.
 *
 *   npx tsx examples/full-lifecycle.ts
 *
 * The steps themselves, each one `execute(command)` call, are in
 * src/demo/fullLifecycle.ts: copy from there to drive your own CRs.
 */
import { runFullLifecycle } from '../src/demo/index.js';
import type { ChangeRequestState } from '../src/domain/state.js';
import { runExample, runWhenExecutedDirectly, type ExampleOptions } from './print.js';

/** Runs the scenario on a fresh in-memory store (or `options.store`: any EventStore adapter), printing each step and the final CR. */
export const main = (options: ExampleOptions = {}): Promise<ChangeRequestState> =>
  runExample('Full lifecycle: CR-2025-001, asset_owner on WRAC assets', runFullLifecycle, options);

runWhenExecutedDirectly(import.meta.url, main);
