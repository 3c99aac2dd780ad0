import type { AssessedRisk, IdentifiedRisk } from '../../events/assessments.js';
import type { DomainEvent } from '../../events/catalogue.js';
import { approvalRequirement } from '../approvalPolicy.js';
import { evolve } from '../evolve.js';
import { impactDimensionLevels, overallImpactLevel } from '../impactMatrix.js';
import { overallRiskLevel, riskLevel } from '../riskMatrix.js';
import type { ChangeRequestState } from '../state.js';
import { accept, refuse, type Decider, type Decision } from './shared.js';

export const recordImpactAssessment: Decider<'RecordImpactAssessment'> = (c, s) => {
  const dimensionLevels = impactDimensionLevels(c.data.assessment);
  return withCompletion(s, {
    type: 'ImpactAssessed',
    data: { assessment: c.data.assessment, dimensionLevels, overallImpact: overallImpactLevel(dimensionLevels) },
  });
};

export const recordRiskAssessment: Decider<'RecordRiskAssessment'> = (c, s) => {
  const invalid = checkRisks(c.data.risks);
  if (invalid !== undefined) return invalid;
  const risks = assessRisks(c.data.risks);
  return withCompletion(s, { type: 'RiskAssessed', data: { risks, overallRisk: overallRiskLevel(risks) } });
};

export const recordRegressionPlan: Decider<'RecordRegressionPlan'> = (c, s) =>
  withCompletion(s, { type: 'RegressionAnalysisPlanned', data: { plan: c.data.plan } });

export const issueAiRecommendation: Decider<'IssueAiRecommendation'> = (c, s) => {
  if (s.crType !== 'ai_generated' || s.assessment === undefined) {
    return refuse('RULE_VIOLATION', 'Recommendations are issued for assessed AI-generated change requests only');
  }
  return accept({
    type: 'AiRecommendationIssued',
    data: {
      recommendation: c.data.recommendation,
      autoApprovalEligible: s.assessment.autoApprovalEligible,
      approvalRequiredFrom: [...s.assessment.requiredApprovers],
    },
  });
};

/** Each risk gets its level from the matrix; transfer does not apply to internal changes (spec 5.3). */
export const checkRisks = (risks: readonly IdentifiedRisk[]): Decision | undefined => {
  const seen = new Set<string>();
  for (const [i, r] of risks.entries()) {
    if (r.treatment === 'transfer') {
      return refuse('RULE_VIOLATION', 'Risk transfer does not apply to internal changes', `data.risks.${i}.treatment`);
    }
    if (seen.has(r.riskId)) return refuse('RULE_VIOLATION', `Risk id ${r.riskId} appears twice`, `data.risks.${i}.riskId`);
    seen.add(r.riskId);
  }
  return undefined;
};

export const assessRisks = (risks: readonly IdentifiedRisk[]): AssessedRisk[] =>
  risks.map((r) => ({ ...r, level: riskLevel(r.likelihood, r.impact) }));

/** Appends AssessmentCompleted once impact, risk and regression plan are all on record. */
const withCompletion = (state: ChangeRequestState, event: DomainEvent): Decision => {
  const next = evolve(state, event);
  if (next.impact === undefined || next.risk === undefined || next.regressionPlan === undefined) return accept(event);
  const requirement = approvalRequirement({
    overallImpact: next.impact.overallImpact,
    overallRisk: next.risk.overallRisk,
    impact: next.impact.assessment,
    category: next.category ?? 'code',
    crType: next.crType ?? 'manual',
  });
  return accept(event, { type: 'AssessmentCompleted', data: requirement });
};
