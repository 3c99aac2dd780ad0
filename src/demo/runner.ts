import * as E from 'fp-ts/lib/Either.js';
import type { ChangeManagement } from '../commands/changeManagement.js';
import type { CommandInput } from '../commands/catalogue.js';
import type { CommandError } from '../commands/errors.js';
import type { CommandResult } from '../commands/handler.js';
import type { EventStore } from '../store/port.js';

/** One executed step of a scenario, as reported to the caller (e.g. printed by an example). */
export interface ScenarioStep {
  readonly label: string;
  readonly command: string;
  readonly actor: string;
  readonly outcome: 'accepted' | 'refused';
  readonly events: readonly string[];
  readonly status: string;
  readonly error?: CommandError;
}

/** What every scenario takes. */
export interface ScenarioOptions {
  readonly store: EventStore;
  readonly onStep?: (step: ScenarioStep) => void;
  /** When the scenario's clock starts (default: the scenario's own date). */
  readonly start?: string;
}

export class ScenarioFailed extends Error {
  constructor(
    readonly label: string,
    readonly error: CommandError,
  ) {
    super(`Scenario step "${label}" was refused: ${error.code}: ${error.message}`);
    this.name = 'ScenarioFailed';
  }
}

/** Runs commands in order, reporting each; `expectRefusal` marks steps that demonstrate a refusal. */
export const createScenarioRunner = (cm: ChangeManagement, onStep: (step: ScenarioStep) => void = () => undefined) => {
  const report = (label: string, command: CommandInput, result: E.Either<CommandError, CommandResult>): void => {
    onStep({
      label,
      command: command.type,
      actor: `${command.actor.id} (${command.actor.role})`,
      outcome: E.isRight(result) ? 'accepted' : 'refused',
      events: E.isRight(result) ? result.right.events.map((e) => e.type) : [],
      status: E.isRight(result) ? result.right.state.status : 'unchanged',
      ...(E.isLeft(result) ? { error: result.left } : {}),
    });
  };
  const run = async (label: string, command: CommandInput): Promise<CommandResult> => {
    const result = await cm.execute(command);
    report(label, command, result);
    if (E.isLeft(result)) throw new ScenarioFailed(label, result.left);
    return result.right;
  };
  const expectRefusal = async (label: string, command: CommandInput): Promise<CommandError> => {
    const result = await cm.execute(command);
    report(label, command, result);
    if (E.isRight(result)) throw new Error(`Scenario step "${label}" should have been refused`);
    return result.left;
  };
  return { run, expectRefusal };
};
