import type { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { creatingCommands, commandTypes } from '../../commands/catalogue.js';
import { createChangeManagement } from '../../commands/changeManagement.js';
import type { CommandResult } from '../../commands/handler.js';
import { validateCommand } from '../../commands/validate.js';
import type { CommandType } from '../../domain/commands.js';
import { action, type CliContext } from '../context.js';
import { usageFailure } from '../failure.js';
import { formatOption, list, renderRecord, type Format } from '../format.js';
import { parseActor, parseJson, readTextInput } from '../input.js';
import { refusalFailure } from '../outcome.js';
import { closest } from '../suggest.js';

interface ExecOptions {
  readonly actor: string;
  readonly data?: string;
  readonly cr?: string;
  readonly commandId?: string;
  readonly correlationId?: string;
  readonly format: Format;
}

const isCommandType = (type: string): type is CommandType => (commandTypes as readonly string[]).includes(type);

const checkType = (type: string): CommandType => {
  if (isCommandType(type)) return type;
  const hint = closest(type, commandTypes);
  throw usageFailure(
    `Unknown command type "${type}".${hint === undefined ? '' : ` Did you mean ${hint}?`} ` +
      'Run `change-management exec --help` for the list. Nothing was written.',
  );
};

const readData = async (ctx: CliContext, source: string | undefined): Promise<unknown> => {
  if (source === undefined) return {};
  const data = parseJson(await readTextInput(source, ctx.io.stdin, 'the data file'), source);
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw usageFailure(`The data in ${source === '-' ? 'stdin' : source} must be a JSON object. Nothing was written.`);
  }
  return data;
};

const summary = (r: CommandResult) => ({
  changeRequestId: r.changeRequestId,
  number: r.number ?? null,
  status: r.state.status,
  revision: r.revision,
  replayed: r.replayed,
  events: r.events,
});

export const registerExec = (program: Command, ctx: CliContext): void => {
  program
    .command('exec')
    .description('run one command of the catalogue, its data read from JSON')
    .argument('<CommandType>', 'e.g. DraftChangeRequest, SubmitChangeRequest, ApproveChangeRequest')
    .requiredOption('--actor <id:role>', 'who issues it, e.g. johan:change_manager')
    .option('--data <file.json|->', "the command's data as a JSON object (a file, or - for stdin)")
    .option('--cr <id|CR-number>', 'the change request (all commands but DraftChangeRequest and DeclareEmergency)')
    .option('--command-id <id>', 'idempotency key: a retry with the same id appends nothing')
    .option('--correlation-id <id>', 'correlation id recorded on the events')
    .addOption(formatOption())
    .addHelpText(
      'after',
      [
        '',
        'Examples:',
        '  change-management exec DraftChangeRequest --actor maturion-foreman:foreman --data draft.json',
        '  change-management exec SubmitChangeRequest --actor maturion-foreman:foreman --cr <stream id>',
        `  echo '{"rationale":"Risks mitigated"}' | change-management exec ApproveChangeRequest --actor johan:change_manager --cr CR-2025-001 --data -`,
        '',
        'Command types:',
        ...commandTypes.map((t) => `  ${t}`),
      ].join('\n'),
    )
    .action(
      action(ctx, async (type: string, options: ExecOptions, command: Command) => {
        // Everything about the input is checked before the store is opened, so bad input writes nothing.
        const commandType = checkType(type);
        const actor = parseActor(options.actor);
        const data = await readData(ctx, options.data);
        const input = {
          type: commandType,
          actor,
          data,
          ...(options.cr === undefined ? {} : { changeRequestId: options.cr }),
          ...(options.commandId === undefined ? {} : { commandId: options.commandId }),
          ...(options.correlationId === undefined ? {} : { correlationId: options.correlationId }),
        };
        const validated = validateCommand(input);
        if (E.isLeft(validated)) throw refusalFailure(validated.left);

        const access = creatingCommands.includes(commandType) ? 'create' : 'existing';
        const result = await ctx.withStore(command, access, (store) => createChangeManagement({ store }).execute(input));
        if (E.isLeft(result)) throw refusalFailure(result.left);
        const r = result.right;
        ctx.out(
          renderRecord(
            options.format,
            [
              ['command', commandType],
              ['change request', r.number ?? r.changeRequestId],
              ['stream id', r.changeRequestId],
              ['status', r.state.status],
              ['revision', r.revision],
              ['events appended', r.replayed ? `none (retry of command ${options.commandId ?? ''})` : list(r.events.map((e) => e.type))],
            ],
            summary(r),
          ),
        );
      }),
    );
};
