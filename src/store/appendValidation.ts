import { StoreError, WrongExpectedRevisionError } from './errors.js';
import type { EventToAppend, ExpectedRevision } from './port.js';

const invalid = (streamName: string, why: string): StoreError =>
  new StoreError('INVALID_APPEND', `Append to ${JSON.stringify(streamName)} refused: ${why}`);

const isNonEmptyString = (v: unknown): v is string => typeof v === 'string' && v.length > 0;

const isJsonObject = (v: unknown): boolean => typeof v === 'object' && v !== null && !Array.isArray(v);

const isExpectedRevision = (v: unknown): v is ExpectedRevision =>
  v === 'any' ||
  v === 'no_stream' ||
  v === 'stream_exists' ||
  (typeof v === 'number' && Number.isSafeInteger(v) && v >= 0);

/**
 * Checks the shape of an append request; the caller may be plain JavaScript, so
 * the declared types are not trusted. An empty batch is refused: an append
 * result names the position of the last event written, and there is none.
 * Data and metadata are only checked to be objects, not walked (that would cost
 * a traversal of every event on the hot path).
 */
export const validateAppend = (
  streamName: string,
  events: readonly EventToAppend[],
  expectedRevision: unknown,
): StoreError | undefined => {
  if (!isNonEmptyString(streamName)) return invalid(String(streamName), 'the stream name must be a non-empty string');
  if (!Array.isArray(events)) return invalid(streamName, 'events must be an array');
  if (events.length === 0) return invalid(streamName, 'the batch is empty');
  if (!isExpectedRevision(expectedRevision)) {
    return invalid(streamName, `expected revision ${String(expectedRevision)} is not any, no_stream, stream_exists or a revision >= 0`);
  }
  for (let i = 0; i < events.length; i++) {
    const e: unknown = events[i];
    if (!isJsonObject(e)) return invalid(streamName, `event #${i} is not an object`);
    const { id, type, data, metadata } = e as Partial<Record<keyof EventToAppend, unknown>>;
    if (!isNonEmptyString(id)) return invalid(streamName, `event #${i} has no id`);
    if (!isNonEmptyString(type)) return invalid(streamName, `event #${i} has no type`);
    if (!isJsonObject(data)) return invalid(streamName, `event #${i} data is not a JSON object`);
    if (!isJsonObject(metadata)) return invalid(streamName, `event #${i} metadata is not a JSON object`);
  }
  return undefined;
};

/**
 * Compares what the writer expects with the stream's last revision
 * (-1 when the stream does not exist).
 */
export const checkExpectedRevision = (
  streamName: string,
  expected: ExpectedRevision,
  lastRevision: number,
): WrongExpectedRevisionError | undefined => {
  const exists = lastRevision >= 0;
  const ok =
    expected === 'any' ||
    (expected === 'no_stream' && !exists) ||
    (expected === 'stream_exists' && exists) ||
    expected === lastRevision;
  return ok ? undefined : new WrongExpectedRevisionError(streamName, expected, exists ? lastRevision : 'no_stream');
};
