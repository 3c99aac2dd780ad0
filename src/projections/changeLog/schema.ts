import { z } from 'zod';
import { ChangeSet } from '../../events/assessments.js';
import { Actor, ChangeRequestType, Instant, RollbackTrigger, RollbackType } from '../../events/values.js';

/**
 * One entry of the change log (spec 12.2): a production deployment, an
 * emergency fix or a rollback. camelCase in code, snake_case on disk.
 */
export const TestResultsSummary = z.object({
  retrospective: z.boolean(),
  existingPassed: z.number(),
  existingTotal: z.number(),
  newPassed: z.number(),
  newCreated: z.number(),
  coverageBefore: z.number(),
  coverageAfter: z.number(),
  regressionDetected: z.boolean(),
  /** e.g. "245/245 existing and 5/5 new tests passed; coverage 92.5% -> 93.1%; no regression" */
  summary: z.string(),
});
export type TestResultsSummary = z.infer<typeof TestResultsSummary>;

export const ChangeLogEntry = z.object({
  entryId: z.string(),
  kind: z.enum(['deployment', 'emergency_fix', 'rollback']),
  crId: z.string().nullable(),
  changeRequestId: z.string(),
  crType: ChangeRequestType,
  title: z.string(),
  /** When it went to production (for a rollback: when it was decided). */
  at: Instant,
  executedBy: Actor,
  release: z.string().nullable(),
  /** What changed; for a rollback, what was reverted. */
  changes: ChangeSet,
  approval: z.object({
    autoApproval: z.boolean(),
    approvers: z.array(Actor),
    /** "Maturion Foreman (auto-approval)", "Johan", "Johan (emergency declaration)"... */
    approvedBy: z.string(),
  }),
  testEnvironmentBypassed: z.boolean(),
  testResults: TestResultsSummary.nullable(),
  /** pending until verified (success), failed or rolled back (failure); a rollback succeeds when validated. */
  result: z.enum(['pending', 'success', 'failure']),
  status: z.enum(['deployed', 'verified', 'failed', 'rolled_back', 'rolling_back', 'validated']),
  failureReason: z.string().nullable(),
  resolvedAt: Instant.nullable(),
  rollback: z
    .object({ trigger: RollbackTrigger, rollbackType: RollbackType, reason: z.string(), decidedBy: Actor, revertedTo: z.string().nullable() })
    .nullable(),
});
export type ChangeLogEntry = z.infer<typeof ChangeLogEntry>;

export const ChangeLogDocument = z.object({
  schemaVersion: z.literal(1),
  generatedAt: Instant,
  lastPosition: z.number(),
  entries: z.array(ChangeLogEntry),
});
export type ChangeLogDocument = z.infer<typeof ChangeLogDocument>;
