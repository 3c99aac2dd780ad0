import { mkdtemp, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChangeLog } from '../../src/projections/changeLog/changeLog.js';
import { generateJsonSchemas, serialiseJsonSchema } from '../../src/projections/documents/jsonSchemas.js';
import { toSnakeKeys } from '../../src/projections/documents/snakeCase.js';
import { writeDocuments, writeFileAtomically } from '../../src/projections/documents/writeDocuments.js';
import { createChangeRegister } from '../../src/projections/register/register.js';
import { aiGenerated, emergency, failedTestThenRevision, manualSuccess, rejected, rolledBack, withdrawn } from '../support/eventFixtures.js';
import { conformsTo } from './jsonSchemaCheck.js';
import { project } from './support.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cm-docs-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const everyLifecycle = () => [
  manualSuccess(),
  failedTestThenRevision(),
  rolledBack(),
  rolledBack({ number: 'CR-2025-013', failure: 'deployment_failed' }),
  rejected(),
  withdrawn(),
  emergency(),
  emergency({ number: 'CR-2025-091', retrospective: 'missing' }),
  aiGenerated(),
  manualSuccess({ number: 'CR-2025-020', level: 'critical', upTo: 'ChangeRequestEscalated' }),
];

describe('documents on disk (spec 12.1, 12.2)', () => {
  it('writes change-register.json and change-log.json in snake_case into the configured folder', async () => {
    const register = createChangeRegister();
    const changeLog = createChangeLog();
    await project(everyLifecycle(), register, changeLog);
    const folder = join(dir, 'runtime', 'change-management');
    const paths = await writeDocuments({ register, changeLog, directory: folder, clock: () => new Date('2025-12-31T00:00:00Z') });

    expect(paths).toEqual({ register: join(folder, 'change-register.json'), changeLog: join(folder, 'change-log.json') });
    expect((await readdir(folder)).sort()).toEqual(['change-log.json', 'change-register.json']);
    const registerJson = JSON.parse(await readFile(paths.register, 'utf8'));
    const logJson = JSON.parse(await readFile(paths.changeLog, 'utf8'));
    expect(registerJson).toEqual(toSnakeKeys(register.document('2025-12-31T00:00:00.000Z')));
    expect(registerJson.change_requests).toHaveLength(10);
    expect(registerJson.change_requests[0]).toHaveProperty('cr_id', 'CR-2025-001');
    expect(logJson).toEqual(toSnakeKeys(changeLog.document('2025-12-31T00:00:00.000Z')));
    expect(logJson.generated_at).toBe('2025-12-31T00:00:00.000Z');
  });

  it('writes into runtime/change-management/ under the working directory by default', async () => {
    const register = createChangeRegister();
    const changeLog = createChangeLog();
    await project([manualSuccess()], register, changeLog);
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      const paths = await writeDocuments({ register, changeLog });
      expect(paths).toEqual({
        register: join('runtime', 'change-management', 'change-register.json'),
        changeLog: join('runtime', 'change-management', 'change-log.json'),
      });
    } finally {
      process.chdir(cwd);
    }
    expect(JSON.parse(await readFile(join(dir, 'runtime', 'change-management', 'change-log.json'), 'utf8')).entries).toHaveLength(1);
  });

  it('writes documents that conform to the shipped JSON Schemas', async () => {
    const register = createChangeRegister();
    const changeLog = createChangeLog();
    await project(everyLifecycle(), register, changeLog);
    const paths = await writeDocuments({ register, changeLog, directory: dir });
    const schemas = generateJsonSchemas();
    expect(conformsTo(JSON.parse(await readFile(paths.register, 'utf8')), schemas['change-register.schema.json'])).toEqual([]);
    expect(conformsTo(JSON.parse(await readFile(paths.changeLog, 'utf8')), schemas['change-log.schema.json'])).toEqual([]);
    // The checker does reject what the schema does not allow.
    const bent = JSON.parse(await readFile(paths.register, 'utf8'));
    bent.change_requests[0].crId = bent.change_requests[0].cr_id;
    bent.change_requests[1].status = 'lost';
    expect(conformsTo(bent, schemas['change-register.schema.json'])).toEqual([
      '$.change_requests[0].crId: not allowed',
      '$.change_requests[1].status: lost not in enum',
    ]);
  });

  it('never lets a reader see a half-written file while it is rewritten', async () => {
    const path = join(dir, 'doc.json');
    await writeFileAtomically(path, JSON.stringify({ round: -1, pad: 'x'.repeat(200_000) }));
    const seen = new Set<number>();
    let writing = true;
    const reader = (async () => {
      while (writing) seen.add(JSON.parse(await readFile(path, 'utf8')).round);
    })();
    for (let round = 0; round < 30; round++) await writeFileAtomically(path, JSON.stringify({ round, pad: 'x'.repeat(200_000 + round) }));
    writing = false;
    await reader;
    expect(JSON.parse(await readFile(path, 'utf8')).round).toBe(29);
    expect(seen.size).toBeGreaterThan(0);
    expect(await readdir(dir)).toEqual(['doc.json']);
  });

  it('reports a failed write with a typed error and leaves no temporary file behind', async () => {
    const target = join(dir, 'taken');
    await mkdir(target);
    await expect(writeFileAtomically(target, '{}')).rejects.toMatchObject({ code: 'DOCUMENT_WRITE_FAILED', path: target });
    expect(await readdir(dir)).toEqual(['taken']);
  });
});

describe('JSON Schemas shipped in schemas/', () => {
  const root = join(import.meta.dirname, '..', '..', 'schemas');

  it('are exactly what the generator produces from the code (run `npx tsx scripts/generate-schemas.ts` after a schema change)', async () => {
    const generated = generateJsonSchemas();
    const files = [
      ...(await readdir(root)).filter((f) => f.endsWith('.json')),
      ...(await readdir(join(root, 'events'))).map((f) => `events/${f}`),
    ].sort();
    expect(files).toEqual(Object.keys(generated).sort());
    for (const [path, schema] of Object.entries(generated)) {
      expect(await readFile(join(root, path), 'utf8'), path).toBe(serialiseJsonSchema(schema));
    }
  });

  it('cover every event type and use snake_case for the documents only', () => {
    const generated = generateJsonSchemas() as { [path: string]: { properties?: { [key: string]: unknown } } };
    expect(Object.keys(generated['events/ChangeRequestSubmitted.schema.json']!.properties!)).toEqual(['number', 'submittedAt']);
    expect(Object.keys(generated['change-register.schema.json']!.properties!)).toEqual(['schema_version', 'generated_at', 'last_position', 'change_requests']);
  });
});
