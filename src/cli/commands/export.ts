import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { exportJsonLines, exportJsonLinesToFile, type ExportScope, resolveStreamName } from '../../audit/index.js';
import { parseChangeRequestNumber } from '../../events/streams.js';
import type { EventStore } from '../../store/port.js';
import { auditFailure } from '../auditFailure.js';
import { action, type CliContext } from '../context.js';
import { usageFailure } from '../failure.js';
import { jsonLinesFailure } from '../jsonlFailure.js';

/** A stream as named on the command line: a CR number, a stream name as stored, or a CR's stream id. */
const streamOf = async (store: EventStore, name: string): Promise<string> => {
  if (parseChangeRequestNumber(name) === undefined) {
    const asGiven = await store.readStream(name, { maxCount: 1 });
    if (asGiven.length > 0) return name;
  }
  const resolved = await resolveStreamName(store, name)();
  if (E.isLeft(resolved)) throw auditFailure(resolved.left);
  const exists = await store.readStream(resolved.right, { maxCount: 1 });
  if (exists.length === 0) throw usageFailure(`No stream ${name} in the store.`);
  return resolved.right;
};

const checkOutPath = (out: string): string => {
  const path = resolve(out);
  const dir = dirname(path);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw usageFailure(`Cannot write ${out}: folder ${dir} does not exist.`);
  if (existsSync(path) && statSync(path).isDirectory()) throw usageFailure(`Cannot write ${out}: it is a folder.`);
  return path;
};

export const registerExport = (program: Command, ctx: CliContext): void => {
  program
    .command('export')
    .description('export events as JSON Lines (header, events in global order with their hashes, end line), for archives and audits')
    .option('--stream <name>', 'one stream only: a CR number, a CR id, or a stream name (default: the whole store)')
    .option('--out <file>', 'write to this file, atomically (default: stdout)')
    .action(
      action(ctx, async (options: { stream?: string; out?: string }, command: Command) => {
        const out = options.out === undefined ? undefined : checkOutPath(options.out);
        await ctx.withStore(command, 'existing', async (store) => {
          const scope: ExportScope = options.stream === undefined ? { all: true } : { stream: await streamOf(store, options.stream) };
          if (out === undefined) {
            for await (const line of exportJsonLines(store, scope)) ctx.out(line);
            return;
          }
          const written = await exportJsonLinesToFile(store, scope, out)();
          if (E.isLeft(written)) throw jsonLinesFailure(written.left);
          ctx.err(`Exported ${'stream' in scope ? scope.stream : 'the whole store'} to ${written.right.path}\n`);
        });
      }),
    );
};
