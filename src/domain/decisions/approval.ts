import { slotFilledBy } from '../approvalPolicy.js';
import { accept, refuse, type Decider } from './shared.js';

export const recordStakeholderReview: Decider<'RecordStakeholderReview'> = (c) =>
  accept({ type: 'StakeholderReviewRecorded', data: { reviewer: c.actor, position: c.data.position, comment: c.data.comment } });

export const escalateChangeRequest: Decider<'EscalateChangeRequest'> = (c, s) =>
  s.escalated
    ? refuse('INVALID_TRANSITION', 'The change request is already escalated to the executive')
    : accept({ type: 'ChangeRequestEscalated', data: { escalatedTo: 'executive', reason: c.data.reason } });

/**
 * One approval at a time; the CR is approved when every required approver
 * slot is filled. Refusals name the rule: the Foreman's guardrails, the
 * authority the assessment requires, segregation of duties, stakeholder
 * concurrence and executive escalation.
 */
export const approveChangeRequest: Decider<'ApproveChangeRequest'> = (c, s, ctx) => {
  const req = s.assessment;
  if (req === undefined) return refuse('ASSESSMENT_INCOMPLETE', 'The change request has not been fully assessed');
  const role = c.actor.role;
  if (role === 'foreman' && !req.autoApprovalEligible) {
    const why =
      req.approvalLevel !== 'low'
        ? `the change is ${req.approvalLevel}-level`
        : `the guardrails do not hold (${req.guardrailFindings.join(', ')})`;
    return refuse('APPROVAL_AUTHORITY_INSUFFICIENT', `The Foreman may only auto-approve low-risk changes within guardrails: ${why}`, 'actor.role', {
      approvalLevel: req.approvalLevel,
      requiredApprovers: req.requiredApprovers,
    });
  }
  const slot = slotFilledBy(req.requiredApprovers, role);
  if (slot === undefined) {
    return refuse('APPROVAL_AUTHORITY_INSUFFICIENT', `A ${req.approvalLevel}-level change needs approval from ${req.requiredApprovers.join(' and ')}`, 'actor.role', {
      approvalLevel: req.approvalLevel,
      requiredApprovers: req.requiredApprovers,
    });
  }
  if (s.approvals.some((a) => a.approver.id === c.actor.id)) {
    return refuse('ALREADY_APPROVED_BY_ACTOR', `${c.actor.id} has already approved this change request`, 'actor.id');
  }
  if (s.approvals.some((a) => slotFilledBy([slot], a.approver.role) !== undefined)) {
    return refuse('INVALID_TRANSITION', `The ${slot} approval has already been given`, 'actor.role');
  }
  const autoApproval = role === 'foreman';
  if (s.draftedBy?.id === c.actor.id && !autoApproval) {
    return refuse('SEGREGATION_OF_DUTIES', 'Whoever drafted a change request may not approve it', 'actor.id');
  }
  if (req.stakeholderConcurrenceRequired) {
    const positions = Object.entries(s.reviews);
    const objections = positions.filter(([, r]) => r.position === 'object').map(([id]) => id);
    if (objections.length > 0) {
      return refuse('STAKEHOLDER_OBJECTION_OPEN', `Stakeholder objection open: ${objections.join(', ')}`, undefined, { objections });
    }
    if (!positions.some(([, r]) => r.position === 'concur')) {
      return refuse('STAKEHOLDER_CONCURRENCE_MISSING', `A ${req.approvalLevel}-level change needs stakeholder concurrence first`);
    }
  }
  if (req.escalationRequired && role === 'executive' && !s.escalated) {
    return refuse('ESCALATION_REQUIRED', 'A critical change must be escalated by the change manager before the executive approves');
  }
  const grant = { approver: c.actor, rationale: c.data.rationale, autoApproval };
  const approvals = [...s.approvals, grant];
  const complete = req.requiredApprovers.every((r) => approvals.some((a) => slotFilledBy([r], a.approver.role) !== undefined));
  if (!complete) return accept({ type: 'ApprovalGranted', data: grant });
  return accept(
    { type: 'ApprovalGranted', data: grant },
    {
      type: 'ChangeRequestApproved',
      data: {
        approvers: approvals.map((a) => a.approver),
        approvalLevel: req.approvalLevel,
        autoApproval,
        approvedAt: ctx.now.toISOString(),
      },
    },
  );
};

export const rejectChangeRequest: Decider<'RejectChangeRequest'> = (c) =>
  accept({ type: 'ChangeRequestRejected', data: { rejectedBy: c.actor, reason: c.data.reason, rationale: c.data.rationale } });
