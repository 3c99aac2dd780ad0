import { describe, expect, it } from 'vitest';
import type { DomainEvent } from '../../src/events/catalogue.js';
import type { Actor } from '../../src/events/values.js';
import {
  command,
  dataOf,
  errorOf,
  event,
  eventsOf,
  given,
  lowImpact,
  people,
  regressionPlan,
  risk,
  submitted,
  typesOf,
  when,
  assessed,
  requirementFor,
  type HistoryOptions,
} from '../support/domainFixtures.js';

/**
 * Stage 4 (spec 3.2) with the approval policy of DESIGN.md: who may approve
 * at each level, segregation of duties, stakeholder concurrence, escalation.
 */

const { foreman, johan, amara, builder, qa, owner, auditor, ciso, ceo } = people;

const approve = (actor: Actor) => command('ApproveChangeRequest', actor, { rationale: 'Impact acceptable, risk mitigated' });
const review = (reviewer: Actor, position: 'concur' | 'object'): DomainEvent =>
  event('StakeholderReviewRecorded', { reviewer, position, comment: position === 'object' ? 'Blocks our release' : 'Fine by us' });
const granted = (approver: Actor): DomainEvent => event('ApprovalGranted', { approver, rationale: 'Acceptable', autoApproval: false });
const escalated = event('ChangeRequestEscalated', { escalatedTo: 'executive', reason: 'Critical risk' });

const at = (o: HistoryOptions, ...more: DomainEvent[]) => given(assessed(o), more);

describe('low level: the Foreman auto-approves within the guardrails', () => {
  it('given an assessed low-level CR drafted by the change manager, when the Foreman approves, then an auto-approval and the CR is approved', () => {
    const decision = when(at({ level: 'low', draftedBy: johan }), approve(foreman));
    expect(typesOf(decision)).toEqual(['ApprovalGranted', 'ChangeRequestApproved']);
    expect(dataOf(decision, 'ApprovalGranted')).toEqual({ approver: foreman, rationale: 'Impact acceptable, risk mitigated', autoApproval: true });
    expect(dataOf(decision, 'ChangeRequestApproved')).toMatchObject({ approvers: [foreman], approvalLevel: 'low', autoApproval: true });
    expect(given(assessed({ level: 'low' }), eventsOf(decision)).status).toBe('approved');
  });

  it('given a low-level AI CR the Foreman drafted itself, when the Foreman approves, then it is auto-approved (the one exception to segregation of duties)', () => {
    const decision = when(at({ level: 'low', crType: 'ai_generated' }), approve(foreman));
    expect(given(assessed({ crType: 'ai_generated' })).draftedBy).toEqual(foreman);
    expect(dataOf(decision, 'ChangeRequestApproved')).toMatchObject({ approvers: [foreman], autoApproval: true });
  });

  it('given a low-level CR, when a change manager who did not draft it approves, then it is approved, not as an auto-approval', () => {
    const decision = when(at({ level: 'low', draftedBy: amara }), approve(johan));
    expect(dataOf(decision, 'ChangeRequestApproved')).toMatchObject({ approvers: [johan], approvalLevel: 'low', autoApproval: false });
  });

  it('given a low-level CR whose guardrails do not hold (schema change), when the Foreman approves, then APPROVAL_AUTHORITY_INSUFFICIENT naming the guardrail', () => {
    const o: HistoryOptions = {
      level: 'low',
      requirement: { autoApprovalEligible: false, requiredApprovers: ['change_manager'], guardrailFindings: ['schema change'] },
    };
    const error = errorOf(when(at(o), approve(foreman)));
    expect(error).toMatchObject({ code: 'APPROVAL_AUTHORITY_INSUFFICIENT', path: 'actor.role' });
    expect(error.message).toContain('schema change');
    expect(typesOf(when(at(o), approve(johan)))).toEqual(['ApprovalGranted', 'ChangeRequestApproved']);
  });

  it('given a governance CR assessed at low level, when the Foreman approves, then APPROVAL_AUTHORITY_INSUFFICIENT: the Foreman never approves governance', () => {
    const history = [
      ...submitted({ category: 'governance', draftedBy: johan }),
      event('ImpactAssessed', {
        assessment: lowImpact,
        dimensionLevels: { modulesAffected: 'low', breakingChanges: 'low', tenantImpact: 'low', downtime: 'low', rollbackComplexity: 'low' },
        overallImpact: 'low',
      }),
      event('RiskAssessed', { risks: [{ ...risk('rare', 'minor'), level: 'low' }], overallRisk: 'low' }),
    ];
    const completion = when(given(history), command('RecordRegressionPlan', johan, { plan: regressionPlan }));
    const state = given(history, eventsOf(completion));
    expect(errorOf(when(state, approve(foreman)))).toMatchObject({ code: 'APPROVAL_AUTHORITY_INSUFFICIENT', details: { approvalLevel: 'low', requiredApprovers: ['change_manager'] } });
    expect(typesOf(when(state, approve(amara)))).toEqual(['ApprovalGranted', 'ChangeRequestApproved']);
  });
});

describe('medium level: the change manager approves', () => {
  it('given an assessed medium-level CR, when the Foreman approves, then APPROVAL_AUTHORITY_INSUFFICIENT', () => {
    expect(errorOf(when(at({ level: 'medium' }), approve(foreman)))).toMatchObject({
      code: 'APPROVAL_AUTHORITY_INSUFFICIENT',
      path: 'actor.role',
      details: { approvalLevel: 'medium', requiredApprovers: ['change_manager'] },
    });
  });

  it('given an assessed medium-level CR drafted by Amara, when Johan approves, then it is approved by Johan with his rationale', () => {
    const decision = when(at({ level: 'medium', draftedBy: amara }), approve(johan));
    expect(eventsOf(decision)[0]).toEqual(event('ApprovalGranted', { approver: johan, rationale: 'Impact acceptable, risk mitigated', autoApproval: false }));
    expect(dataOf(decision, 'ChangeRequestApproved')).toMatchObject({ approvers: [johan], approvalLevel: 'medium', autoApproval: false });
  });

  it('given a medium-level CR Johan drafted, when Johan approves, then SEGREGATION_OF_DUTIES', () => {
    expect(errorOf(when(at({ level: 'medium', draftedBy: johan }), approve(johan)))).toMatchObject({ code: 'SEGREGATION_OF_DUTIES', path: 'actor.id' });
  });

  it('given a CR a low-level approval would suit but Johan drafted, when Johan approves in the Foreman\'s stead, then SEGREGATION_OF_DUTIES', () => {
    expect(errorOf(when(at({ level: 'low', draftedBy: johan }), approve(johan))).code).toBe('SEGREGATION_OF_DUTIES');
  });

  it.each([builder, qa, owner])('given an assessed CR, when $role $id approves, then PERMISSION_DENIED: only the Foreman, change managers and executives approve', (actor) => {
    expect(errorOf(when(at({ level: 'low' }), approve(actor))).code).toBe('PERMISSION_DENIED');
  });

  it('given a submitted CR whose assessment is incomplete, when Johan approves, then INVALID_TRANSITION', () => {
    expect(errorOf(when(given(submitted()), approve(johan))).code).toBe('INVALID_TRANSITION');
  });
});

describe('high level: the change manager, with stakeholder concurrence and no open objection', () => {
  it('given no stakeholder review, when Johan approves, then STAKEHOLDER_CONCURRENCE_MISSING', () => {
    expect(errorOf(when(at({ level: 'high' }), approve(johan))).code).toBe('STAKEHOLDER_CONCURRENCE_MISSING');
  });

  it('given one concurrence, when Johan approves, then the CR is approved at high level', () => {
    const decision = when(at({ level: 'high' }, review(owner, 'concur')), approve(johan));
    expect(dataOf(decision, 'ChangeRequestApproved')).toMatchObject({ approvers: [johan], approvalLevel: 'high' });
  });

  it('given a concurrence and an open objection, when Johan approves, then STAKEHOLDER_OBJECTION_OPEN naming the objector', () => {
    expect(errorOf(when(at({ level: 'high' }, review(owner, 'concur'), review(auditor, 'object')), approve(johan)))).toMatchObject({
      code: 'STAKEHOLDER_OBJECTION_OPEN',
      details: { objections: [auditor.id] },
    });
  });

  it('given an objection later withdrawn by a concurrence from the same stakeholder, when Johan approves, then the CR is approved', () => {
    expect(typesOf(when(at({ level: 'high' }, review(auditor, 'object'), review(auditor, 'concur')), approve(johan)))).toEqual([
      'ApprovalGranted',
      'ChangeRequestApproved',
    ]);
  });

  it('given a concurrence later turned into an objection by the same stakeholder, when Johan approves, then STAKEHOLDER_OBJECTION_OPEN', () => {
    expect(errorOf(when(at({ level: 'high' }, review(owner, 'concur'), review(owner, 'object')), approve(johan))).code).toBe('STAKEHOLDER_OBJECTION_OPEN');
  });

  it('given an objection and a concurrence from another stakeholder, when Johan approves, then STAKEHOLDER_OBJECTION_OPEN (one concurrence does not outvote an objection)', () => {
    expect(errorOf(when(at({ level: 'high' }, review(auditor, 'object'), review(owner, 'concur')), approve(johan))).code).toBe('STAKEHOLDER_OBJECTION_OPEN');
  });

  it('given a high-level CR with concurrence, when the Foreman approves, then APPROVAL_AUTHORITY_INSUFFICIENT', () => {
    expect(errorOf(when(at({ level: 'high' }, review(owner, 'concur')), approve(foreman))).code).toBe('APPROVAL_AUTHORITY_INSUFFICIENT');
  });

  it('given a submitted or assessed CR, when a stakeholder reviews, then the review is recorded with the reviewer', () => {
    const decision = when(given(submitted()), command('RecordStakeholderReview', owner, { position: 'object', comment: 'Needs a migration plan' }));
    expect(dataOf(decision, 'StakeholderReviewRecorded')).toEqual({ reviewer: owner, position: 'object', comment: 'Needs a migration plan' });
  });
});

describe('critical level: escalation to, and approval by, an executive as well', () => {
  const concurred = review(owner, 'concur');

  it('given concurrence but no escalation, when Johan approves, then his approval is granted but the CR stays assessed', () => {
    const decision = when(at({ level: 'critical' }, concurred), approve(johan));
    expect(typesOf(decision)).toEqual(['ApprovalGranted']);
    expect(given(assessed({ level: 'critical' }), concurred, eventsOf(decision)).status).toBe('assessed');
  });

  it('given Johan approved but no escalation, when the CISO approves, then ESCALATION_REQUIRED', () => {
    expect(errorOf(when(at({ level: 'critical' }, concurred, granted(johan)), approve(ciso))).code).toBe('ESCALATION_REQUIRED');
  });

  it('given escalation and Johan approved, when the CISO approves, then the CR is approved by both at critical level', () => {
    const decision = when(at({ level: 'critical' }, concurred, escalated, granted(johan)), approve(ciso));
    expect(typesOf(decision)).toEqual(['ApprovalGranted', 'ChangeRequestApproved']);
    expect(dataOf(decision, 'ChangeRequestApproved')).toMatchObject({ approvers: [johan, ciso], approvalLevel: 'critical', autoApproval: false });
  });

  it('given escalation and the CISO approved first, when Johan approves, then the CR is approved', () => {
    const decision = when(at({ level: 'critical' }, concurred, escalated, granted(ciso)), approve(johan));
    expect(dataOf(decision, 'ChangeRequestApproved')).toMatchObject({ approvers: [ciso, johan] });
  });

  it('given escalation and the CISO approved, when another executive approves, then the executive approval is not given twice', () => {
    expect(errorOf(when(at({ level: 'critical' }, concurred, escalated, granted(ciso)), approve(ceo))).code).toBe('INVALID_TRANSITION');
  });

  it('given escalation but no concurrence, when the CISO approves, then STAKEHOLDER_CONCURRENCE_MISSING', () => {
    expect(errorOf(when(at({ level: 'critical' }, escalated), approve(ciso))).code).toBe('STAKEHOLDER_CONCURRENCE_MISSING');
  });

  it('given Johan already approved, when Johan approves again, then ALREADY_APPROVED_BY_ACTOR', () => {
    expect(errorOf(when(at({ level: 'critical' }, concurred, escalated, granted(johan)), approve(johan)))).toMatchObject({
      code: 'ALREADY_APPROVED_BY_ACTOR',
      path: 'actor.id',
    });
  });

  it('given an assessed critical CR, when Johan escalates, then ChangeRequestEscalated to the executive; escalating twice is refused', () => {
    const decision = when(at({ level: 'critical' }), command('EscalateChangeRequest', johan, { reason: 'Critical risk to tenant data' }));
    expect(dataOf(decision, 'ChangeRequestEscalated')).toEqual({ escalatedTo: 'executive', reason: 'Critical risk to tenant data' });
    expect(errorOf(when(at({ level: 'critical' }, escalated), command('EscalateChangeRequest', johan, { reason: 'Again' }))).code).toBe('INVALID_TRANSITION');
  });

  it('given Johan approved, when the CR is re-assessed, then the earlier approval no longer counts and Johan may approve again', () => {
    const state = at({ level: 'critical' }, concurred, escalated, granted(johan), event('AssessmentCompleted', requirementFor('critical')));
    expect(state.approvals).toEqual([]);
    expect(typesOf(when(state, approve(johan)))).toEqual(['ApprovalGranted']);
  });
});

describe('rejection', () => {
  it('given an assessed CR, when Johan rejects with a reason, then ChangeRequestRejected with who, why and rationale', () => {
    const decision = when(at({ level: 'medium' }), command('RejectChangeRequest', johan, { reason: 'risk_too_high', rationale: 'Wait for the data migration' }));
    expect(dataOf(decision, 'ChangeRequestRejected')).toEqual({ rejectedBy: johan, reason: 'risk_too_high', rationale: 'Wait for the data migration' });
  });

  it('given an assessed CR, when the Foreman rejects, then PERMISSION_DENIED', () => {
    expect(errorOf(when(at({}), command('RejectChangeRequest', foreman, { reason: 'other', rationale: 'No' }))).code).toBe('PERMISSION_DENIED');
  });
});
