import {
  CancelledError,
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  NotLeaderError,
  StreamDeletedError as ClientStreamDeletedError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
  convertToCommandError,
} from '@eventstore/db-client';
import { StoreError, StoreUnavailableError, StreamDeletedError, WrongExpectedRevisionError } from '../errors.js';
import type { ExpectedRevision } from '../port.js';
import { fromClientExpectedRevision, toActualRevision } from './expectedRevision.js';

/** What the caller was doing, to name it in the error. */
export interface ErrorContext {
  readonly streamName?: string;
  readonly expected?: ExpectedRevision;
}

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** gRPC failures (raw, or already converted by the client) as the client's typed errors. */
const asCommandError = (error: unknown): unknown =>
  error instanceof Error ? convertToCommandError(error) : error;

/**
 * True for failures that may pass: the server was unreachable, went away
 * mid-call, timed out, or is not the leader (the client then reconnects).
 */
export const isTransient = (error: unknown): boolean => {
  const e = asCommandError(error);
  return (
    e instanceof UnavailableError ||
    e instanceof CancelledError ||
    e instanceof DeadlineExceededError ||
    e instanceof TimeoutError ||
    e instanceof NotLeaderError ||
    e instanceof StoreUnavailableError
  );
};

/**
 * Maps a driver error to the port's errors, at the edge: nothing past the
 * adapter sees an @eventstore/db-client error.
 */
export const toStoreError = (error: unknown, context: ErrorContext = {}): StoreError => {
  if (error instanceof StoreError) return error;
  const e = asCommandError(error);
  if (e instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(
      context.streamName ?? e.streamName,
      context.expected ?? fromClientExpectedRevision(e.expectedVersion),
      toActualRevision(e.actualVersion),
    );
  }
  if (e instanceof ClientStreamDeletedError) return new StreamDeletedError(context.streamName ?? e.streamName);
  if (e instanceof MaxAppendSizeExceededError) {
    return new StoreError(
      'APPEND_TOO_LARGE',
      `Append to ${context.streamName ?? 'a stream'} refused: larger than the server's maximum append size of ${e.maxAppendSize} bytes; nothing was written`,
      { cause: error },
    );
  }
  if (isTransient(e)) {
    return new StoreUnavailableError(`EventStoreDB unavailable: ${messageOf(e) || (e as Error).constructor.name}`, { cause: error });
  }
  // Access denied, unknown server errors, bad arguments: the store could not serve the call, and retrying will not help.
  return new StoreError('STORE_UNAVAILABLE', `EventStoreDB refused the call: ${messageOf(e)}`, { cause: error });
};
