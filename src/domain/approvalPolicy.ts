import type { EventData } from '../events/catalogue.js';
import type { ImpactAssessment } from '../events/assessments.js';
import type { ChangeCategory, ChangeRequestType, ImpactLevel, Level, Role } from '../events/values.js';
import { higherLevel } from './levels.js';

export type ApprovalRequirement = EventData<'AssessmentCompleted'>;

/**
 * Who must approve: the authority follows the higher of overall impact and
 * overall risk.
 * - low: the Foreman may auto-approve when the guardrails hold (no breaking
 *   change, no schema change, not governance, not an emergency); otherwise
 *   the change manager must, as for medium;
 * - medium: the change manager;
 * - high: the change manager, with stakeholder concurrence and no open objection;
 * - critical: as high, plus escalation to and approval by an executive.
 */
export const approvalRequirement = (input: {
  readonly overallImpact: ImpactLevel;
  readonly overallRisk: Level;
  readonly impact: ImpactAssessment;
  readonly category: ChangeCategory;
  readonly crType: ChangeRequestType;
}): ApprovalRequirement => {
  const approvalLevel = higherLevel<Level>(input.overallImpact, input.overallRisk);
  const guardrailFindings = autoApprovalGuardrailFindings(input.impact, input.category, input.crType);
  const autoApprovalEligible = approvalLevel === 'low' && guardrailFindings.length === 0;
  const requiredApprovers: Role[] = autoApprovalEligible
    ? ['foreman']
    : approvalLevel === 'critical'
      ? ['change_manager', 'executive']
      : ['change_manager'];
  return {
    overallImpact: input.overallImpact,
    overallRisk: input.overallRisk,
    approvalLevel,
    requiredApprovers,
    stakeholderConcurrenceRequired: approvalLevel === 'high' || approvalLevel === 'critical',
    escalationRequired: approvalLevel === 'critical',
    autoApprovalEligible,
    guardrailFindings,
  };
};

/** Why a low-level change may still not be auto-approved by the Foreman. */
export const autoApprovalGuardrailFindings = (
  impact: ImpactAssessment,
  category: ChangeCategory,
  crType: ChangeRequestType,
): string[] => {
  const findings: string[] = [];
  if (impact.technical.contractChange === 'breaking') findings.push('breaking change');
  if (impact.technical.schemaChanges.length > 0) findings.push('schema change');
  if (category === 'governance') findings.push('governance change');
  if (crType === 'emergency') findings.push('emergency change');
  return findings;
};

/**
 * Which required approver slot an actor's role fills. A change manager may
 * fill the Foreman's slot (a higher authority may approve a low-risk change
 * itself); otherwise a slot is filled only by its own role.
 */
export const slotFilledBy = (required: readonly Role[], role: Role): Role | undefined => {
  if (required.includes(role)) return role;
  if (role === 'change_manager' && required.includes('foreman')) return 'foreman';
  return undefined;
};
