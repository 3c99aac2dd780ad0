/**
 * @maturion/change-management — the public API. Everything a service,
 * an auditor's tool or a test needs is exported here and only here.
 */

// Entry point and command pipeline
export { createChangeManagement, type ChangeManagement, type ChangeManagementOptions } from './commands/changeManagement.js';
export type { CommandResult, Refusal } from './commands/handler.js';
export type { CommandError, ValidationError, ConcurrencyError, IdempotencyError, StoreFailure } from './commands/errors.js';
export { commandDataSchemas, commandTypes, type CommandInput } from './commands/catalogue.js';
export { validateCommand, type ValidatedCommand } from './commands/validate.js';

// Domain: pure rules
export { decide, type Decision, type DecisionContext } from './domain/decide.js';
export { evolve, evolveAll } from './domain/evolve.js';
export { initialState, statuses, type ChangeRequestState, type Status } from './domain/state.js';
export type { Command, CommandType, CommandDataMap } from './domain/commands.js';
export { allowedFrom, statusAfterEvent } from './domain/lifecycle.js';
export { riskMatrix, riskLevel, overallRiskLevel } from './domain/riskMatrix.js';
export { impactDimensionLevels, overallImpactLevel } from './domain/impactMatrix.js';
export { approvalRequirement, type ApprovalRequirement } from './domain/approvalPolicy.js';
export { evaluateGates, gateOrder, requiredDocumentation } from './domain/gates.js';
export { regressionVerdict } from './domain/regression.js';
export { defaultPermissions } from './domain/permissions.js';
export { defaultPolicy, resolvePolicy, type Policy, type PolicyOverrides } from './domain/policy.js';
export type { DomainError, DomainErrorCode } from './domain/errors.js';
export type { Clock, IdGenerator } from './domain/ports.js';

// Events
export { eventDataSchemas, eventTypes, type DomainEvent, type EventType, type EventOf, type EventData } from './events/catalogue.js';
export * from './events/assessments.js';
export * from './events/values.js';
export { EventMetadata } from './events/metadata.js';
export { decodeRecordedEvent, type StoredEvent, type EventDecodeError } from './events/serialization.js';
export { schemaVersionOf, upcast, UpcastError } from './events/upcasting.js';
export { canonicalJson, computeEventHash } from './events/integrity.js';
export { changeRequestStream, changeRequestCategory, parseChangeRequestNumber } from './events/streams.js';

// Stores
export type * from './store/port.js';
export { categoryOf } from './store/port.js';
export * from './store/errors.js';
export { createInMemoryEventStore, type InMemoryEventStore } from './store/inMemoryEventStore.js';
export { createSqliteEventStore, type SqliteEventStoreOptions } from './store/sqlite/sqliteEventStore.js';
export {
  createEventStoreDbEventStore,
  type EventStoreDbEventStoreOptions,
  type EventStoreDbConnection,
} from './store/eventstoredb/eventStoreDbEventStore.js';

// Test support: an in-process EventStoreDB-protocol server, so services can test the EventStoreDB path without Docker.
export * from './testing/index.js';

// Demo scenarios and test helpers
export {
  runFullLifecycle,
  runEmergencyChange,
  runRollback,
  runAiChangeRequest,
  createScenarioRunner,
  ScenarioFailed,
  createManualClock,
  actors as demoActors,
  type ScenarioOptions,
  type ScenarioStep,
  type ManualClock,
} from './demo/index.js';

// Read side: projections, documents, metrics, notifications, versioning
export * from './projections/index.js';

// Audit: replay, state at a point in time, hash chain, JSON Lines, compliance evidence
export * from './audit/index.js';
