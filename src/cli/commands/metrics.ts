import type { Command } from 'commander';
import { type ChangeMetrics, createMetrics, type DurationStats, type Metrics } from '../../projections/index.js';
import { action, type CliContext } from '../context.js';
import { usageFailure } from '../failure.js';
import { foldStore } from '../fold.js';
import { formatOption, renderRows, type Column, type Format } from '../format.js';
import { instantOption } from '../instant.js';

type Row = ChangeMetrics & { readonly period: string };

const pct = (x: number | null): string | null => (x === null ? null : `${x.toFixed(1)}%`);
const hours = (d: DurationStats): string | null => (d.medianHours === null ? null : `${d.medianHours.toFixed(1)} h`);

const columns: readonly Column<Row>[] = [
  { header: 'Period', value: (m) => m.period },
  { header: 'CRs', value: (m) => m.crVolume },
  { header: 'Manual', value: (m) => m.byType.manual },
  { header: 'AI', value: (m) => m.byType.ai_generated },
  { header: 'Emergency', value: (m) => m.byType.emergency },
  { header: 'Deployments', value: (m) => m.deployments },
  { header: 'Success', value: (m) => pct(m.successRate) },
  { header: 'Change failure', value: (m) => pct(m.changeFailureRate) },
  { header: 'Rollback', value: (m) => pct(m.rollbackRate) },
  { header: 'Regression', value: (m) => pct(m.regressionRate) },
  { header: 'Approval (median)', value: (m) => hours(m.approvalTime) },
  { header: 'Lead time (median)', value: (m) => hours(m.leadTime) },
  { header: 'Time to restore (median)', value: (m) => hours(m.timeToRestore) },
  { header: 'Emergency ratio', value: (m) => pct(m.emergencyChangeRatio) },
  { header: 'Overdue retrospectives', value: (m) => m.overdueEmergencyRetrospectives },
];

export interface MetricsRange {
  readonly from?: string;
  readonly to?: string;
}

/**
 * Without a range: one row per month (UTC) with activity. With --from and/or
 * --to: one row for [from, to), from the epoch and up to now by default.
 */
export const renderMetrics = (format: Format, metrics: Metrics, range: MetricsRange = {}, now = new Date()): string => {
  if (range.from === undefined && range.to === undefined) {
    const months = metrics.byMonth();
    return renderRows(format, columns, months.map((m) => ({ ...m, period: m.month })), months);
  }
  const from = range.from ?? new Date(0).toISOString();
  const to = range.to ?? now.toISOString();
  if (Date.parse(to) < Date.parse(from)) throw usageFailure(`--to ${to} is before --from ${from}.`);
  const m = metrics.forRange({ from, to });
  return renderRows(format, columns, [{ ...m, period: `${from} .. ${to}` }], m);
};

export const registerMetrics = (program: Command, ctx: CliContext): void => {
  program
    .command('metrics')
    .description('change-management metrics (spec 16.1): volume, success, failure and rollback rates, lead time, time to restore')
    .addOption(instantOption('--from <time>', 'start of the period, inclusive (ISO 8601)'))
    .addOption(instantOption('--to <time>', 'end of the period, exclusive (ISO 8601; default now)'))
    .addOption(formatOption())
    .addHelpText('after', '\nWithout --from/--to: one row per month (UTC). Rates are percentages; durations are medians in hours.')
    .action(
      action(ctx, async (options: MetricsRange & { format: Format }, command: Command) => {
        const [metrics] = await ctx.withStore(command, 'existing', (store) => foldStore(store, [createMetrics()] as const));
        ctx.out(renderMetrics(options.format, metrics, options));
      }),
    );
};
