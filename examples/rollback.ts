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
import { runRollback } from '../src/demo/index.js';
import type { ChangeRequestState } from '../src/domain/state.js';
import { runExample, runWhenExecutedDirectly, type ExampleOptions } from './print.js';

/** Runs the scenario on a fresh in-memory store (or `options.store`: any EventStore adapter), printing each step and the final CR. */
export const main = (options: ExampleOptions = {}): Promise<ChangeRequestState> =>
  runExample('Rollback: critical errors in production, reverted and analysed', runRollback, options);

runWhenExecutedDirectly(import.meta.url, main);
