import type { Readable } from 'node:stream';

/** Where a writer sends text; `isTTY` decides between a progress bar and plain lines. */
export interface CliOutput {
  write(text: string): unknown;
  readonly isTTY?: boolean;
}

/** Everything the CLI touches outside itself, so it runs in-process under test. */
export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly env: { readonly [name: string]: string | undefined };
  readonly stdin: Readable;
  /** Resolves when the user asks to stop (Ctrl-C); `watch` waits on it. Defaults to SIGINT/SIGTERM. */
  readonly interrupted?: () => Promise<void>;
}

/** The real process's streams and signals. */
export const processIo = (): CliIo => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  stdin: process.stdin,
  interrupted: () =>
    new Promise<void>((resolve) => {
      const stop = (): void => {
        process.off('SIGINT', stop);
        process.off('SIGTERM', stop);
        resolve();
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    }),
});
