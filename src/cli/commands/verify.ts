import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { type IntegrityFinding, verifyJsonLinesFile, verifyStore } from '../../audit/index.js';
import { auditFailure } from '../auditFailure.js';
import { action, type CliContext } from '../context.js';
import { ExitCode } from '../exitCodes.js';
import { usageFailure } from '../failure.js';
import { formatOption, json, renderRows, type Column, type Format } from '../format.js';
import { jsonLinesFailure } from '../jsonlFailure.js';

const columns: readonly Column<IntegrityFinding>[] = [
  { header: 'Stream', value: (f) => f.streamName },
  { header: 'Revision', value: (f) => f.revision },
  { header: 'Position', value: (f) => f.position },
  { header: 'Event', value: (f) => f.eventType },
  { header: 'Finding', value: (f) => f.kind },
  { header: 'Diagnosis', value: (f) => f.diagnosis },
  { header: 'Message', value: (f) => f.message },
];

const verifyFile = async (ctx: CliContext, path: string, format: Format): Promise<ExitCode> => {
  if (!existsSync(path)) throw usageFailure(`Cannot verify ${path}: no such file.`);
  const result = await verifyJsonLinesFile(path)();
  if (E.isLeft(result)) throw jsonLinesFailure(result.left);
  const s = result.right;
  ctx.out(
    format === 'table'
      ? `${path}: export verified: ${s.events} event(s) in ${s.streams} stream(s), ${s.lines} line(s); order, revisions and hash chains intact\n`
      : json({ ok: true, file: path, ...s }),
  );
  return ExitCode.ok;
};

export const registerVerify = (program: Command, ctx: CliContext): void => {
  program
    .command('verify')
    .description('check the hash chain of every change-request stream in the store, or of a JSON Lines export (--file)')
    .option('--file <export.jsonl>', 'verify this export file instead of the store (the store is not opened)')
    .addOption(formatOption())
    .addHelpText('after', '\nExits 4 when anything was altered, removed, inserted or reordered.')
    .action(
      action(ctx, async (options: { file?: string; format: Format }, command: Command) => {
        if (options.file !== undefined) return verifyFile(ctx, options.file, options.format);
        const result = await ctx.withStore(command, 'existing', (store) => verifyStore(store)());
        if (E.isLeft(result)) throw auditFailure(result.left);
        const v = result.right;
        const body = { ok: v.ok, streamsChecked: v.streamsChecked, streamsSkipped: v.streamsSkipped, eventsChecked: v.eventsChecked, findings: v.findings };
        if (options.format === 'table') {
          ctx.out(
            v.ok
              ? `Store verified: ${v.eventsChecked} event(s) in ${v.streamsChecked} stream(s); every hash chain intact\n`
              : `TAMPERING: ${v.findings.length} stream(s) of ${v.streamsChecked} fail verification\n`,
          );
          if (!v.ok) ctx.out(renderRows('table', columns, v.findings, body));
        } else ctx.out(renderRows(options.format, columns, v.findings, body));
        return v.ok ? ExitCode.ok : ExitCode.tampering;
      }),
    );
};
