import { ExitCode } from './exitCodes.js';

/**
 * A failure the CLI reports and exits on: a message for people on stderr,
 * optionally a JSON body for machines on stdout (printed with `--format json`,
 * or always when `jsonAlways`, as for a refused command), and the exit code.
 */
export class CliFailure extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    readonly json?: unknown,
    readonly jsonAlways = false,
  ) {
    super(message);
    this.name = 'CliFailure';
  }
}

export const usageFailure = (message: string): CliFailure => new CliFailure(ExitCode.usage, message);
