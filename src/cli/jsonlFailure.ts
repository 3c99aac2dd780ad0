import type { JsonLinesError, JsonLinesErrorCode } from '../audit/index.js';
import { ExitCode } from './exitCodes.js';
import { CliFailure } from './failure.js';

/** Codes that mean the export was changed after it was written: altered, cut short, reordered or padded. */
const tampering: readonly JsonLinesErrorCode[] = [
  'JSONL_CHAIN_BROKEN',
  'JSONL_REVISION_NOT_CONTIGUOUS',
  'JSONL_POSITION_ORDER',
  'JSONL_END_MISSING',
  'JSONL_COUNT_MISMATCH',
  'JSONL_CONTENT_AFTER_END',
];

const exitCodeOf = (code: JsonLinesErrorCode): ExitCode => {
  if (tampering.includes(code)) return ExitCode.tampering;
  switch (code) {
    case 'IMPORT_TARGET_NOT_EMPTY':
      return ExitCode.refused;
    case 'IMPORT_WRITE_FAILED':
    case 'EXPORT_FAILED':
      return ExitCode.store;
    default:
      // Not an export at all, or not one this version reads: bad input.
      return ExitCode.usage;
  }
};

export const jsonLinesFailure = (error: JsonLinesError): CliFailure => new CliFailure(exitCodeOf(error.code), `${error.code}: ${error.message}`, { error });
