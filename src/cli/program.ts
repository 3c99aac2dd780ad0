import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { registerAudit } from './commands/audit.js';
import { registerDemo } from './commands/demo.js';
import { registerEvidence } from './commands/evidence.js';
import { registerExec } from './commands/exec.js';
import { registerExport } from './commands/export.js';
import { registerImport } from './commands/import.js';
import { registerLog } from './commands/log.js';
import { registerMetrics } from './commands/metrics.js';
import { registerProjections } from './commands/projections.js';
import { registerRegister } from './commands/register.js';
import { registerShow } from './commands/show.js';
import { registerVerify } from './commands/verify.js';
import { registerWatch } from './commands/watch.js';
import { createContext, type CliContext } from './context.js';
import { ExitCode, exitCodesHelp } from './exitCodes.js';
import { CliFailure } from './failure.js';
import type { CliIo } from './io.js';
import { defaultStore, storeEnvVariable } from './storeOption.js';

const subcommands: readonly ((program: Command, ctx: CliContext) => void)[] = [
  registerDemo,
  registerExec,
  registerShow,
  registerRegister,
  registerLog,
  registerMetrics,
  registerAudit,
  registerEvidence,
  registerVerify,
  registerExport,
  registerImport,
  registerProjections,
  registerWatch,
];

/** The package's version: package.json sits two folders up from both src/cli and dist/cli. */
const packageVersion = (): string => {
  const pkg = createRequire(import.meta.url)('../../package.json') as { version?: unknown };
  return typeof pkg.version === 'string' ? pkg.version : 'unknown';
};

/** The commander program; settings made here before the subcommands are added are inherited by them. */
export const buildProgram = (ctx: CliContext): Command => {
  const program = new Command('change-management')
    .description('Event-sourced change control for the Maturion ISMS: run commands, read the register and the change log, audit and verify.')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option('--store <store>', `memory | sqlite:<path> | esdb://... (env ${storeEnvVariable}; default ${defaultStore})`)
    .exitOverride()
    .configureOutput({ writeOut: ctx.out, writeErr: ctx.err })
    .showHelpAfterError('(add --help for usage)')
    .addHelpText('afterAll', exitCodesHelp);
  for (const register of subcommands) register(program, ctx);
  return program;
};

/** Whether the command line asked for JSON (`--format json` or `--format=json`). */
const wantsJson = (argv: readonly string[]): boolean =>
  argv.some((a, i) => a === '--format=json' || (a === '--format' && argv[i + 1] === 'json'));

const report = (ctx: CliContext, argv: readonly string[], e: unknown): ExitCode => {
  if (e instanceof CommanderError) return e.exitCode === 0 ? ExitCode.ok : ExitCode.usage;
  if (e instanceof CliFailure) {
    if (e.json !== undefined && (e.jsonAlways || wantsJson(argv))) ctx.out(JSON.stringify(e.json, null, 2) + '\n');
    ctx.err(`change-management: ${e.message}\n`);
    return e.exitCode;
  }
  ctx.err(`change-management: unexpected failure: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  return ExitCode.internal;
};

/**
 * Runs the CLI in-process: `argv` without the node and script paths.
 * Never calls process.exit; resolves to the exit code.
 */
export const runCli = async (argv: readonly string[], io: CliIo): Promise<ExitCode> => {
  const ctx = createContext(io);
  try {
    await buildProgram(ctx).parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (e) {
    return report(ctx, argv, e);
  }
};
