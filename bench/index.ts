/**
 * `npm run bench`: runs every benchmark in turn and prints one JSON
 * document of figures. Name some to run only those:
 * `npm run bench -- store commands`.
 */
const suites = ['store', 'commands', 'projections', 'sqlite', 'eventstoredb'] as const;

const selected = process.argv.slice(2).filter((name) => !name.startsWith('-'));
const unknown = selected.filter((name) => !(suites as readonly string[]).includes(name));
if (unknown.length > 0) {
  console.error(`Unknown benchmark(s): ${unknown.join(', ')}. Known: ${suites.join(', ')}`);
  process.exit(2);
}

const report: Record<string, unknown> = {
  machine: { node: process.version, platform: `${process.platform}-${process.arch}`, gcExposed: typeof globalThis.gc === 'function' },
};
for (const name of selected.length > 0 ? selected : suites) {
  const module = (await import(`./${name}.bench.ts`)) as { run: () => Promise<Record<string, unknown>> };
  process.stderr.write(`running ${name}...\n`);
  report[name] = await module.run();
}
console.log(JSON.stringify(report, null, 2));
