import type { CommandError } from '../commands/errors.js';
import { ExitCode } from './exitCodes.js';
import { CliFailure } from './failure.js';

/** The exit code a typed command error maps to. */
export const exitCodeOf = (error: CommandError): ExitCode => {
  switch (error.kind) {
    case 'validation':
      return ExitCode.usage;
    case 'store':
      return ExitCode.store;
    default:
      return ExitCode.refused;
  }
};

/** A refused command: the typed error as JSON on stdout, one line for people on stderr. */
export const refusalFailure = (error: CommandError): CliFailure => {
  const what = error.kind === 'validation' ? 'Invalid command' : 'Refused';
  return new CliFailure(exitCodeOf(error), `${what}: ${error.code}: ${error.message}. Nothing was written.`, { error }, true);
};
