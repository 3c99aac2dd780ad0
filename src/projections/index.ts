/** The read side: projections, their runner, documents on disk, live feeds and versioning. */
export type { Projection } from './projection.js';
export type { DeepReadonly } from './readonly.js';
export {
  createProjectionRunner,
  type ProjectionRunner,
  type ProjectionRunnerOptions,
  type RebuildProgress,
  type RunnerState,
} from './runner/runner.js';
export { ProjectionError, isProjectionError, type ProjectionErrorCode } from './runner/errors.js';
export type { DecodeMode } from './runner/decode.js';
export { checkpointCategory, checkpointStream, checkpointEventType } from './runner/checkpoints.js';

export { createChangeRegister, RegisterFoldError, type ChangeRegister } from './register/register.js';
export type { RegisterQuery, RegisterDateField } from './register/query.js';
export { ChangeRegisterEntry, ChangeRegisterDocument } from './register/schema.js';

export { createChangeLog, type ChangeLog, type ChangeLogQuery } from './changeLog/changeLog.js';
export { ChangeLogEntry, ChangeLogDocument } from './changeLog/schema.js';

export { createMetrics, MetricsQueryError, type Metrics, type MonthlyMetrics } from './metrics/metrics.js';
export type { ChangeMetrics, DurationStats } from './metrics/compute.js';

export {
  writeDocuments,
  writeFileAtomically,
  defaultDocumentsDirectory,
  registerFileName,
  changeLogFileName,
  DocumentWriteError,
  type WriteDocumentsOptions,
} from './documents/writeDocuments.js';
export { toSnakeKeys, type SnakeKeys } from './documents/snakeCase.js';
export { generateJsonSchemas } from './documents/jsonSchemas.js';

export { notifications$, type Notification, type NotificationOptions } from './feeds/notifications.js';
export { learnings$, type LearningFeedItem, type LearningsOptions } from './feeds/learnings.js';

export { commitMessage } from './versioning/commitMessage.js';
export { versionBump, applyBump, VersionError, type VersionBump } from './versioning/semver.js';
export { createPlatformVersion, type PlatformVersion, type VersionChange } from './versioning/platformVersion.js';
