import type { ChangeRequestType, Level, Role } from '../../events/values.js';
import type { Status } from '../../domain/state.js';
import type { ChangeRegisterEntry } from './schema.js';

/** Which date a register date range applies to. */
export type RegisterDateField = 'created' | 'submitted' | 'approved' | 'deployed' | 'closed';

/**
 * A register query: every given criterion must hold (AND); a list means any
 * of its values (OR). Dates are half-open: from <= date < to.
 */
export interface RegisterQuery {
  readonly status?: Status | readonly Status[];
  readonly riskLevel?: Level | readonly Level[];
  readonly impactLevel?: Level | readonly Level[];
  readonly crType?: ChangeRequestType | readonly ChangeRequestType[];
  /** The CR affects this module (as drafted or as assessed). */
  readonly module?: string;
  /** The CR affects this tenant: its assessment names it, or says all tenants. */
  readonly tenant?: string;
  readonly dateRange?: { readonly from?: string; readonly to?: string; readonly field?: RegisterDateField };
  /** Assessed and still waiting for this role's approval (or, for `stakeholder`, concurrence). */
  readonly awaitingApprovalBy?: Role;
}

const dateOf = (e: ChangeRegisterEntry, field: RegisterDateField): string | null => {
  switch (field) {
    case 'created':
      return e.createdDate;
    case 'submitted':
      return e.submittedDate;
    case 'approved':
      return e.approvedDate;
    case 'deployed':
      return e.deploymentDate;
    case 'closed':
      return e.closedDate;
  }
};

const oneOf = <T>(wanted: T | readonly T[] | undefined, actual: T | null): boolean => {
  if (wanted === undefined) return true;
  if (actual === null) return false;
  return Array.isArray(wanted) ? (wanted as readonly T[]).includes(actual) : wanted === actual;
};

/** Compiles a query into a predicate over entries. */
export const matcher = (q: RegisterQuery): ((e: ChangeRegisterEntry) => boolean) => {
  const from = q.dateRange?.from === undefined ? undefined : Date.parse(q.dateRange.from);
  const to = q.dateRange?.to === undefined ? undefined : Date.parse(q.dateRange.to);
  const field = q.dateRange?.field ?? 'created';
  return (e) => {
    if (!oneOf(q.status, e.status)) return false;
    if (!oneOf<Level>(q.riskLevel, e.riskLevel)) return false;
    if (!oneOf<Level>(q.impactLevel, e.impactLevel)) return false;
    if (!oneOf(q.crType, e.crType)) return false;
    if (q.module !== undefined && !e.affectedModules.includes(q.module)) return false;
    if (q.tenant !== undefined) {
      const t = e.affectedTenants;
      if (t === null || t === 'none' || (t !== 'all' && !t.includes(q.tenant))) return false;
    }
    if (q.awaitingApprovalBy !== undefined && !e.awaitingApprovalFrom.includes(q.awaitingApprovalBy)) return false;
    if (from !== undefined || to !== undefined) {
      const d = dateOf(e, field);
      if (d === null) return false;
      const t = Date.parse(d);
      if ((from !== undefined && t < from) || (to !== undefined && t >= to)) return false;
    }
    return true;
  };
};
