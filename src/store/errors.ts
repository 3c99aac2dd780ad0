import type { ActualRevision, ExpectedRevision } from './port.js';

/** Stable codes of the errors any store adapter may raise. */
export type StoreErrorCode =
  | 'WRONG_EXPECTED_REVISION'
  | 'STREAM_DELETED'
  | 'APPEND_TOO_LARGE'
  | 'INVALID_APPEND'
  | 'STORE_UNAVAILABLE'
  | 'STORE_CLOSED'
  | 'STORE_CORRUPT'
  | 'STORE_VERSION_UNSUPPORTED';

/** Base class of every error a store adapter raises: a stable `code` and a message. */
export class StoreError extends Error {
  constructor(
    readonly code: StoreErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** The stream was not at the expected revision; nothing was written. */
export class WrongExpectedRevisionError extends StoreError {
  constructor(
    readonly streamName: string,
    readonly expected: ExpectedRevision,
    readonly actual: ActualRevision,
  ) {
    super(
      'WRONG_EXPECTED_REVISION',
      `Stream ${streamName}: expected revision ${String(expected)}, actual ${String(actual)}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

export class StreamDeletedError extends StoreError {
  constructor(readonly streamName: string) {
    super('STREAM_DELETED', `Stream ${streamName} has been deleted`);
    this.name = 'StreamDeletedError';
  }
}

/** A passing fault (deadline exceeded, server unavailable): the same call may succeed later. */
export class StoreUnavailableError extends StoreError {
  readonly transient = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super('STORE_UNAVAILABLE', message, options);
    this.name = 'StoreUnavailableError';
  }
}

export const isStoreError = (e: unknown): e is StoreError => e instanceof StoreError;
export const isWrongExpectedRevision = (e: unknown): e is WrongExpectedRevisionError =>
  e instanceof WrongExpectedRevisionError;
