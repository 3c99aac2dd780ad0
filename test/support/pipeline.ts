import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { createChangeManagement, type ChangeManagementOptions } from '../../src/commands/changeManagement.js';
import type { CommandInput } from '../../src/commands/catalogue.js';
import type { CommandError } from '../../src/commands/errors.js';
import type { CommandResult } from '../../src/commands/handler.js';
import { actors } from '../../src/demo/actors.js';
import { createManualClock } from '../../src/demo/manualClock.js';
import { assetOwnerImpact } from '../../src/demo/samples.js';
import type { EventStore } from '../../src/store/port.js';

/** A pipeline on the given store with a manual clock and counting ids, for deterministic tests. */
export const pipelineOn = (store: EventStore, overrides: Partial<ChangeManagementOptions> = {}) => {
  const clock = createManualClock('2025-12-04T09:00:00Z');
  let n = 0;
  const cm = createChangeManagement({ store, clock: clock.now, newId: () => `id-${++n}`, ...overrides });
  return { cm, clock };
};

export const rightOf = (result: Either<CommandError, CommandResult>): CommandResult => {
  if (E.isLeft(result)) throw new Error(`expected success, got ${result.left.code}: ${result.left.message}`);
  return result.right;
};

export const leftOf = (result: Either<CommandError, CommandResult>): CommandError => {
  if (E.isRight(result)) throw new Error(`expected a refusal, got events ${result.right.events.map((e) => e.type).join(', ')}`);
  return result.left;
};

export const draftCommand = (overrides: Partial<Extract<CommandInput, { type: 'DraftChangeRequest' }>> = {}): CommandInput => ({
  type: 'DraftChangeRequest',
  actor: actors.foreman,
  data: {
    title: "Add 'asset_owner' field to WRAC assets",
    description: { summary: 'Add asset_owner', details: '' },
    category: 'code',
    affectedModules: ['WRAC', 'Risk_Assessment'],
  },
  ...overrides,
});

/** Drafts, submits and fully assesses a medium-level CR; returns its stream id. */
export const assessedChangeRequest = async (cm: ReturnType<typeof createChangeManagement>): Promise<string> => {
  const id = rightOf(await cm.execute(draftCommand())).changeRequestId;
  rightOf(await cm.execute({ type: 'SubmitChangeRequest', changeRequestId: id, actor: actors.foreman }));
  rightOf(await cm.execute({ type: 'RecordImpactAssessment', changeRequestId: id, actor: actors.foreman, data: { assessment: assetOwnerImpact } }));
  rightOf(
    await cm.execute({
      type: 'RecordRiskAssessment',
      changeRequestId: id,
      actor: actors.foreman,
      data: {
        risks: [
          { riskId: 'R1', description: 'Owner not populated', category: 'data_quality', likelihood: 'likely', impact: 'minor', treatment: 'mitigate', mitigation: 'Backfill' },
        ],
      },
    }),
  );
  rightOf(
    await cm.execute({
      type: 'RecordRegressionPlan',
      changeRequestId: id,
      actor: actors.foreman,
      data: { plan: { existingTests: { total: 245, suites: ['unit'] }, newTestsRequired: 5, coverageBaseline: 92.5 } },
    }),
  );
  return id;
};

export const countAll = async (store: EventStore): Promise<number> => (await store.readAll()).length;
