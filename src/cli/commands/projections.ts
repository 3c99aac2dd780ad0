import type { Command } from 'commander';
import { lastValueFrom, tap } from 'rxjs';
import {
  type ChangeLog,
  type ChangeRegister,
  createChangeLog,
  createChangeRegister,
  createMetrics,
  createProjectionRunner,
  defaultDocumentsDirectory,
  DocumentWriteError,
  isProjectionError,
  type ProjectionError,
  writeDocuments,
} from '../../projections/index.js';
import { action, type CliContext } from '../context.js';
import { ExitCode } from '../exitCodes.js';
import { CliFailure } from '../failure.js';
import { foldStore } from '../fold.js';
import { createProgress } from '../progress.js';

const projectionFailure = (e: ProjectionError): CliFailure => {
  const code = e.code === 'EVENT_UNREADABLE' || e.code === 'STORE_FAILED' ? ExitCode.store : ExitCode.internal;
  const cause = e.cause instanceof Error ? ` (${e.cause.message})` : '';
  return new CliFailure(code, `${e.code}: ${e.message}${cause}`, { error: { code: e.code, message: e.message, ...e.details } });
};

const write = async (ctx: CliContext, register: ChangeRegister, changeLog: ChangeLog, directory: string): Promise<void> => {
  try {
    const paths = await writeDocuments({ register, changeLog, directory });
    ctx.out(`Wrote ${paths.register} (${register.size()} change requests)\nWrote ${paths.changeLog} (${changeLog.entries().length} entries)\n`);
  } catch (e) {
    if (e instanceof DocumentWriteError) {
      const cause = e.cause instanceof Error ? `: ${e.cause.message}` : '';
      throw new CliFailure(ExitCode.usage, `${e.code}: ${e.message}${cause}`);
    }
    throw e;
  }
};

export const registerProjections = (program: Command, ctx: CliContext): void => {
  const projections = program.command('projections').description('rebuild the read models from the events, or write them as JSON documents');

  projections
    .command('rebuild')
    .description('replay every change-request event into the register, the change log and the metrics, and record their checkpoints')
    .option('--write', 'then write the JSON documents (see `projections write`)')
    .option('--dir <folder>', 'folder of the documents', defaultDocumentsDirectory)
    .addHelpText('after', '\nShows a progress bar on a terminal for long rebuilds, plain progress lines otherwise.')
    .action(
      action(ctx, async (options: { write?: boolean; dir: string }, command: Command) => {
        await ctx.withStore(command, 'existing', async (store) => {
          const register = createChangeRegister();
          const changeLog = createChangeLog();
          const metrics = createMetrics();
          const runner = createProjectionRunner({ store, projections: [register, changeLog, metrics], idleCheckpointMs: 0 });
          const progress = createProgress(ctx.io.stdout, 'Rebuilding');
          let processed = 0;
          try {
            await lastValueFrom(runner.rebuild().pipe(tap((p) => ((processed = p.processed), progress.update(p.processed, p.total)))), {
              defaultValue: undefined,
            });
          } catch (e) {
            if (isProjectionError(e)) throw projectionFailure(e);
            throw e;
          } finally {
            progress.stop();
            await runner.stop();
          }
          ctx.out(
            `Rebuilt register, change log and metrics from ${processed} event(s): ` +
              `${register.size()} change request(s), ${changeLog.entries().length} change log entr${changeLog.entries().length === 1 ? 'y' : 'ies'}; checkpoints recorded\n`,
          );
          if (options.write === true) await write(ctx, register, changeLog, options.dir);
        });
      }),
    );

  projections
    .command('write')
    .description('write change-register.json and change-log.json (spec 12, snake_case) atomically to a folder')
    .option('--dir <folder>', 'folder of the documents', defaultDocumentsDirectory)
    .action(
      action(ctx, async (options: { dir: string }, command: Command) => {
        const [register, changeLog] = await ctx.withStore(command, 'existing', (store) =>
          foldStore(store, [createChangeRegister(), createChangeLog()] as const),
        );
        await write(ctx, register, changeLog, options.dir);
      }),
    );
};

