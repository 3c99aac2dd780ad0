import type { CheckDefinition } from './definition.js';
import { refs } from './history.js';
import {
  approvalAuthority,
  decisionOf,
  failed,
  notApplicable,
  passed,
  requiredBefore,
  retrospectiveAssessment,
  retrospectiveTesting,
  type RuleContext,
  type Verdict,
} from './rules.js';

const framework = 'COBIT 2019';

const onlyEmergencies = (evaluate: (ctx: RuleContext) => Verdict) => (ctx: RuleContext): Verdict =>
  ctx.emergency === undefined ? notApplicable('not an emergency change') : evaluate(ctx);

const emergencyAssessedRetrospectively = 'emergency change: assessed retrospectively (see BAI06.02)';

/** COBIT 2019 BAI06 Managed IT Changes, practices 01 to 04. */
export const cobitChecks: readonly CheckDefinition[] = [
  {
    id: 'cobit.bai06_01.logged',
    framework,
    control: 'BAI06.01',
    title: 'Request logged',
    description: 'The request is logged with its category, affected modules and requester, and carries a CR number.',
    evaluate: ({ h }) => {
      const created = h.firstOf(['ChangeRequestDrafted', 'EmergencyDeclared']);
      const numbered = h.firstOf(['ChangeRequestSubmitted', 'EmergencyDeclared']);
      if (created === undefined) return failed('no drafting or emergency declaration on record');
      return numbered === undefined
        ? notApplicable('drafted, not yet submitted', refs(created))
        : passed('logged with category, modules and requester, and numbered', refs(created, numbered));
    },
  },
  {
    id: 'cobit.bai06_01.assessed',
    framework,
    control: 'BAI06.01',
    title: 'Impact, risk and regression analysis before the decision',
    description:
      'Impact assessment, risk assessment, regression analysis plan and the completed assessment (which sets the approval authority) all precede the approval or rejection.',
    evaluate: (ctx) =>
      ctx.emergency !== undefined
        ? notApplicable(emergencyAssessedRetrospectively)
        : requiredBefore(
            ctx.h,
            ['ImpactAssessed', 'RiskAssessed', 'RegressionAnalysisPlanned', 'AssessmentCompleted'],
            decisionOf(ctx.h),
            'the approval decision',
          ),
  },
  {
    id: 'cobit.bai06_01.authorised',
    framework,
    control: 'BAI06.01',
    title: 'Authorised by the required authority',
    description:
      'Approval: every approver role the assessment required, stakeholder concurrence without an open objection when required, executive escalation when required, at the assessed level, and never by the CR\'s own drafter (Foreman auto-approval aside). Rejection: by the change manager or an executive.',
    evaluate: ({ h, emergency }) => {
      if (emergency !== undefined) return notApplicable('emergency change: authorised by its declaration (see BAI06.02)');
      const decision = decisionOf(h);
      if (decision === undefined) return notApplicable('no approval decision yet');
      if (decision.type === 'ChangeRequestApproved') return approvalAuthority(h, decision);
      const role = decision.data.rejectedBy.role;
      return role === 'change_manager' || role === 'executive'
        ? passed(`rejected by ${decision.data.rejectedBy.id} (${role}) with rationale`, refs(decision))
        : failed(`rejected by a ${role}`, refs(decision));
    },
  },
  {
    id: 'cobit.bai06_02.declared',
    framework,
    control: 'BAI06.02',
    title: 'Emergency declared by the change manager',
    description: 'Only the change manager declares an emergency, under one of the four emergency criteria, with a written justification.',
    evaluate: onlyEmergencies(({ emergency }) =>
      emergency === undefined
        ? notApplicable('not an emergency change')
        : emergency.data.declaredBy.role === 'change_manager'
          ? passed(`declared by ${emergency.data.declaredBy.id} under ${emergency.data.criterion}, justified`, refs(emergency))
          : failed(`declared by a ${emergency.data.declaredBy.role}`, refs(emergency)),
    ),
  },
  {
    id: 'cobit.bai06_02.bypass_justified',
    framework,
    control: 'BAI06.02',
    title: 'Test environment bypass justified',
    description: 'A fix applied without the test environment records why the bypass was necessary.',
    evaluate: onlyEmergencies(({ fix, emergency }) => {
      if (fix === undefined) return notApplicable('the emergency fix has not been applied yet', refs(emergency));
      if (!fix.data.testEnvironmentBypassed) return passed('the fix went through the test environment', refs(fix));
      return fix.data.bypassJustification.trim() === ''
        ? failed('the test environment was bypassed without justification', refs(fix))
        : passed('the test environment bypass is justified', refs(fix));
    }),
  },
  {
    id: 'cobit.bai06_02.retrospective_assessment',
    framework,
    control: 'BAI06.02',
    title: 'Retrospective assessment on time',
    description: 'After the fix, the impact and risk assessment is recorded by its deadline (24 hours after the fix by default).',
    evaluate: onlyEmergencies(retrospectiveAssessment),
  },
  {
    id: 'cobit.bai06_02.retrospective_testing',
    framework,
    control: 'BAI06.02',
    title: 'Retrospective regression testing',
    description: 'After the fix, full regression testing is recorded and shows zero regression; until then it is outstanding.',
    evaluate: onlyEmergencies(retrospectiveTesting),
  },
  {
    id: 'cobit.bai06_02.post_incident_review',
    framework,
    control: 'BAI06.02',
    title: 'Post-incident review',
    description: 'After the fix, a post-incident review records the root cause and prevention; until then it is outstanding.',
    evaluate: onlyEmergencies(({ h, fix, emergency }) => {
      if (fix === undefined) return notApplicable('the emergency fix has not been applied yet', refs(emergency));
      const review = h.first('PostIncidentReviewRecorded');
      return review === undefined
        ? failed('post-incident review outstanding', refs(fix))
        : passed('root cause and prevention recorded', refs(fix, review));
    }),
  },
  {
    id: 'cobit.bai06_03.status_tracked',
    framework,
    control: 'BAI06.03',
    title: 'Status tracked',
    description:
      'Every status change is an event recording actor, time, command and correlation, and recorded times never run backwards along the stream.',
    evaluate: ({ h }) => {
      const events = h.events;
      for (let i = 1; i < events.length; i++) {
        const previous = events[i - 1];
        const current = events[i];
        if (previous !== undefined && current !== undefined && Date.parse(current.metadata.occurredAt) < Date.parse(previous.metadata.occurredAt)) {
          return failed(`revision ${current.revision} is recorded earlier than revision ${previous.revision}`, refs(previous, current));
        }
      }
      return passed(`${events.length} events, each with actor and time, in time order`, refs(events[0], events[events.length - 1]));
    },
  },
  {
    id: 'cobit.bai06_03.stakeholders_informed',
    framework,
    control: 'BAI06.03',
    title: 'Stakeholders informed',
    description: 'Every stakeholder named on the request is notified before the change reaches production.',
    evaluate: ({ h, emergency }) => {
      if (emergency !== undefined) return notApplicable('emergency change: no stakeholder list on the declaration');
      const drafted = h.last('ChangeRequestDrafted');
      const named = drafted?.data.stakeholders ?? [];
      if (named.length === 0) return notApplicable('no stakeholders named on the request', refs(drafted));
      const deployment = h.first('DeployedToProduction');
      const notices = deployment === undefined ? h.all('StakeholdersNotified') : h.allBefore('StakeholdersNotified', deployment);
      const told = new Set(notices.flatMap((n) => n.data.stakeholders));
      const untold = named.filter((s) => !told.has(s));
      if (untold.length === 0) return passed('every named stakeholder was notified', refs(drafted, notices, deployment));
      return deployment === undefined
        ? notApplicable(`not deployed to production; not notified: ${untold.join(', ')}`, refs(drafted, notices))
        : failed(`deployed before notifying ${untold.join(', ')}`, refs(drafted, notices, deployment));
    },
  },
  {
    id: 'cobit.bai06_04.documentation_updated',
    framework,
    control: 'BAI06.04',
    title: 'Documentation updated',
    description:
      'Documentation is updated before production. Emergency: the declaration\'s justification and a post-incident review are on record before closure.',
    evaluate: ({ h, emergency }) => {
      if (emergency !== undefined) {
        const closed = h.first('ChangeRequestClosed');
        const review = h.first('PostIncidentReviewRecorded');
        if (closed === undefined) return notApplicable('emergency change still open', refs(emergency, review));
        return review !== undefined && review.revision < closed.revision
          ? passed('justification and post-incident review documented before closure', refs(emergency, review, closed))
          : failed('closed without a post-incident review', refs(emergency, closed));
      }
      return requiredBefore(h, ['DocumentationUpdated'], h.first('DeployedToProduction'), 'production deployment');
    },
  },
  {
    id: 'cobit.bai06_04.post_implementation_review',
    framework,
    control: 'BAI06.04',
    title: 'Post-implementation review before closure',
    description:
      'Before closing: a successful change is verified with every criterion met (an emergency also has its post-incident review); a rolled-back change has its rollback validated and a post-mortem. Rejected and withdrawn changes need none.',
    evaluate: ({ h, emergency }) => {
      const closed = h.first('ChangeRequestClosed');
      if (closed === undefined) return notApplicable('not closed yet');
      const outcome = closed.data.outcome;
      if (outcome === 'rejected' || outcome === 'withdrawn') return notApplicable(`closed as ${outcome}: nothing was implemented`, refs(closed));
      if (outcome === 'rolled_back') {
        const validated = h.lastBefore('RollbackValidated', closed);
        const postMortem = h.lastBefore('RollbackPostMortemRecorded', closed);
        return validated !== undefined && postMortem !== undefined
          ? passed('rollback validated and post-mortem recorded before closure', refs(validated, postMortem, closed))
          : failed('closed as rolled back without rollback validation and post-mortem', refs(validated, postMortem, closed));
      }
      const verified = h.lastBefore('ChangeVerified', closed);
      const review = emergency === undefined ? undefined : h.lastBefore('PostIncidentReviewRecorded', closed);
      const problems: string[] = [];
      if (verified === undefined) problems.push('not verified');
      else if (Object.values(verified.data.criteria).includes(false)) problems.push('verification criteria not all met');
      if (emergency !== undefined && review === undefined) problems.push('no post-incident review');
      return problems.length === 0
        ? passed('verified with every criterion met before closure', refs(verified, review, closed))
        : failed(`closed as success but ${problems.join(', ')}`, refs(verified, review, closed));
    },
  },
  {
    id: 'cobit.bai06_04.closed',
    framework,
    control: 'BAI06.04',
    title: 'Closed with outcome and learnings',
    description: 'The change is closed with a recorded outcome; a change that reached production also records learnings for the Foreman by closure.',
    evaluate: ({ h }) => {
      const closed = h.first('ChangeRequestClosed');
      if (closed === undefined) return notApplicable('not closed yet');
      const reachedProduction = h.firstOf(['DeployedToProduction', 'EmergencyFixApplied']);
      const learnings = h.all('LearningsRecorded').filter((l) => l.revision <= closed.revision);
      if (reachedProduction === undefined) return passed(`closed as ${closed.data.outcome}`, refs(closed));
      return learnings.length > 0
        ? passed(`closed as ${closed.data.outcome} with learnings recorded`, refs(learnings, closed))
        : failed(`closed as ${closed.data.outcome} without learnings`, refs(closed));
    },
  },
];
