import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import type { JsonObject } from '../../store/port.js';
import { jsonLinesError, type JsonLinesError } from './errors.js';
import { formatName, type JsonLine } from './format.js';

/**
 * Parses one line of an export. Never throws: anything that is not exactly
 * one of the three line shapes is a JSONL_LINE_MALFORMED error naming the
 * line. Data and metadata are kept as JSON.parse built them (own properties
 * only, so a `__proto__` key stays a plain key) and are not copied.
 */

// JSON.parse output is JSON throughout; only the top level needs checking.
const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const JsonObjectValue = z.custom<JsonObject>(isJsonObject, 'expected a JSON object');
const Text = z.string().min(1);
const Count = z.int().min(0);

const HeaderSchema = z.strictObject({
  kind: z.literal('header'),
  format: z.literal(formatName),
  version: z.int().min(1),
  scope: z.union([z.strictObject({ stream: Text }), z.strictObject({ all: z.literal(true) })]),
});

const EventSchema = z.strictObject({
  kind: z.literal('event'),
  stream: Text,
  revision: Count,
  position: Count,
  id: Text,
  type: Text,
  data: JsonObjectValue,
  metadata: JsonObjectValue,
});

const EndSchema = z.strictObject({ kind: z.literal('end'), events: Count });

const schemas = { header: HeaderSchema, event: EventSchema, end: EndSchema } as const;

export const parseLine = (text: string, line: number): Either<JsonLinesError, JsonLine> => {
  const malformed = (why: string): Either<JsonLinesError, never> =>
    E.left(jsonLinesError('JSONL_LINE_MALFORMED', why, { line }));
  const body = text.endsWith('\r') ? text.slice(0, -1) : text;
  if (body.trim() === '') return malformed('the line is empty');
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch (e) {
    return malformed(`not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  if (!isJsonObject(value)) return malformed('expected a JSON object');
  const kind = value['kind'];
  if (kind !== 'header' && kind !== 'event' && kind !== 'end') return malformed('"kind" must be header, event or end');
  if (kind === 'header' && value['format'] === formatName && typeof value['version'] === 'number' && value['version'] !== 1) {
    return E.left(jsonLinesError('JSONL_FORMAT_UNSUPPORTED', `format version ${String(value['version'])} is not supported (this library reads version 1)`, { line }));
  }
  const parsed = schemas[kind].safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    return malformed(`invalid ${kind} line${path}: ${issue?.message ?? 'invalid'}`);
  }
  return E.right(parsed.data as JsonLine);
};
