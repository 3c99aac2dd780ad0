import { Option, type Command } from 'commander';
import { interval } from 'rxjs';
import { isProjectionError, type Notification, notifications$ } from '../../projections/index.js';
import { isStoreError } from '../../store/errors.js';
import { action, type CliContext } from '../context.js';
import { ExitCode } from '../exitCodes.js';
import { CliFailure } from '../failure.js';
import { instantText, list } from '../format.js';

/** One line per notification, for people. */
export const notificationLine = (n: Notification): string => {
  const cr = `${n.crId ?? n.changeRequestId} "${n.title}"`;
  const at = instantText(n.at);
  switch (n.kind) {
    case 'approval_required':
      return `${at}  APPROVAL REQUIRED  ${cr}: ${n.approvalLevel ?? '?'} level, awaiting ${list(n.awaiting)}${n.escalationRequired ? ' (escalation required)' : ''}`;
    case 'gate_evaluation_failed':
      return `${at}  GATES FAILED       ${cr}: ${n.failedGates.map((g) => `${g.number} ${g.gate}`).join('; ')}`;
    case 'emergency_retrospective_overdue':
      return `${at}  RETROSPECTIVE OVERDUE  ${cr}: fix applied ${instantText(n.fixAppliedAt)}, assessment was due ${instantText(n.dueAt)}`;
    case 'verification_window_elapsed':
      return `${at}  READY TO VERIFY    ${cr}: deployed ${instantText(n.deployedAt)}, monitoring window ended ${instantText(n.windowEndedAt)}`;
  }
};

const watchFailure = (e: unknown): CliFailure | undefined => {
  if (isStoreError(e)) return new CliFailure(ExitCode.store, `${e.code}: ${e.message}`);
  if (isProjectionError(e)) {
    const cause = e.cause instanceof Error ? ` (${e.cause.message})` : '';
    return new CliFailure(e.code === 'EVENT_UNREADABLE' || e.code === 'STORE_FAILED' ? ExitCode.store : ExitCode.internal, `${e.code}: ${e.message}${cause}`);
  }
  return undefined;
};

const stopSignal = (ctx: CliContext): Promise<void> =>
  ctx.io.interrupted?.() ?? new Promise<void>(() => undefined);

export const registerWatch = (program: Command, ctx: CliContext): void => {
  program
    .command('watch')
    .description('print live notifications (approval required, gates failed, emergency retrospective overdue, ready to verify) until Ctrl-C')
    .addOption(new Option('--format <format>', 'text lines, or JSON Lines').choices(['text', 'json']).default('text'))
    .option('--history', "also print the notifications of the store's history")
    .option('--tick <seconds>', 'how often time-based conditions are checked', '60')
    .action(
      action(ctx, async (options: { format: 'text' | 'json'; history?: boolean; tick: string }, command: Command) => {
        const seconds = Number(options.tick);
        if (!Number.isFinite(seconds) || seconds <= 0) throw new CliFailure(ExitCode.usage, `--tick expects a positive number of seconds, got "${options.tick}".`);
        await ctx.withStore(command, 'existing', async (store, spec) => {
          ctx.err(`Watching ${ctx.describeStore(spec)} for notifications; Ctrl-C to stop.\n`);
          let failed: ((e: unknown) => void) | undefined;
          const failure = new Promise<never>((_, reject) => (failed = reject));
          const subscription = notifications$({ store, replayHistory: options.history === true, tick$: interval(seconds * 1000) }).subscribe({
            next: (n) => ctx.out(options.format === 'json' ? `${JSON.stringify(n)}\n` : `${notificationLine(n)}\n`),
            error: (e: unknown) => failed?.(e),
          });
          try {
            await Promise.race([stopSignal(ctx), failure]);
          } catch (e) {
            throw watchFailure(e) ?? e;
          } finally {
            subscription.unsubscribe();
          }
        });
        ctx.err('Stopped; store closed.\n');
      }),
    );
};
