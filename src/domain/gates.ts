import { GateId, type GateResult } from '../events/assessments.js';
import type { DocumentationKind } from '../events/values.js';
import { lastTestRun, type ChangeRequestState } from './state.js';

/**
 * The eight production gates of spec 8, computed from the CR's state. Each
 * gate lists the checklist items still unmet; it passes when none are.
 * Items marked "if applicable" in the spec are required only when the
 * assessment says the change touches that area.
 */
export const gateOrder: readonly GateId[] = GateId.options;

const checks: { readonly [G in GateId]: (s: ChangeRequestState) => string[] } = {
  impact_assessment: (s) => {
    if (s.impact === undefined) return ['impact assessment documented'];
    const unmet: string[] = [];
    const assessed = new Set(s.impact.assessment.technical.modulesAffected);
    const missing = s.affectedModules.filter((m) => !assessed.has(m));
    if (missing.length > 0) unmet.push(`all affected modules identified (missing: ${missing.join(', ')})`);
    const notNotified = s.stakeholders.filter((who) => !s.stakeholdersNotified.includes(who));
    if (notNotified.length > 0) unmet.push(`stakeholders notified (not yet: ${notNotified.join(', ')})`);
    return unmet;
  },
  risk_assessment: (s) => {
    if (s.risk === undefined) return ['risk assessment documented'];
    const unmet: string[] = [];
    const unmitigated = s.risk.risks.filter((r) => r.treatment === 'mitigate' && r.mitigation.trim() === '');
    if (unmitigated.length > 0) unmet.push(`mitigation strategies defined (missing for ${unmitigated.map((r) => r.riskId).join(', ')})`);
    const avoided = s.risk.risks.filter((r) => r.treatment === 'avoid');
    if (avoided.length > 0) unmet.push(`overall risk acceptable (risks to avoid: ${avoided.map((r) => r.riskId).join(', ')})`);
    return unmet;
  },
  approval: (s) => {
    if (s.approved === undefined) return ['appropriate authority approved the CR'];
    if (s.assessment !== undefined && s.approved.approvalLevel !== s.assessment.approvalLevel) {
      return [`approval at ${s.approved.approvalLevel} level does not match the ${s.assessment.approvalLevel} assessment`];
    }
    return [];
  },
  regression_tests: (s) => {
    const run = lastTestRun(s);
    if (run === undefined) return ['regression tests run'];
    const r = run.results;
    const unmet: string[] = [];
    if (r.existingTests.passed !== r.existingTests.total) unmet.push('all existing tests pass (100%)');
    if (r.newTests.failed > 0 || r.newTests.created < r.newTests.required) unmet.push('all new tests pass (100%)');
    if (run.verdict.regressionDetected) unmet.push(`no regression detected (${run.verdict.findings.join('; ')})`);
    if (r.coverage.after < r.coverage.before) unmet.push('code coverage maintained or improved');
    return unmet;
  },
  test_environment: (s) => {
    const env = s.testEnvironment;
    if (env.build === undefined) return ['change deployed to test environment'];
    return env.validated ? [] : ['change validated in test environment (working, no anomalies, performance acceptable)'];
  },
  documentation: (s) => {
    const done = new Set(s.documentation.map((d) => d.kind));
    return requiredDocumentation(s)
      .filter((kind) => !done.has(kind))
      .map((kind) => `${kind} documentation updated`);
  },
  rollback_plan: (s) => {
    if (s.rollbackPlan === undefined) return ['rollback procedure documented'];
    return s.rollbackPlan.testedInTestEnvironment ? [] : ['rollback tested in test environment'];
  },
  compliance: (s) => {
    if (s.compliance === undefined) return ['compliance validated'];
    const c = s.compliance;
    const unmet: string[] = [];
    const mappingsAffected = (s.impact?.assessment.compliance.controlMappingsAffected.length ?? 0) > 0;
    if (mappingsAffected && !c.controlMappingsUpdated) unmet.push('compliance control mappings updated');
    if (c.coverageAfter < c.coverageBefore) unmet.push('compliance coverage maintained or improved');
    if (c.regulatoryViolations.length > 0) unmet.push(`no regulatory violations (${c.regulatoryViolations.join('; ')})`);
    return unmet;
  },
};

/**
 * Documentation the change must update before production: architecture docs
 * for architecture, schema or contract changes; API docs for API changes;
 * user docs when users see a difference or need training. (The change log
 * itself is written from the deployment event.)
 */
export const requiredDocumentation = (s: ChangeRequestState): DocumentationKind[] => {
  const kinds: DocumentationKind[] = [];
  const a = s.impact?.assessment;
  if (s.category === 'architecture' || (a !== undefined && (a.technical.schemaChanges.length > 0 || a.technical.integrationContracts.length > 0))) {
    kinds.push('architecture');
  }
  if (a !== undefined && a.technical.apiChanges.length > 0) kinds.push('api');
  if (a !== undefined && (a.tenant.userExperienceChanged || a.operational.trainingRequired !== 'none')) kinds.push('user');
  return kinds;
};

export const evaluateGates = (state: ChangeRequestState): GateResult[] =>
  gateOrder.map((gate, i) => {
    const unmet = checks[gate](state);
    return { gate, number: i + 1, passed: unmet.length === 0, unmet };
  });

export const allGatesPass = (results: readonly GateResult[]): boolean => results.every((g) => g.passed);
