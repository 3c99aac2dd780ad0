import type { CheckDefinition } from './definition.js';
import { refs } from './history.js';
import {
  approvalAuthority,
  chainIntact,
  decisionOf,
  failed,
  forEachDeployment,
  implementationStartOf,
  notApplicable,
  passed,
  requiredBefore,
  retrospectiveAssessment,
  retrospectiveTesting,
  testedWithoutRegression,
} from './rules.js';

const framework = 'ISO/IEC 27001:2022';
const control = 'A.8.32';

/** ISO/IEC 27001:2022 Annex A 8.32, change management. */
export const iso27001Checks: readonly CheckDefinition[] = [
  {
    id: 'iso27001.a8_32.formal_request',
    framework,
    control,
    title: 'Change under formal control',
    description:
      'The change was entered into change control and given a CR number (submission, or emergency declaration) before any implementation work: scheduling, test deployment or production.',
    evaluate: ({ h }) => {
      const numbered = h.firstOf(['ChangeRequestSubmitted', 'EmergencyDeclared']);
      const work = h.firstOf(['ChangeRequestScheduled', 'ChangeDeployedToTestEnvironment', 'DeployedToProduction', 'EmergencyFixApplied']);
      const drafted = h.first('ChangeRequestDrafted');
      if (numbered === undefined) {
        return work === undefined
          ? notApplicable('still a draft', refs(drafted))
          : failed('implementation work without a submitted change request', refs(drafted, work));
      }
      return work === undefined || numbered.revision < work.revision
        ? passed('numbered and logged before implementation work', refs(drafted, numbered, work))
        : failed('implementation work preceded submission', refs(drafted, numbered, work));
    },
  },
  {
    id: 'iso27001.a8_32.impact_and_risk_assessed',
    framework,
    control,
    title: 'Impact and risk assessed',
    description:
      'Impact and risk assessments precede the approval or rejection decision. Emergency: the retrospective assessment is recorded by the deadline set when the fix was applied.',
    evaluate: (ctx) =>
      ctx.emergency !== undefined
        ? retrospectiveAssessment(ctx)
        : requiredBefore(ctx.h, ['ImpactAssessed', 'RiskAssessed'], decisionOf(ctx.h), 'the approval decision'),
  },
  {
    id: 'iso27001.a8_32.tested_before_production',
    framework,
    control,
    title: 'Tested before production',
    description:
      'The last test run before each production deployment shows zero regression. Emergency: retrospective regression testing with zero regression is recorded after the fix.',
    evaluate: (ctx) =>
      ctx.emergency !== undefined ? retrospectiveTesting(ctx) : forEachDeployment(ctx.h, (d) => testedWithoutRegression(ctx.h, d)),
  },
  {
    id: 'iso27001.a8_32.authorised',
    framework,
    control,
    title: 'Authorised before implementation',
    description:
      'The approval precedes implementation work and comes from every approver role the assessment required. Emergency: the change manager declared it (the declaration is the approval).',
    evaluate: ({ h, emergency }) => {
      if (emergency !== undefined) {
        return emergency.data.declaredBy.role === 'change_manager'
          ? passed('declared, and so approved, by the change manager', refs(emergency))
          : failed(`emergency declared by a ${emergency.data.declaredBy.role}, not the change manager`, refs(emergency));
      }
      const approval = h.first('ChangeRequestApproved');
      const start = implementationStartOf(h);
      if (approval === undefined) {
        if (start !== undefined) return failed('implementation work without approval', refs(start));
        const rejection = h.first('ChangeRequestRejected');
        return notApplicable(rejection === undefined ? 'no approval decision yet' : 'rejected: nothing was authorised', refs(rejection));
      }
      if (start !== undefined && start.revision < approval.revision) return failed('implementation work preceded approval', refs(start, approval));
      return approvalAuthority(h, approval);
    },
  },
  {
    id: 'iso27001.a8_32.audit_trail',
    framework,
    control,
    title: 'Complete, tamper-evident audit trail',
    description: "Every event of the change is on record with who and when, and the stream's hash chain verifies from the first event to the last.",
    evaluate: chainIntact,
  },
];
