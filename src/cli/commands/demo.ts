import type { Command } from 'commander';
import { ScenarioFailed, runAiChangeRequest, runEmergencyChange, runFullLifecycle, runRollback, type ScenarioOptions, type ScenarioStep } from '../../demo/index.js';
import type { ChangeRequestState } from '../../domain/state.js';
import { createChangeLog, createChangeRegister, createMetrics } from '../../projections/index.js';
import { action, type CliContext } from '../context.js';
import { ExitCode } from '../exitCodes.js';
import { CliFailure } from '../failure.js';
import { foldStore } from '../fold.js';
import { formatOption, type Format } from '../format.js';
import { renderChangeLog } from './log.js';
import { renderMetrics } from './metrics.js';
import { renderRegister } from './register.js';

const scenarios: readonly { readonly title: string; readonly run: (o: ScenarioOptions) => Promise<ChangeRequestState> }[] = [
  { title: 'Full lifecycle: a manual change from draft to closure (spec 3-9)', run: runFullLifecycle },
  { title: 'Rollback: a change fails in production and is rolled back (spec 15)', run: runRollback },
  { title: 'Emergency change: production is down (spec 14)', run: runEmergencyChange },
  { title: 'AI-generated change request from a runtime insight (spec 10)', run: runAiChangeRequest },
];

const stepLine = (step: ScenarioStep): string => {
  const mark = step.outcome === 'accepted' ? 'ok     ' : 'refused';
  const detail =
    step.outcome === 'accepted'
      ? `${step.events.join(', ')} -> ${step.status}`
      : `${step.error?.code ?? ''} (as the rules require)`;
  return `  ${mark} ${step.label}\n          ${step.command} by ${step.actor}: ${detail}\n`;
};

const heading = (text: string): string => `\n${text}\n${'='.repeat(text.length)}\n`;

export const registerDemo = (program: Command, ctx: CliContext): void => {
  program
    .command('demo')
    .description('run the full-lifecycle, rollback, emergency and AI-generated scenarios into the store, then print the register, the change log and the metrics')
    .addOption(formatOption())
    .action(
      action(ctx, async (options: { format: Format }, command: Command) => {
        await ctx.withStore(command, 'create', async (store, spec) => {
          ctx.out(`Store: ${ctx.describeStore(spec)}\n`);
          for (const scenario of scenarios) {
            ctx.out(heading(scenario.title));
            try {
              const state = await scenario.run({ store, onStep: (step) => ctx.out(stepLine(step)) });
              ctx.out(`  => ${state.number ?? state.id}: ${state.status}${state.outcome === undefined ? '' : ` (${state.outcome})`}\n`);
            } catch (e) {
              if (!(e instanceof ScenarioFailed)) throw e;
              throw new CliFailure(e.error.kind === 'store' ? ExitCode.store : ExitCode.internal, e.message, { error: e.error });
            }
          }
          const [register, log, metrics] = await foldStore(store, [createChangeRegister(), createChangeLog(), createMetrics()] as const);
          ctx.out(heading('Change register'));
          ctx.out(renderRegister(options.format, register));
          ctx.out(heading('Change log'));
          ctx.out(renderChangeLog(options.format, log));
          ctx.out(heading('Metrics by month'));
          ctx.out(renderMetrics(options.format, metrics));
        });
      }),
    );
};
