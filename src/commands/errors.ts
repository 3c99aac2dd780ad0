import type { DomainError } from '../domain/errors.js';

/** The command's shape or values are wrong; nothing was looked up or written. */
export interface ValidationError {
  readonly kind: 'validation';
  readonly code: 'INVALID_COMMAND' | 'UNKNOWN_COMMAND_TYPE';
  readonly message: string;
  /** Dotted path of the first field at fault, e.g. `data.risks.0.likelihood`. */
  readonly path?: string;
  readonly issues: readonly { readonly path: string; readonly message: string }[];
}

/** Optimistic concurrency kept losing: other writers changed the CR on every retry. */
export interface ConcurrencyError {
  readonly kind: 'concurrency';
  readonly code: 'CONCURRENCY_CONFLICT';
  readonly message: string;
  readonly attempts: number;
}

/** The same command id was used for a different command. */
export interface IdempotencyError {
  readonly kind: 'idempotency';
  readonly code: 'IDEMPOTENCY_KEY_REUSED';
  readonly message: string;
  readonly path: 'commandId';
}

/** The store failed (unavailable, closed, corrupt data read back). */
export interface StoreFailure {
  readonly kind: 'store';
  readonly code: string;
  readonly message: string;
  readonly transient: boolean;
}

export type CommandError = ValidationError | DomainError | ConcurrencyError | IdempotencyError | StoreFailure;
