import type { AuditError } from '../audit/index.js';
import { ExitCode } from './exitCodes.js';
import { CliFailure } from './failure.js';

/** An audit read that failed, as the CLI reports it: bad references are usage errors, unreadable data a store error. */
export const auditFailure = (error: AuditError): CliFailure => {
  const code =
    error.code === 'EVENT_UNREADABLE' || error.code === 'STORE_FAILED'
      ? ExitCode.store
      : ExitCode.usage;
  return new CliFailure(code, `${error.code}: ${error.message}`, { error });
};
