/** The CLI's exit codes: stable, documented in every `--help`. */
export const ExitCode = {
  ok: 0,
  /** The rules refused the command (a typed domain error); nothing was written. */
  refused: 1,
  /** Wrong usage or invalid input: unknown option or command type, malformed JSON, bad actor, unknown CR. */
  usage: 2,
  /** The store is missing, corrupt, written by a newer version, or unreachable. */
  store: 3,
  /** Verification found tampering or a broken hash chain. */
  tampering: 4,
  /** An unexpected failure (a bug): the message says what happened. */
  internal: 5,
} as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

export const exitCodesHelp = `
Exit codes:
  0  success
  1  the command was refused by the change-control rules (nothing written)
  2  usage error or invalid input (unknown command type, malformed JSON,
     actor without a role, unknown CR, bad option value)
  3  store missing, corrupt, written by a newer schema version, or unreachable
  4  verification found tampering (altered, removed or reordered events)
  5  unexpected internal failure

Store: --store memory | sqlite:<path> | esdb://host:2113?tls=false
       (or CHANGE_MANAGEMENT_STORE; default sqlite:./change-management.db)`;
