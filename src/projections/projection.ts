import type { StoredEvent } from '../events/serialization.js';

/**
 * A projection folds the change-request events, in global order, into a
 * read model. The runner decodes each event once and hands it to every
 * projection it feeds.
 *
 * Idempotency is by position: a projection that reports `position()` (the
 * global position of the last event it applied, -1 before any) is never
 * handed an event at or below it, so a runner resuming from a checkpoint
 * that lags behind the projection's state re-reads those events harmlessly.
 * A projection without `position()` (a side-effect consumer that keeps no
 * state of its own) resumes strictly after its checkpoint.
 */
export interface Projection {
  /** Names the checkpoint stream `projection_checkpoint-<name>`: letters, digits, `_` and `-`. */
  readonly name: string;
  apply(event: StoredEvent): void;
  /** Back to the empty state, for a rebuild from position zero. */
  reset(): void;
  position?(): number;
}
