import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { z } from 'zod';
import type { JsonObject } from '../../store/port.js';
import { jsonLinesError, type JsonLinesError } from './errors.js';
import { formatName, type EventLine, type JsonLine } from './format.js';

/**
 * Parses one line of an export. Never throws: anything that is not exactly
 * one of the three line shapes is a JSONL_LINE_MALFORMED error naming the
 * line. Data and metadata are kept as JSON.parse built them (own properties
 * only, so a `__proto__` key stays a plain key) and are not copied.
 */

// JSON.parse output is JSON throughout; only the top level needs checking.
const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const Text = z.string().min(1);

const HeaderSchema = z.strictObject({
  kind: z.literal('header'),
  format: z.literal(formatName),
  version: z.int().min(1),
  scope: z.union([z.strictObject({ stream: Text }), z.strictObject({ all: z.literal(true) })]),
});

const eventKeys = new Set(['kind', 'stream', 'revision', 'position', 'id', 'type', 'data', 'metadata']);
const isText = (v: unknown): v is string => typeof v === 'string' && v !== '';
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;

/** Event lines are nearly every line of a file: checked by hand, without a schema library's copying. */
const eventLineProblem = (v: { readonly [key: string]: unknown }): string | undefined => {
  for (const key of Object.keys(v)) if (!eventKeys.has(key)) return `unrecognized key "${key}"`;
  if (!isText(v['stream'])) return 'at stream: expected a non-empty string';
  if (!isCount(v['revision'])) return 'at revision: expected a non-negative integer';
  if (!isCount(v['position'])) return 'at position: expected a non-negative integer';
  if (!isText(v['id'])) return 'at id: expected a non-empty string';
  if (!isText(v['type'])) return 'at type: expected a non-empty string';
  if (!isJsonObject(v['data'])) return 'at data: expected a JSON object';
  if (!isJsonObject(v['metadata'])) return 'at metadata: expected a JSON object';
  return undefined;
};

const EndSchema = z.strictObject({ kind: z.literal('end'), events: z.int().min(0) });


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
  if (kind === 'event') {
    const problem = eventLineProblem(value);
    return problem === undefined ? E.right(value as unknown as EventLine) : malformed(`invalid event line ${problem}`);
  }
  const parsed = (kind === 'header' ? HeaderSchema : EndSchema).safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue === undefined || issue.path.length === 0 ? '' : ` at ${issue.path.join('.')}`;
    return malformed(`invalid ${kind} line${path}: ${issue?.message ?? 'invalid'}`);
  }
  return E.right(parsed.data as JsonLine);
};
