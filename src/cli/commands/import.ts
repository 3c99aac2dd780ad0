import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { importJsonLinesFile, verifyJsonLinesFile } from '../../audit/index.js';
import { action, type CliContext } from '../context.js';
import { usageFailure } from '../failure.js';
import { formatOption, json, type Format } from '../format.js';
import { jsonLinesFailure } from '../jsonlFailure.js';

export const registerImport = (program: Command, ctx: CliContext): void => {
  program
    .command('import')
    .description('import a JSON Lines export into the store, with the original event ids and revisions')
    .argument('<file>', 'an export written by `change-management export`')
    .addOption(formatOption())
    .addHelpText(
      'after',
      '\nThe whole file is checked first (format, order, revisions, hash chains, end line), and none of its\n' +
        'streams may exist in the store; a refused import writes nothing (and creates no store file).',
    )
    .action(
      action(ctx, async (file: string, options: { format: Format }, command: Command) => {
        if (!existsSync(file)) throw usageFailure(`Cannot import ${file}: no such file.`);
        // Checked before the store is opened, so a bad file does not even create the store.
        const checked = await verifyJsonLinesFile(file)();
        if (E.isLeft(checked)) throw jsonLinesFailure(checked.left);
        const imported = await ctx.withStore(command, 'create', (store) => importJsonLinesFile(store, file)());
        if (E.isLeft(imported)) throw jsonLinesFailure(imported.left);
        const s = imported.right;
        ctx.out(options.format === 'table' ? `Imported ${s.written} event(s) in ${s.streams} stream(s) from ${file}\n` : json({ file, ...s }));
      }),
    );
};
