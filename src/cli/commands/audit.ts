import { Option, type Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { type AuditTrail, type AuditTrailEntry, buildTrail, loadChangeRequest, type PointInHistory, renderTrailText, stateAtPoint } from '../../audit/index.js';
import { auditFailure } from '../auditFailure.js';
import { action, type CliContext } from '../context.js';
import { ExitCode } from '../exitCodes.js';
import { usageFailure } from '../failure.js';
import { json, renderRows, type Column } from '../format.js';
import { instantOption } from '../instant.js';

const columns: readonly Column<AuditTrailEntry>[] = [
  { header: 'revision', value: (e) => e.revision },
  { header: 'position', value: (e) => e.position },
  { header: 'when', value: (e) => e.when },
  { header: 'who', value: (e) => e.who.id },
  { header: 'role', value: (e) => e.who.role },
  { header: 'event', value: (e) => e.type },
  { header: 'what', value: (e) => e.what },
  { header: 'why', value: (e) => e.why },
  { header: 'command', value: (e) => e.commandType },
  { header: 'hash', value: (e) => e.hash },
];

type AuditFormat = 'text' | 'json' | 'csv';
interface AuditOptions {
  readonly at?: string;
  readonly revision?: string;
  readonly format: AuditFormat;
}

const pointOf = (options: AuditOptions): PointInHistory | undefined => {
  if (options.at !== undefined && options.revision !== undefined) throw usageFailure('Give --at or --revision, not both.');
  if (options.at !== undefined) return { at: options.at };
  if (options.revision === undefined) return undefined;
  if (!/^\d+$/.test(options.revision)) throw usageFailure(`--revision expects a whole number, got "${options.revision}".`);
  return { revision: Number(options.revision) };
};

/** The trail cut at the point in history, so the entries shown are those the state was built from. */
const upTo = (trail: AuditTrail, revision: number | undefined): AuditTrail => ({
  ...trail,
  entries: trail.entries.filter((e) => revision !== undefined && e.revision <= revision),
});

export const registerAudit = (program: Command, ctx: CliContext): void => {
  program
    .command('audit')
    .description("replay one CR's events: who did what, when and why, with the hash chain checked; or its state at a past time")
    .argument('<CR-ID>', 'CR number (CR-2025-001), stream id, or stream name')
    .addOption(instantOption('--at <time>', 'the state as it was at this instant (ISO 8601)'))
    .option('--revision <n>', 'the state as it was after this stream revision')
    .addOption(new Option('--format <format>', 'output format').choices(['text', 'json', 'csv']).default('text'))
    .addHelpText('after', '\nExits 4 when the hash chain of the CR does not verify (an event altered, removed or reordered).')
    .action(
      action(ctx, async (ref: string, options: AuditOptions, command: Command) => {
        const point = pointOf(options);
        const loaded = await ctx.withStore(command, 'existing', (store) => loadChangeRequest(store, ref)());
        if (E.isLeft(loaded)) throw auditFailure(loaded.left);
        const full = buildTrail(loaded.right);
        let trail = full;
        let body: unknown = full;
        if (point !== undefined) {
          const historical = stateAtPoint(loaded.right, point);
          if (E.isLeft(historical)) throw auditFailure(historical.left);
          trail = upTo(full, historical.right.asOfEvent?.revision);
          body = { point, asOfEvent: historical.right.asOfEvent ?? null, state: historical.right.state, trail };
          if (options.format === 'text') {
            const h = historical.right;
            ctx.out(
              h.asOfEvent === undefined
                ? `At ${JSON.stringify(point)} the CR did not exist yet.\n\n`
                : `State at ${'at' in point ? String(point.at) : `revision ${point.revision}`}: ${h.state.status} ` +
                    `(after revision ${h.asOfEvent.revision}, ${h.asOfEvent.occurredAt})\n\n`,
            );
          }
        }
        if (options.format === 'text') ctx.out(renderTrailText(trail));
        else if (options.format === 'json') ctx.out(json(body));
        else ctx.out(renderRows('csv', columns, trail.entries, body));
        return full.integrity.ok ? ExitCode.ok : ExitCode.tampering;
      }),
    );
};
