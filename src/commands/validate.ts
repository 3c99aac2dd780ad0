import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import type { z } from 'zod';
import type { CommandType } from '../domain/commands.js';
import type { Actor } from '../events/values.js';
import { ChangeRequestIdInput, CommandEnvelope, commandDataSchemas, creatingCommands } from './catalogue.js';
import type { ValidationError } from './errors.js';
import { parseChangeRequestNumber } from '../events/streams.js';

/** A command that passed validation; `changeRequestId` is absent only for commands that create a CR. */
export type ValidatedCommand = {
  [K in CommandType]: {
    readonly type: K;
    readonly changeRequestId: string | undefined;
    readonly actor: Actor;
    readonly data: z.output<(typeof commandDataSchemas)[K]>;
    readonly commandId: string | undefined;
    readonly correlationId: string | undefined;
    readonly causationId: string | undefined;
  };
}[CommandType];

const invalid = (error: z.ZodError, prefix: string): ValidationError => {
  const issues = error.issues.map((i) => ({ path: [prefix, ...i.path.map(String)].filter((p) => p !== '').join('.'), message: i.message }));
  const first = issues[0];
  return {
    kind: 'validation',
    code: 'INVALID_COMMAND',
    message: first === undefined ? 'Invalid command' : `${first.path}: ${first.message}`,
    ...(first === undefined ? {} : { path: first.path }),
    issues,
  };
};

const isCommandType = (type: string): type is CommandType => Object.hasOwn(commandDataSchemas, type);

/** Validates untrusted input (JSON from a caller or the CLI) into a typed command. */
export const validateCommand = (input: unknown): Either<ValidationError, ValidatedCommand> => {
  const envelope = CommandEnvelope.safeParse(input);
  if (!envelope.success) return E.left(invalid(envelope.error, ''));
  const { type, changeRequestId, actor, data, commandId, correlationId, causationId } = envelope.data;
  if (!isCommandType(type)) {
    return E.left({ kind: 'validation', code: 'UNKNOWN_COMMAND_TYPE', message: `Unknown command type ${type}`, path: 'type', issues: [{ path: 'type', message: 'unknown command type' }] });
  }
  if (changeRequestId === undefined && !creatingCommands.includes(type)) {
    return E.left({ kind: 'validation', code: 'INVALID_COMMAND', message: 'changeRequestId: required', path: 'changeRequestId', issues: [{ path: 'changeRequestId', message: 'required' }] });
  }
  if (changeRequestId !== undefined && parseChangeRequestNumber(changeRequestId) === undefined) {
    const id = ChangeRequestIdInput.safeParse(changeRequestId);
    if (!id.success) return E.left(invalid(id.error, 'changeRequestId'));
  }
  const parsed = commandDataSchemas[type].safeParse(data ?? {});
  if (!parsed.success) return E.left(invalid(parsed.error, 'data'));
  return E.right({ type, changeRequestId, actor, data: parsed.data, commandId, correlationId, causationId } as ValidatedCommand);
};
