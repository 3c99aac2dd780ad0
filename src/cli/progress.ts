import cliProgress from 'cli-progress';
import type { CliOutput } from './io.js';

/** Below this many events a rebuild is quick: no bar, no progress lines, just the summary. */
export const longWork = 1_000;

export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/**
 * Progress of long work: a bar (cli-progress) when the output is a terminal,
 * otherwise a plain line at every tenth, so logs and pipes stay readable.
 */
export const createProgress = (out: CliOutput, label: string): Progress => {
  let bar: cliProgress.SingleBar | undefined;
  let lastTenth = -1;
  return {
    update: (done, total) => {
      if (total < longWork) return;
      if (out.isTTY === true) {
        if (bar === undefined) {
          bar = new cliProgress.SingleBar(
            // The bar only writes text and cursor moves, which any CliOutput accepts.
            { stream: out as unknown as NodeJS.WritableStream, format: `${label} [{bar}] {percentage}% | {value}/{total} events | ETA {eta}s`, hideCursor: true },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, done);
        } else bar.update(done);
        return;
      }
      const tenth = Math.floor((done / total) * 10);
      if (tenth > lastTenth) {
        lastTenth = tenth;
        out.write(`${label}: ${done}/${total} events (${tenth * 10}%)\n`);
      }
    },
    stop: () => {
      bar?.stop();
      bar = undefined;
    },
  };
};
