import type { CheckDefinition } from './definition.js';
import { mergeRefs, refs } from './history.js';
import {
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
  reviewedAfterImplementation,
  testedWithoutRegression,
  validatedInTestEnvironment,
  type RuleContext,
  type Verdict,
} from './rules.js';

const framework = 'NIST SP 800-53 Rev. 5';

const allGatesPassed = (gates: readonly { readonly passed: boolean }[]): boolean => gates.length === 8 && gates.every((g) => g.passed);

/** CM-3(2) for an emergency: justified bypass (or none) and zero-regression retrospective testing. */
const emergencyValidation = (ctx: RuleContext): Verdict => {
  const testing = retrospectiveTesting(ctx);
  const fix = ctx.fix;
  if (testing.status !== 'passed' || fix === undefined) return testing;
  if (fix.data.testEnvironmentBypassed && fix.data.bypassJustification.trim() === '') {
    return failed('the test environment was bypassed without justification', testing.evidence);
  }
  return passed(
    fix.data.testEnvironmentBypassed
      ? 'validated retrospectively under the emergency procedure (test environment bypass justified)'
      : 'fixed through the test environment and validated retrospectively',
    testing.evidence,
  );
};

/** NIST SP 800-53 Rev. 5 CM-3 (a)-(g), CM-3(1), CM-3(2), CM-4, CM-4(1), CM-4(2). */
export const nistChecks: readonly CheckDefinition[] = [
  {
    id: 'nist.cm_3.a',
    framework,
    control: 'CM-3(a)',
    title: 'Type of change determined',
    description: 'The change is typed (manual, AI-generated or emergency) and categorised (architecture, code, configuration, governance, AI model, documentation) when it is created.',
    evaluate: ({ h }) => {
      const first = h.events[0];
      if (first?.type === 'ChangeRequestDrafted') return passed(`${first.data.crType} ${first.data.category} change`, refs(first));
      if (first?.type === 'EmergencyDeclared') return passed(`emergency ${first.data.category} change`, refs(first));
      return failed('the stream does not open with a drafting or an emergency declaration', refs(first));
    },
  },
  {
    id: 'nist.cm_3.b',
    framework,
    control: 'CM-3(b)',
    title: 'Reviewed with impact analysis before the decision',
    description:
      'Impact analysis (technical, tenant, compliance, operational), risk analysis and the completed assessment precede the approval or disapproval. Emergency: the retrospective assessment is recorded by its deadline.',
    evaluate: (ctx) => {
      if (ctx.emergency !== undefined) return retrospectiveAssessment(ctx);
      const decision = decisionOf(ctx.h);
      if (decision === undefined) return notApplicable('no approval decision yet');
      return requiredBefore(ctx.h, ['ImpactAssessed', 'RiskAssessed', 'AssessmentCompleted'], decision, 'the approval decision');
    },
  },
  {
    id: 'nist.cm_3.c',
    framework,
    control: 'CM-3(c)',
    title: 'Decision documented',
    description: 'The approval (each grant with its rationale), the rejection (with reason and rationale) or the emergency declaration (with justification) is on record.',
    evaluate: ({ h, emergency }) => {
      if (emergency !== undefined) return passed('emergency declaration with justification', refs(emergency));
      const decision = decisionOf(h);
      if (decision === undefined) return notApplicable('no approval decision yet');
      if (decision.type === 'ChangeRequestRejected') return passed(`rejection (${decision.data.reason}) with rationale`, refs(decision));
      const grants = h.allBefore('ApprovalGranted', decision);
      return grants.length > 0
        ? passed(`${grants.length} approval grant(s) with rationale`, refs(grants, decision))
        : failed('approved without any recorded grant and rationale', refs(decision));
    },
  },
  {
    id: 'nist.cm_3.d',
    framework,
    control: 'CM-3(d)',
    title: 'Only approved changes implemented',
    description: 'Each production deployment follows the approval and records all eight gates passed. Emergency: the fix follows the declaration.',
    evaluate: ({ h, emergency, fix }) => {
      if (emergency !== undefined) {
        if (fix === undefined) return notApplicable('the emergency fix has not been applied yet', refs(emergency));
        return emergency.revision < fix.revision
          ? passed('the fix followed the emergency declaration', refs(emergency, fix))
          : failed('the fix preceded the declaration', refs(emergency, fix));
      }
      return forEachDeployment(h, (d) => {
        const approval = h.lastBefore('ChangeRequestApproved', d);
        if (approval === undefined) return failed('deployed without approval', refs(d));
        return allGatesPassed(d.data.gates)
          ? passed('deployed after approval with all eight gates passed', refs(approval, d))
          : failed('deployed with gates not passed', refs(approval, d));
      });
    },
  },
  {
    id: 'nist.cm_3.e',
    framework,
    control: 'CM-3(e)',
    title: 'Records retained intact',
    description: "The change's records are retained as an append-only stream whose hash chain verifies.",
    evaluate: chainIntact,
  },
  {
    id: 'nist.cm_3.f',
    framework,
    control: 'CM-3(f)',
    title: 'Monitored and reviewed after implementation',
    description:
      'After production (or the emergency fix), the change is verified no earlier than the monitoring window with every criterion met, or rolled back and the rollback validated. Open until then; failed if closed without.',
    evaluate: reviewedAfterImplementation,
  },
  {
    id: 'nist.cm_3.g',
    framework,
    control: 'CM-3(g)',
    title: 'Change control oversight',
    description:
      'The change control authority decided: the change manager or an executive approved, rejected or declared the change, or the Foreman auto-approved a change the assessment found eligible (low level, within guardrails).',
    evaluate: ({ h, emergency }) => {
      if (emergency !== undefined) {
        return emergency.data.declaredBy.role === 'change_manager'
          ? passed('declared by the change manager', refs(emergency))
          : failed(`declared by a ${emergency.data.declaredBy.role}`, refs(emergency));
      }
      const decision = decisionOf(h);
      if (decision === undefined) return notApplicable('no approval decision yet');
      const authority = (role: string): boolean => role === 'change_manager' || role === 'executive';
      if (decision.type === 'ChangeRequestRejected') {
        return authority(decision.data.rejectedBy.role)
          ? passed(`rejected by the ${decision.data.rejectedBy.role}`, refs(decision))
          : failed(`rejected by a ${decision.data.rejectedBy.role}`, refs(decision));
      }
      const assessment = h.lastBefore('AssessmentCompleted', decision);
      if (decision.data.approvers.some((a) => authority(a.role))) return passed('approved by the change control authority', refs(decision));
      return decision.data.autoApproval && assessment?.data.autoApprovalEligible === true && assessment.data.approvalLevel === 'low'
        ? passed('auto-approved by the Foreman within its guardrails', refs(assessment, decision))
        : failed('approved without the change control authority', refs(assessment, decision));
    },
  },
  {
    id: 'nist.cm_3.1',
    framework,
    control: 'CM-3(1)',
    title: 'Automated documentation, notification and prohibition',
    description:
      'The pipeline recorded every step as an event, the completed assessment named the approvers to notify before the decision, and production was reachable only with all eight gates passed after approval. Emergency: the emergency procedure replaces the gates.',
    evaluate: ({ h, emergency }) => {
      if (emergency !== undefined) return notApplicable('emergency change: the emergency procedure replaces the automated gates (see BAI06.02)');
      const decision = decisionOf(h);
      if (decision === undefined) return notApplicable('no approval decision yet');
      const assessment = h.lastBefore('AssessmentCompleted', decision);
      if (assessment === undefined) return failed('decided without an assessment naming the approvers', refs(decision));
      const deployments = h.all('DeployedToProduction');
      const ungated = deployments.find((d) => !allGatesPassed(d.data.gates) || h.lastBefore('ChangeRequestApproved', d) === undefined);
      return ungated === undefined
        ? passed(
            `approvers named (${assessment.data.requiredApprovers.join(', ')}) before the decision${deployments.length > 0 ? '; deployed only through passed gates' : ''}`,
            refs(assessment, decision, deployments),
          )
        : failed('a production deployment bypassed the gates or the approval', refs(assessment, decision, ungated));
    },
  },
  {
    id: 'nist.cm_3.2',
    framework,
    control: 'CM-3(2)',
    title: 'Tested, validated and documented before implementation',
    description:
      'Before each production deployment: the last test run shows zero regression, the test environment validated the change after its last test deployment, and documentation was updated. Emergency: a justified bypass (if any) and zero-regression retrospective testing; outstanding until recorded.',
    evaluate: (ctx) => {
      if (ctx.emergency !== undefined) return emergencyValidation(ctx);
      const h = ctx.h;
      return forEachDeployment(h, (d) => {
        const tested = testedWithoutRegression(h, d);
        if (tested.status !== 'passed') return tested;
        const build = h.lastBefore('ChangeDeployedToTestEnvironment', d);
        const validated = h.lastBefore('TestEnvironmentValidated', d);
        const documented = h.lastBefore('DocumentationUpdated', d);
        const problems: string[] = [];
        if (validated === undefined || (build !== undefined && validated.revision < build.revision)) problems.push('not validated in the test environment');
        if (documented === undefined) problems.push('documentation not updated');
        const evidence = refs(h.lastBefore('TestResultsRecorded', d), validated, documented, d);
        return problems.length === 0
          ? passed('zero regression, validated in the test environment and documented before deployment', evidence)
          : failed(`deployed ${problems.join(' and ')}`, evidence);
      });
    },
  },
  {
    id: 'nist.cm_4',
    framework,
    control: 'CM-4',
    title: 'Impact analysis before implementation',
    description:
      'Impact (including compliance and tenant impact) and risk (including security risks) are analysed before implementation work starts. Emergency: the retrospective assessment is recorded by its deadline.',
    evaluate: (ctx) =>
      ctx.emergency !== undefined
        ? retrospectiveAssessment(ctx)
        : requiredBefore(ctx.h, ['ImpactAssessed', 'RiskAssessed'], implementationStartOf(ctx.h), 'implementation'),
  },
  {
    id: 'nist.cm_4.1',
    framework,
    control: 'CM-4(1)',
    title: 'Separate test environment',
    description:
      'Before each production deployment, the change was deployed to the test environment from a known baseline and validated there. Emergency: failed when the fix bypassed the test environment.',
    evaluate: ({ h, emergency, fix }) => {
      if (emergency !== undefined) {
        if (fix === undefined) return notApplicable('the emergency fix has not been applied yet', refs(emergency));
        return fix.data.testEnvironmentBypassed
          ? failed(`the fix bypassed the test environment: ${fix.data.bypassJustification}`, refs(fix))
          : passed('the fix went through the test environment', refs(fix));
      }
      return forEachDeployment(h, (d) => validatedInTestEnvironment(h, d));
    },
  },
  {
    id: 'nist.cm_4.2',
    framework,
    control: 'CM-4(2)',
    title: 'Controls verified after the change',
    description:
      'Compliance was validated (coverage maintained, no violations) before production, and after it the verification confirmed every criterion, compliance included; or the change was rolled back and the rollback validated.',
    evaluate: (ctx) => {
      const after = reviewedAfterImplementation(ctx);
      if (ctx.emergency !== undefined || after.status === 'failed') return after;
      const deployment = ctx.h.first('DeployedToProduction');
      if (deployment === undefined) return after;
      const compliance = ctx.h.lastBefore('ComplianceValidated', deployment);
      if (compliance === undefined) return failed('deployed without compliance validation', refs(deployment));
      const v = compliance.data.validation;
      if (v.coverageAfter < v.coverageBefore || v.regulatoryViolations.length > 0) {
        return failed('compliance validation found lost coverage or violations', refs(compliance, deployment));
      }
      return { ...after, evidence: mergeRefs([refs(compliance), after.evidence]) };
    },
  },
];
