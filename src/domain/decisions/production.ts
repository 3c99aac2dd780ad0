import { allGatesPass, evaluateGates } from '../gates.js';
import { accept, refuse, type Decider } from './shared.js';

export const updateDocumentation: Decider<'UpdateDocumentation'> = (c) =>
  accept({ type: 'DocumentationUpdated', data: { update: c.data.update } });

export const documentRollbackPlan: Decider<'DocumentRollbackPlan'> = (c) => {
  const { plan } = c.data;
  if (plan.rollbackType === 'schema' && (plan.migrationScript ?? '').trim() === '') {
    return refuse('RULE_VIOLATION', 'A schema rollback needs its migration script', 'data.plan.migrationScript');
  }
  return accept({ type: 'RollbackPlanDocumented', data: { plan } });
};

export const validateCompliance: Decider<'ValidateCompliance'> = (c) =>
  accept({ type: 'ComplianceValidated', data: { validation: c.data.validation } });

/** Records an evaluation for the audit trail, whether the gates pass or not. */
export const evaluateGatesCommand: Decider<'EvaluateGates'> = (_c, s) => {
  const results = evaluateGates(s);
  return accept({ type: 'GatesEvaluated', data: { results, allPassed: allGatesPass(results) } });
};

/** Production deployment: only with all eight gates passing; the passing evaluation is kept with it. */
export const deployToProduction: Decider<'DeployToProduction'> = (c, s, ctx) => {
  const gates = evaluateGates(s);
  if (!allGatesPass(gates)) {
    const failing = gates.filter((g) => !g.passed);
    return refuse(
      'GATES_NOT_PASSED',
      `Production deployment needs all 8 gates; failing: ${failing.map((g) => `${g.number} ${g.gate} (${g.unmet.join('; ')})`).join(', ')}`,
      undefined,
      { failing },
    );
  }
  return accept({
    type: 'DeployedToProduction',
    data: {
      release: c.data.release,
      changeSet: c.data.changeSet,
      deploymentLog: [...c.data.deploymentLog],
      gates,
      deployedAt: ctx.now.toISOString(),
    },
  });
};

export const recordDeploymentFailure: Decider<'RecordDeploymentFailure'> = (c) =>
  accept({ type: 'ProductionDeploymentFailed', data: { reason: c.data.reason, errors: [...c.data.errors] } });
