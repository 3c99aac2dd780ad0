import type { CommandInput } from '../commands/catalogue.js';
import { actors } from './actors.js';
import type { createScenarioRunner } from './runner.js';

/**
 * A stage that several scenarios go through the same way. It is still one
 * `run` per command, with the labels and actors the scenarios use.
 */

type Run = ReturnType<typeof createScenarioRunner>['run'];
type DataOf<K extends CommandInput['type']> = NonNullable<Extract<CommandInput, { readonly type: K }>['data']>;

export interface ProductionReadiness {
  /** What QA saw when validating the change in the test environment. */
  readonly validationNotes: string;
  /** The builder's documentation updates, each printed with its own label. */
  readonly documentation: readonly { readonly label: string; readonly update: DataOf<'UpdateDocumentation'>['update'] }[];
  readonly rollbackPlan: DataOf<'DocumentRollbackPlan'>['plan'];
  readonly compliance: DataOf<'ValidateCompliance'>['validation'];
}

/**
 * After a clean test run, what the production gates look for: QA validates
 * the change in the test environment, the builder updates the documentation,
 * the Foreman documents a tested rollback plan and validates compliance.
 */
export const prepareForProduction = async (run: Run, id: string, readiness: ProductionReadiness): Promise<void> => {
  const { foreman, builder, qa } = actors;
  await run('Change validated in the test environment', {
    type: 'ValidateTestEnvironment',
    changeRequestId: id,
    actor: qa,
    data: { workingAsExpected: true, performanceAcceptable: true, notes: readiness.validationNotes },
  });
  for (const { label, update } of readiness.documentation) {
    await run(label, { type: 'UpdateDocumentation', changeRequestId: id, actor: builder, data: { update } });
  }
  await run('Rollback plan documented and tested', { type: 'DocumentRollbackPlan', changeRequestId: id, actor: foreman, data: { plan: readiness.rollbackPlan } });
  await run('Compliance validated', { type: 'ValidateCompliance', changeRequestId: id, actor: foreman, data: { validation: readiness.compliance } });
};
