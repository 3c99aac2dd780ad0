import { describe, expect, it } from 'vitest';
import { approvalRequirement } from '../../src/domain/approvalPolicy.js';
import type { ImpactAssessment } from '../../src/events/assessments.js';
import type { DomainEvent } from '../../src/events/catalogue.js';
import type { ChangeCategory, ImpactLevel, Level } from '../../src/events/values.js';
import {
  command,
  dataOf,
  errorOf,
  event,
  given,
  impactWith,
  lowImpact,
  people,
  regressionPlan,
  risk,
  submitted,
  typesOf,
  when,
  type HistoryOptions,
} from '../support/domainFixtures.js';

/**
 * What an assessment requires of the approval (DESIGN.md "Domain rules"):
 * the authority follows the higher of overall impact and overall risk; the
 * Foreman may auto-approve only low-level changes within the guardrails.
 */

const impactAssessed = (overallImpact: ImpactLevel, assessment: ImpactAssessment = lowImpact): DomainEvent =>
  event('ImpactAssessed', {
    assessment,
    dimensionLevels: { modulesAffected: overallImpact, breakingChanges: 'low', tenantImpact: 'low', downtime: 'low', rollbackComplexity: 'low' },
    overallImpact,
  });

const riskAssessed = (overallRisk: Level): DomainEvent =>
  event('RiskAssessed', { risks: [{ ...risk('possible', 'minor'), level: overallRisk }], overallRisk });

/** Given a submitted CR with impact and risk on record, when the regression plan completes the assessment: its requirement. */
const requirementAfter = (overallImpact: ImpactLevel, overallRisk: Level, o: HistoryOptions & { assessment?: ImpactAssessment } = {}) => {
  const state = given(submitted(o), impactAssessed(overallImpact, o.assessment), riskAssessed(overallRisk));
  const decision = when(state, command('RecordRegressionPlan', people.foreman, { plan: regressionPlan }));
  expect(typesOf(decision)).toEqual(['RegressionAnalysisPlanned', 'AssessmentCompleted']);
  return dataOf(decision, 'AssessmentCompleted');
};

const authority: { readonly [L in Level]: { approvers: string[]; concurrence: boolean; escalation: boolean } } = {
  low: { approvers: ['foreman'], concurrence: false, escalation: false },
  medium: { approvers: ['change_manager'], concurrence: false, escalation: false },
  high: { approvers: ['change_manager'], concurrence: true, escalation: false },
  critical: { approvers: ['change_manager', 'executive'], concurrence: true, escalation: true },
};

const higher = (a: Level, b: Level): Level => (['low', 'medium', 'high', 'critical'].indexOf(a) >= ['low', 'medium', 'high', 'critical'].indexOf(b) ? a : b);

const combinations = (['low', 'medium', 'high'] as const).flatMap((impact) =>
  (['low', 'medium', 'high', 'critical'] as const).map((riskLevel) => ({ impact, risk: riskLevel, level: higher(impact, riskLevel) })),
);

describe('approval authority: the higher of overall impact and overall risk', () => {
  it.each(combinations)('impact $impact and risk $risk need $level-level approval', ({ impact, risk: riskLevel, level }) => {
    const requirement = requirementAfter(impact, riskLevel);
    expect(requirement).toEqual({
      overallImpact: impact,
      overallRisk: riskLevel,
      approvalLevel: level,
      requiredApprovers: authority[level].approvers,
      stakeholderConcurrenceRequired: authority[level].concurrence,
      escalationRequired: authority[level].escalation,
      autoApprovalEligible: level === 'low',
      guardrailFindings: [],
    });
  });

  it('completes the assessment only once impact, risk and regression plan are all on record, in any order', () => {
    const planFirst = given(submitted(), event('RegressionAnalysisPlanned', { plan: regressionPlan }));
    const withRisk = when(planFirst, command('RecordRiskAssessment', people.foreman, { risks: [risk('rare', 'minor')] }));
    expect(typesOf(withRisk)).toEqual(['RiskAssessed']);
    const withImpact = when(given(submitted(), event('RegressionAnalysisPlanned', { plan: regressionPlan }), riskAssessed('low')), command('RecordImpactAssessment', people.foreman, { assessment: lowImpact }));
    expect(typesOf(withImpact)).toEqual(['ImpactAssessed', 'AssessmentCompleted']);
  });
});

describe("the Foreman's auto-approval guardrails", () => {
  it('a low-level change with no schema change, no breaking change, outside governance and not an emergency is auto-approvable by the Foreman', () => {
    expect(requirementAfter('low', 'low')).toMatchObject({ autoApprovalEligible: true, requiredApprovers: ['foreman'], guardrailFindings: [] });
  });

  it('spec 10.2: a low-level AI CR adding a database index is a schema change, so not auto-approvable: the change manager approves', () => {
    const assessment = impactWith({ technical: { modulesAffected: ['Vulnerability'], schemaChanges: ['index on vulnerability_scans.scan_date'] } });
    expect(requirementAfter('low', 'low', { crType: 'ai_generated', assessment })).toMatchObject({
      approvalLevel: 'low',
      autoApprovalEligible: false,
      requiredApprovers: ['change_manager'],
      guardrailFindings: ['schema change'],
    });
  });

  it('a low-level governance change is not auto-approvable: the change manager approves', () => {
    expect(requirementAfter('low', 'low', { category: 'governance', draftedBy: people.amara })).toMatchObject({
      autoApprovalEligible: false,
      requiredApprovers: ['change_manager'],
      guardrailFindings: ['governance change'],
    });
  });

  const guardrailInput = (overrides: { impact?: ImpactAssessment; category?: ChangeCategory; crType?: 'manual' | 'ai_generated' | 'emergency' }) =>
    approvalRequirement({
      overallImpact: 'low',
      overallRisk: 'low',
      impact: overrides.impact ?? lowImpact,
      category: overrides.category ?? 'code',
      crType: overrides.crType ?? 'manual',
    });

  it.each([
    { guardrail: 'breaking change', input: { impact: impactWith({ technical: { contractChange: 'breaking' } }) } },
    { guardrail: 'schema change', input: { impact: impactWith({ technical: { schemaChanges: ['add column'] } }) } },
    { guardrail: 'governance change', input: { category: 'governance' as const } },
    { guardrail: 'emergency change', input: { crType: 'emergency' as const } },
  ])('a $guardrail blocks auto-approval even when impact and risk are low', ({ guardrail, input }) => {
    const requirement = guardrailInput(input);
    expect(requirement.approvalLevel).toBe('low');
    expect(requirement.autoApprovalEligible).toBe(false);
    expect(requirement.requiredApprovers).toEqual(['change_manager']);
    expect(requirement.guardrailFindings).toEqual([guardrail]);
  });

  it('no guardrail makes a medium change auto-approvable', () => {
    expect(approvalRequirement({ overallImpact: 'medium', overallRisk: 'low', impact: lowImpact, category: 'documentation', crType: 'ai_generated' })).toMatchObject({
      autoApprovalEligible: false,
      requiredApprovers: ['change_manager'],
    });
  });
});

describe('AI recommendation (spec 10.2)', () => {
  it('given an assessed AI CR, when the Foreman recommends, then the recommendation carries the eligibility and the approver the assessment requires', () => {
    const completed = given(
      submitted({ crType: 'ai_generated' }),
      impactAssessed('low'),
      riskAssessed('medium'),
      event('RegressionAnalysisPlanned', { plan: regressionPlan }),
      event('AssessmentCompleted', requirementAfter('low', 'medium', { crType: 'ai_generated' })),
    );
    const decision = when(completed, command('IssueAiRecommendation', people.foreman, { recommendation: 'Approve and schedule for next maintenance window' }));
    expect(dataOf(decision, 'AiRecommendationIssued')).toEqual({
      recommendation: 'Approve and schedule for next maintenance window',
      autoApprovalEligible: false,
      approvalRequiredFrom: ['change_manager'],
    });
  });

  it('given an assessed manual CR, when the Foreman recommends, then RULE_VIOLATION', () => {
    const completed = given(submitted(), impactAssessed('low'), riskAssessed('low'), event('RegressionAnalysisPlanned', { plan: regressionPlan }), event('AssessmentCompleted', requirementAfter('low', 'low')));
    expect(errorOf(when(completed, command('IssueAiRecommendation', people.foreman, { recommendation: 'Approve' }))).code).toBe('RULE_VIOLATION');
  });
});
