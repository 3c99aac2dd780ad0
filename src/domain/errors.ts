/** Why the domain refused a command. Codes are stable; messages are for people. */
export type DomainErrorCode =
  | 'CHANGE_REQUEST_NOT_FOUND'
  | 'CHANGE_REQUEST_EXISTS'
  | 'INVALID_TRANSITION'
  | 'PERMISSION_DENIED'
  | 'SEGREGATION_OF_DUTIES'
  | 'ASSESSMENT_INCOMPLETE'
  | 'APPROVAL_AUTHORITY_INSUFFICIENT'
  | 'ALREADY_APPROVED_BY_ACTOR'
  | 'STAKEHOLDER_CONCURRENCE_MISSING'
  | 'STAKEHOLDER_OBJECTION_OPEN'
  | 'ESCALATION_REQUIRED'
  | 'GATES_NOT_PASSED'
  | 'TEST_ENVIRONMENT_NOT_READY'
  | 'REGRESSION_DETECTED'
  | 'MONITORING_WINDOW_OPEN'
  | 'VERIFICATION_CRITERIA_NOT_MET'
  | 'RETROSPECTIVE_INCOMPLETE'
  | 'BYPASS_JUSTIFICATION_REQUIRED'
  | 'RULE_VIOLATION';

export interface DomainError {
  readonly kind: 'domain';
  readonly code: DomainErrorCode;
  readonly message: string;
  /** The field of the command at fault, as a dotted path, when one is. */
  readonly path?: string;
  /** Machine-readable detail, e.g. the unmet gate items. */
  readonly details?: { readonly [key: string]: unknown };
}

export const domainError = (
  code: DomainErrorCode,
  message: string,
  extra: { path?: string; details?: { readonly [key: string]: unknown } } = {},
): DomainError => ({ kind: 'domain', code, message, ...extra });
