import type { ResolvedEvent } from '@eventstore/db-client';

/** What a client subscription has shown so far. */
export interface Watched {
  readonly events: ResolvedEvent[];
  /** Index in `events` at which `caughtUp` arrived (undefined until it does). */
  caughtUpAt: number | undefined;
  error: unknown;
  /** Waits (bounded) until the condition holds; false if it never did. */
  until(condition: (w: Watched) => boolean, timeoutMs?: number): Promise<boolean>;
}

interface ClientSubscription {
  on(event: 'data', listener: (e: ResolvedEvent) => void): unknown;
  on(event: 'caughtUp', listener: () => void): unknown;
  on(event: 'error', listener: (error: unknown) => void): unknown;
}

/** Records a client subscription's events, caught-up signal and error. */
export const watch = (subscription: ClientSubscription): Watched => {
  const watched: Watched = {
    events: [],
    caughtUpAt: undefined,
    error: undefined,
    until: async (condition, timeoutMs = 5_000) => {
      const deadline = Date.now() + timeoutMs;
      while (!condition(watched)) {
        if (Date.now() > deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      return true;
    },
  };
  subscription.on('data', (e) => watched.events.push(e));
  subscription.on('caughtUp', () => {
    watched.caughtUpAt ??= watched.events.length;
  });
  subscription.on('error', (error) => {
    watched.error = error;
  });
  return watched;
};
