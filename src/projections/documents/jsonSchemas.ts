import { z } from 'zod';
import { eventDataSchemas, eventTypes } from '../../events/catalogue.js';
import { EventMetadata } from '../../events/metadata.js';
import { ChangeLogDocument } from '../changeLog/schema.js';
import { ChangeRegisterDocument } from '../register/schema.js';
import { snakeCaseJsonSchema } from './snakeCase.js';

const base = 'https://maturion.dev/schemas/change-management';

const generate = (schema: z.ZodType, id: string, title: string, snakeCase: boolean): object => {
  const json = z.toJSONSchema(schema, { io: 'output', target: 'draft-2020-12' }) as { [key: string]: unknown };
  const { $schema, ...rest } = (snakeCase ? snakeCaseJsonSchema(json) : json) as { [key: string]: unknown };
  return { $schema, $id: `${base}/${id}`, title, ...rest };
};

/**
 * The JSON Schemas shipped in `schemas/`, generated from the zod schemas in
 * code (never written by hand): the two documents (snake_case, as written
 * to disk), the event envelope metadata, and the data of every event type
 * (camelCase, as stored). Keys are paths relative to `schemas/`.
 */
export const generateJsonSchemas = (): { readonly [relativePath: string]: object } => {
  const out: { [path: string]: object } = {
    'change-register.schema.json': generate(ChangeRegisterDocument, 'change-register.schema.json', 'Change register (spec 12.1)', true),
    'change-log.schema.json': generate(ChangeLogDocument, 'change-log.schema.json', 'Change log (spec 12.2)', true),
    'events/EventMetadata.schema.json': generate(EventMetadata, 'events/EventMetadata.schema.json', 'Event metadata envelope', false),
  };
  for (const type of eventTypes) {
    out[`events/${type}.schema.json`] = generate(eventDataSchemas[type], `events/${type}.schema.json`, `${type} event data`, false);
  }
  return out;
};

/** How a schema file is serialised (stable, so the committed files can be compared). */
export const serialiseJsonSchema = (schema: object): string => `${JSON.stringify(schema, null, 2)}\n`;
