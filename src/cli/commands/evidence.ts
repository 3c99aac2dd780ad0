import type { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { type ComplianceCheckResult, complianceEvidence } from '../../audit/index.js';
import { auditFailure } from '../auditFailure.js';
import { action, type CliContext } from '../context.js';
import { formatOption, renderRows, type Column, type Format } from '../format.js';
import { instantOption } from '../instant.js';

const columns: readonly Column<ComplianceCheckResult>[] = [
  { header: 'Framework', value: (c) => c.framework },
  { header: 'Control', value: (c) => c.control },
  { header: 'Check', value: (c) => c.title },
  { header: 'Status', value: (c) => c.status },
  { header: 'Reason', value: (c) => c.reason },
  { header: 'Evidence (revisions)', value: (c) => c.evidence.map((e) => e.revision).join(' ') },
];

export const registerEvidence = (program: Command, ctx: CliContext): void => {
  program
    .command('evidence')
    .description("compliance evidence of one CR: each ISO 27001, COBIT and NIST check, its verdict and the events that prove it")
    .argument('<CR-ID>', 'CR number (CR-2025-001), stream id, or stream name')
    .addOption(instantOption('--as-of <time>', 'judge deadlines as of this instant (default now)'))
    .addOption(formatOption())
    .action(
      action(ctx, async (ref: string, options: { asOf?: string; format: Format }, command: Command) => {
        const asOf = options.asOf ?? new Date().toISOString();
        const evidence = await ctx.withStore(command, 'existing', (store) => complianceEvidence(store, ref, { asOf })());
        if (E.isLeft(evidence)) throw auditFailure(evidence.left);
        const report = evidence.right;
        ctx.out(renderRows(options.format, columns, report.checks, report));
        if (options.format === 'table') {
          const { passed, failed, not_applicable } = report.summary;
          ctx.out(`${report.number ?? report.changeRequestId} as of ${report.asOf}: ${passed} passed, ${failed} failed, ${not_applicable} not applicable\n`);
        }
      }),
    );
};
