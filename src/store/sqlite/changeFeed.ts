import type { Statements } from './statements.js';

/** Someone waiting for new events: woken after commits, ended when the store closes. */
export interface FeedListener {
  readonly wake: () => void;
  readonly end: () => void;
}

export interface ChangeFeed {
  /** Registers a listener; returns the function that unregisters it. */
  readonly listen: (listener: FeedListener) => () => void;
  /** Called after each commit made through this connection. */
  readonly committed: () => void;
  /** Ends every listener and stops polling. */
  readonly close: () => void;
}

/**
 * Tells subscriptions when there may be new events: at once after a commit of
 * this connection, and, for commits of other connections (other processes),
 * when `PRAGMA data_version` changes, checked every pollIntervalMs while at
 * least one listener is registered. The timer only exists while it is needed.
 */
export const createChangeFeed = (s: Statements, pollIntervalMs: number): ChangeFeed => {
  const listeners = new Set<FeedListener>();
  let timer: ReturnType<typeof setInterval> | undefined;
  let lastVersion = 0;

  const wakeAll = (): void => {
    for (const l of listeners) l.wake();
  };

  const poll = (): void => {
    let version: number;
    try {
      version = s.dataVersion.get()!;
    } catch {
      // Let every subscription read, meet the same error and report it to its subscriber.
      wakeAll();
      return;
    }
    if (version !== lastVersion) {
      lastVersion = version;
      wakeAll();
    }
  };

  const stopPolling = (): void => {
    if (timer !== undefined) clearInterval(timer);
    timer = undefined;
  };

  return {
    listen: (listener) => {
      listeners.add(listener);
      if (timer === undefined) {
        lastVersion = s.dataVersion.get()!;
        timer = setInterval(poll, pollIntervalMs);
      }
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0) stopPolling();
      };
    },
    committed: wakeAll,
    close: () => {
      stopPolling();
      const ending = [...listeners];
      listeners.clear();
      for (const l of ending) l.end();
    },
  };
};
