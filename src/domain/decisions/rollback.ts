import { accept, hoursBetween, refuse, type Decider } from './shared.js';

/** Spec 15.2: the change manager decides a rollback; the Foreman only on critical errors. */
export const initiateRollback: Decider<'InitiateRollback'> = (c, s) => {
  if (c.actor.role === 'foreman' && c.data.trigger !== 'critical_errors') {
    return refuse('PERMISSION_DENIED', 'The Foreman may decide a rollback only for critical errors', 'data.trigger');
  }
  const plan = s.rollbackPlan;
  if (c.data.rollbackType === 'schema' && (plan?.rollbackType !== 'schema' || !plan.testedInTestEnvironment)) {
    return refuse('RULE_VIOLATION', 'A schema rollback must first be tested in the test environment (document a tested schema rollback plan)', 'data.rollbackType');
  }
  return accept({
    type: 'RollbackInitiated',
    data: {
      trigger: c.data.trigger,
      rollbackType: c.data.rollbackType,
      decidedBy: c.actor,
      reason: c.data.reason,
      stakeholdersNotified: [...c.data.stakeholdersNotified],
    },
  });
};

export const executeRollback: Decider<'ExecuteRollback'> = (c, s) => {
  if (s.rollback?.validatedAt !== undefined) return refuse('INVALID_TRANSITION', 'The rollback has already been validated');
  const script = c.data.migrationScript ?? s.rollbackPlan?.migrationScript;
  if (s.rollback?.rollbackType === 'schema' && (script ?? '').trim() === '') {
    return refuse('RULE_VIOLATION', 'A schema rollback runs a migration script', 'data.migrationScript');
  }
  return accept({
    type: 'RollbackExecuted',
    data: { revertedTo: c.data.revertedTo, steps: [...c.data.steps], ...(script === undefined ? {} : { migrationScript: script }) },
  });
};

export const validateRollback: Decider<'ValidateRollback'> = (c, s, ctx) => {
  if (s.rollback?.executed === undefined) return refuse('INVALID_TRANSITION', 'Execute the rollback before validating it');
  if (s.rollback.validatedAt !== undefined) return refuse('INVALID_TRANSITION', 'The rollback has already been validated');
  return accept({ type: 'RollbackValidated', data: { stable: true, notes: c.data.notes, validatedAt: ctx.now.toISOString() } });
};

export const recordPostMortem: Decider<'RecordPostMortem'> = (c, s) => {
  if (s.rollback?.validatedAt === undefined) return refuse('INVALID_TRANSITION', 'The post-mortem follows a validated rollback');
  return accept({ type: 'RollbackPostMortemRecorded', data: { rootCause: c.data.rootCause, crUpdates: c.data.crUpdates, replan: c.data.replan } });
};

/** Hours still to wait after a validated rollback before the CR may close. */
export const rollbackMonitoringLeft = (validatedAt: string, now: Date, windowHours: number): number =>
  Math.max(0, windowHours - hoursBetween(validatedAt, now));
