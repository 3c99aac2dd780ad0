/**
 * Regenerates the JSON Schemas in schemas/ from the zod schemas in code:
 *   npx tsx scripts/generate-schemas.ts
 * test/projections/jsonSchemas.test.ts fails when the committed files differ.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateJsonSchemas, serialiseJsonSchema } from '../src/projections/documents/jsonSchemas.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', 'schemas');

const main = async (): Promise<void> => {
  const schemas = generateJsonSchemas();
  await rm(join(root, 'events'), { recursive: true, force: true });
  for (const [path, schema] of Object.entries(schemas)) {
    const file = join(root, path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, serialiseJsonSchema(schema));
  }
  const top = await readdir(root);
  console.log(`wrote ${Object.keys(schemas).length} schemas to ${root} (${top.join(', ')})`);
};

await main();
