import { Option, type Command } from 'commander';
import { type ChangeLog, type ChangeLogEntry, type ChangeLogQuery, createChangeLog, type DeepReadonly, toSnakeKeys } from '../../projections/index.js';
import { action, type CliContext } from '../context.js';
import { foldStore } from '../fold.js';
import { formatOption, renderRows, type Column, type Format } from '../format.js';
import { instantOption } from '../instant.js';

type Entry = DeepReadonly<ChangeLogEntry>;

const columns: readonly Column<Entry>[] = [
  { header: 'At', value: (e) => e.at },
  { header: 'Kind', value: (e) => e.kind },
  { header: 'CR', value: (e) => e.crId ?? e.changeRequestId },
  { header: 'Title', value: (e) => e.title },
  { header: 'Release', value: (e) => e.release },
  { header: 'Approved by', value: (e) => e.approval.approvedBy },
  { header: 'Tests', value: (e) => e.testResults?.summary ?? (e.testEnvironmentBypassed ? 'test environment bypassed' : null) },
  { header: 'Result', value: (e) => e.result },
  { header: 'Status', value: (e) => e.status },
];

/** The change log as a table or CSV (one row per deployment, emergency fix or rollback), or as JSON its spec 12.2 document (snake_case). */
export const renderChangeLog = (format: Format, log: ChangeLog, query: ChangeLogQuery = {}, now = new Date()): string => {
  const entries = log.entries(query);
  return renderRows(format, columns, entries, toSnakeKeys({ ...log.document(now.toISOString()), entries }));
};

interface LogOptions {
  readonly format: Format;
  readonly kind?: ChangeLogEntry['kind'];
  readonly cr?: string;
  readonly from?: string;
  readonly to?: string;
}

export const registerLog = (program: Command, ctx: CliContext): void => {
  program
    .command('log')
    .description('the change log (spec 12.2): deployments, emergency fixes and rollbacks')
    .addOption(formatOption())
    .addOption(new Option('--kind <kind>', 'only entries of this kind').choices(['deployment', 'emergency_fix', 'rollback']))
    .option('--cr <CR-number>', 'only entries of this CR')
    .addOption(instantOption('--from <time>', 'entries at or after this instant (ISO 8601)'))
    .addOption(instantOption('--to <time>', 'entries before this instant (ISO 8601)'))
    .action(
      action(ctx, async (options: LogOptions, command: Command) => {
        const [log] = await ctx.withStore(command, 'existing', (store) => foldStore(store, [createChangeLog()] as const));
        const query: ChangeLogQuery = {
          ...(options.kind === undefined ? {} : { kind: options.kind }),
          ...(options.cr === undefined ? {} : { crId: options.cr }),
          ...(options.from === undefined ? {} : { from: options.from }),
          ...(options.to === undefined ? {} : { to: options.to }),
        };
        ctx.out(renderChangeLog(options.format, log, query));
      }),
    );
};
