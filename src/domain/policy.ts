import type { Role } from '../events/values.js';
import type { CommandType } from './commands.js';
import { defaultPermissions } from './permissions.js';

/**
 * The configurable part of the rules. Defaults follow the spec; services may
 * override any of it (e.g. a longer verification window).
 */
export interface Policy {
  /** Which roles may issue each command (spec 9 prohibitions are the defaults). */
  readonly permissions: { readonly [K in CommandType]: readonly Role[] };
  /** Minimum monitoring after production deployment (or an emergency fix) before verification. */
  readonly verificationWindowHours: number;
  /** Monitoring after a validated rollback before the CR may close. */
  readonly rollbackMonitoringHours: number;
  /** An emergency's retrospective assessment is due this long after the fix. */
  readonly retrospectiveDeadlineHours: number;
  /** Response-time growth above this percentage counts as a performance regression. */
  readonly maxResponseTimeDegradationPercent: number;
}

export const defaultPolicy: Policy = {
  permissions: defaultPermissions,
  verificationWindowHours: 24,
  rollbackMonitoringHours: 24,
  retrospectiveDeadlineHours: 24,
  maxResponseTimeDegradationPercent: 10,
};

export type PolicyOverrides = Partial<Omit<Policy, 'permissions'>> & {
  readonly permissions?: Partial<Policy['permissions']>;
};

export const resolvePolicy = (overrides: PolicyOverrides = {}): Policy => ({
  ...defaultPolicy,
  ...overrides,
  permissions: { ...defaultPolicy.permissions, ...overrides.permissions },
});
