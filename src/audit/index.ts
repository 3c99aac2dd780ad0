/** The audit module: replay, state at a past point, hash-chain verification, JSON Lines export/import, compliance evidence. */
export { auditError, type AuditError, type AuditErrorCode } from './errors.js';
export { loadChangeRequest, resolveStreamName, decodeAll, type ChangeRequestRef, type LoadedChangeRequest } from './source.js';
export { narrate, type Narration } from './narration.js';
export { buildTrail, replayTrail, type AuditTrail, type AuditTrailEntry } from './trail.js';
export { renderTrailText } from './trailText.js';
export { changeRequestStateAt, stateAtPoint, type HistoricalState, type PointInHistory } from './stateAt.js';
export type { ChainHead, Diagnosis, FindingKind, IntegrityFinding } from './findings.js';
export { checkNext, verifyRecords, type StepResult, type StreamVerification, type VerifyRecordsOptions } from './chain.js';
export { verifyStore, verifyStream, type StoreVerification, type VerifyStoreOptions } from './verify.js';
export { jsonLinesError, type JsonLinesError, type JsonLinesErrorCode } from './jsonl/errors.js';
export { formatName, formatVersion, type EndLine, type EventLine, type ExportScope, type HeaderLine, type JsonLine } from './jsonl/format.js';
export { parseLine } from './jsonl/parse.js';
export { splitLines, fromLines, defaultMaxLineBytes, type NumberedLine } from './jsonl/lines.js';
export { createChecker, type CheckOptions, type JsonLinesSummary } from './jsonl/checker.js';
export { exportJsonLines, exportJsonLinesStream, exportJsonLinesToFile, type ExportOptions } from './jsonl/export.js';
export {
  importJsonLines,
  importJsonLinesFile,
  verifyJsonLines,
  verifyJsonLinesFile,
  type ImportOptions,
  type ImportSummary,
  type JsonLinesSource,
} from './jsonl/import.js';
export { assessCompliance, complianceChecks, complianceEvidence, type ComplianceOptions } from './compliance/evidence.js';
export type { CheckDefinition } from './compliance/definition.js';
export type {
  ComplianceCheckResult,
  ComplianceEvidence,
  ComplianceStatus,
  EvidenceRef,
  Framework,
} from './compliance/types.js';
