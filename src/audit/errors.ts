import type { StoreError } from '../store/errors.js';
import { isStoreError } from '../store/errors.js';

/** Why an audit read failed. Codes are stable; messages are for people. */
export type AuditErrorCode =
  /** The reference is neither a CR number, a CR id nor a CR stream name. */
  | 'INVALID_REFERENCE'
  /** No CR with that number, id or stream exists in the store. */
  | 'CHANGE_REQUEST_NOT_FOUND'
  /** A stored event does not match the catalogue (or its schema version is unknown). */
  | 'EVENT_UNREADABLE'
  /** The requested revision is not in the stream. */
  | 'REVISION_OUT_OF_RANGE'
  /** The requested point in time or evaluation instant is not an ISO-8601 instant. */
  | 'INVALID_INSTANT'
  /** The store refused or failed a read. */
  | 'STORE_FAILED';

export interface AuditError {
  readonly kind: 'audit';
  readonly code: AuditErrorCode;
  readonly message: string;
  readonly streamName?: string;
  readonly revision?: number;
  /** The store's own error code, when the store failed. */
  readonly storeCode?: StoreError['code'];
}

export const auditError = (
  code: AuditErrorCode,
  message: string,
  extra: Omit<AuditError, 'kind' | 'code' | 'message'> = {},
): AuditError => ({ kind: 'audit', code, message, ...extra });

/** Maps anything a store call threw into an AuditError. */
export const fromStoreFailure = (e: unknown, streamName?: string): AuditError =>
  auditError('STORE_FAILED', isStoreError(e) ? e.message : `Store read failed: ${String(e)}`, {
    ...(streamName === undefined ? {} : { streamName }),
    ...(isStoreError(e) ? { storeCode: e.code } : {}),
  });
