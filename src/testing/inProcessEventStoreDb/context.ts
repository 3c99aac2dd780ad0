import type { ServerErrorResponse } from '@grpc/grpc-js';
import type { TransactionLog } from './transactionLog.js';

/** Faults a test can switch on to see how clients cope. */
export interface Faults {
  /**
   * Appends are committed at once but answered this many milliseconds later:
   * a slow acknowledgement, as when replication to followers lags. A client
   * whose deadline passes first sees a timeout although the write happened.
   */
  appendReplyDelayMs: number;
}

/** What every RPC handler of one server instance shares. */
export interface ServerContext {
  readonly log: TransactionLog;
  readonly maxAppendSize: number;
  readonly faults: Faults;
  /** Runs `action` after `ms` (at once when 0), unless the server stops first. */
  readonly later: (ms: number, action: () => void) => void;
  /** True once this server instance has stopped. */
  readonly stopped: () => boolean;
  /**
   * Registers an open call of a method and what to do with it when the server stops (fail it with
   * UNAVAILABLE, as clients see a node going away); returns the function that
   * unregisters it once the call is over.
   */
  readonly onStop: (method: string, failCall: (error: ServerErrorResponse) => void) => () => void;
}
