import { Option, type Command } from 'commander';
import { statuses, type Status } from '../../domain/state.js';
import { roles, type Role } from '../../events/values.js';
import { type ChangeRegister, type ChangeRegisterEntry, createChangeRegister, type DeepReadonly, type RegisterQuery, toSnakeKeys } from '../../projections/index.js';
import { action, type CliContext } from '../context.js';
import { foldStore } from '../fold.js';
import { formatOption, renderRows, type Column, type Format } from '../format.js';

type Entry = DeepReadonly<ChangeRegisterEntry>;

const columns: readonly Column<Entry>[] = [
  { header: 'CR', value: (e) => e.crId ?? '(draft)' },
  { header: 'Title', value: (e) => e.title },
  { header: 'Type', value: (e) => e.crType },
  { header: 'Status', value: (e) => e.status },
  { header: 'Risk', value: (e) => e.riskLevel },
  { header: 'Impact', value: (e) => e.impactLevel },
  { header: 'Approval', value: (e) => e.approvalLevel },
  { header: 'Created', value: (e) => e.createdDate },
  { header: 'Deployed', value: (e) => e.deploymentDate },
  { header: 'Outcome', value: (e) => e.outcome },
];

/** The register as a table or CSV (one row per CR), or as JSON the register document of spec 12.1 (snake_case, as `projections write` writes it). */
export const renderRegister = (format: Format, register: ChangeRegister, query: RegisterQuery = {}, now = new Date()): string => {
  const rows = register.query(query);
  const document = register.document(now.toISOString());
  return renderRows(format, columns, rows, toSnakeKeys({ ...document, changeRequests: rows }));
};

interface RegisterOptions {
  readonly format: Format;
  readonly status?: Status;
  readonly module?: string;
  readonly awaiting?: Role;
}

export const registerRegister = (program: Command, ctx: CliContext): void => {
  program
    .command('register')
    .description('the change register (spec 12.1): every change request and where it stands')
    .addOption(formatOption())
    .addOption(new Option('--status <status>', 'only CRs in this status').choices(statuses))
    .option('--module <module>', 'only CRs affecting this module')
    .addOption(new Option('--awaiting <role>', "only CRs waiting for this role's approval").choices(roles))
    .action(
      action(ctx, async (options: RegisterOptions, command: Command) => {
        const [register] = await ctx.withStore(command, 'existing', (store) => foldStore(store, [createChangeRegister()] as const));
        const query: RegisterQuery = {
          ...(options.status === undefined ? {} : { status: options.status }),
          ...(options.module === undefined ? {} : { module: options.module }),
          ...(options.awaiting === undefined ? {} : { awaitingApprovalBy: options.awaiting }),
        };
        ctx.out(renderRegister(options.format, register, query));
      }),
    );
};
