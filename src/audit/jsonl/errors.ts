import type { FindingKind } from '../findings.js';

/** Why a JSON Lines export could not be read or imported. Codes are stable. */
export type JsonLinesErrorCode =
  | 'JSONL_EMPTY'
  | 'JSONL_LINE_TOO_LONG'
  | 'JSONL_NOT_UTF8'
  | 'JSONL_LINE_MALFORMED'
  | 'JSONL_HEADER_MISSING'
  | 'JSONL_FORMAT_UNSUPPORTED'
  | 'JSONL_REVISION_NOT_CONTIGUOUS'
  | 'JSONL_POSITION_ORDER'
  | 'JSONL_CHAIN_BROKEN'
  | 'JSONL_EVENT_UNREADABLE'
  | 'JSONL_END_MISSING'
  | 'JSONL_COUNT_MISMATCH'
  | 'JSONL_CONTENT_AFTER_END'
  | 'JSONL_SOURCE_FAILED'
  | 'IMPORT_TARGET_NOT_EMPTY'
  | 'IMPORT_WRITE_FAILED'
  | 'EXPORT_FAILED';

export interface JsonLinesError {
  readonly kind: 'jsonl';
  readonly code: JsonLinesErrorCode;
  readonly message: string;
  /** 1-based line of the file at fault. */
  readonly line?: number;
  readonly streamName?: string;
  readonly revision?: number;
  /** For JSONL_CHAIN_BROKEN: which chain check failed. */
  readonly findingKind?: FindingKind;
}

export const jsonLinesError = (
  code: JsonLinesErrorCode,
  message: string,
  extra: Omit<JsonLinesError, 'kind' | 'code' | 'message'> = {},
): JsonLinesError => ({
  kind: 'jsonl',
  code,
  message: extra.line === undefined ? message : `line ${extra.line}: ${message}`,
  ...extra,
});

/** Thrown inside the line pipeline and caught at the API edge, so generators can stop early. */
export class JsonLinesFailure extends Error {
  constructor(readonly error: JsonLinesError) {
    super(error.message);
    this.name = 'JsonLinesFailure';
  }
}
