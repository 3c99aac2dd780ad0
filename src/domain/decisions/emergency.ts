import { parseChangeRequestNumber } from '../../events/streams.js';
import { impactDimensionLevels, overallImpactLevel } from '../impactMatrix.js';
import { regressionVerdict } from '../regression.js';
import { overallRiskLevel } from '../riskMatrix.js';
import { assessRisks, checkRisks } from './assessment.js';
import { accept, addHours, refuse, requireEmergency, type Decider } from './shared.js';

/** Spec 14: only the change manager declares; the declaration is the emergency change's approval. */
export const declareEmergency: Decider<'DeclareEmergency'> = (c, _s, ctx) => {
  const parsed = parseChangeRequestNumber(c.data.number);
  if (parsed === undefined || parsed.prefix !== 'CR') {
    return refuse('RULE_VIOLATION', 'An emergency change is numbered CR-YYYY-NNN', 'data.number');
  }
  const d = c.data;
  return accept({
    type: 'EmergencyDeclared',
    data: {
      changeRequestId: c.changeRequestId,
      number: d.number,
      criterion: d.criterion,
      justification: d.justification,
      title: d.title,
      description: d.description,
      category: d.category,
      affectedModules: [...d.affectedModules],
      declaredBy: c.actor,
      declaredAt: ctx.now.toISOString(),
    },
  });
};

export const applyEmergencyFix: Decider<'ApplyEmergencyFix'> = (c, _s, ctx) => {
  if (c.data.testEnvironmentBypassed && c.data.bypassJustification.trim() === '') {
    return refuse('BYPASS_JUSTIFICATION_REQUIRED', 'Bypassing the test environment must be justified', 'data.bypassJustification');
  }
  return accept({
    type: 'EmergencyFixApplied',
    data: {
      description: c.data.description,
      changeSet: c.data.changeSet,
      testEnvironmentBypassed: c.data.testEnvironmentBypassed,
      bypassJustification: c.data.bypassJustification,
      appliedAt: ctx.now.toISOString(),
      retrospectiveDueAt: addHours(ctx.now, ctx.policy.retrospectiveDeadlineHours),
    },
  });
};

export const recordRetrospectiveAssessment: Decider<'RecordRetrospectiveAssessment'> = (c, s, ctx) => {
  const notEmergency = requireEmergency(s);
  if (notEmergency !== undefined) return notEmergency;
  if (s.emergency?.retrospectiveAssessment !== undefined) {
    return refuse('INVALID_TRANSITION', 'The retrospective assessment is already on record');
  }
  const invalid = checkRisks(c.data.risks);
  if (invalid !== undefined) return invalid;
  const dimensionLevels = impactDimensionLevels(c.data.impact);
  const risks = assessRisks(c.data.risks);
  const due = s.emergency?.fix?.retrospectiveDueAt;
  return accept({
    type: 'RetrospectiveAssessmentRecorded',
    data: {
      impact: c.data.impact,
      dimensionLevels,
      overallImpact: overallImpactLevel(dimensionLevels),
      risks,
      overallRisk: overallRiskLevel(risks),
      late: due !== undefined && ctx.now.getTime() > Date.parse(due),
    },
  });
};

export const recordRetrospectiveTesting: Decider<'RecordRetrospectiveTesting'> = (c, s, ctx) => {
  const notEmergency = requireEmergency(s);
  if (notEmergency !== undefined) return notEmergency;
  const verdict = regressionVerdict(c.data.results, ctx.policy.maxResponseTimeDegradationPercent);
  return accept({ type: 'RetrospectiveTestingRecorded', data: { results: c.data.results, verdict } });
};

export const recordPostIncidentReview: Decider<'RecordPostIncidentReview'> = (c, s) => {
  const notEmergency = requireEmergency(s);
  if (notEmergency !== undefined) return notEmergency;
  return accept({ type: 'PostIncidentReviewRecorded', data: { rootCause: c.data.rootCause, prevention: [...c.data.prevention] } });
};
