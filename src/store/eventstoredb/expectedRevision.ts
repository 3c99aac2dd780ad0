import type { AppendExpectedRevision } from '@eventstore/db-client';
import type { ActualRevision, ExpectedRevision } from '../port.js';

/** Our expected revision as the client takes it: the same names, revisions as bigint. */
export const toClientExpectedRevision = (expected: ExpectedRevision): AppendExpectedRevision =>
  typeof expected === 'number' ? BigInt(expected) : expected;

/** A revision reported by the server; anything below zero means the stream does not exist. */
export const toActualRevision = (actual: bigint | 'no_stream' | undefined): ActualRevision =>
  actual === undefined || actual === 'no_stream' || actual < 0n ? 'no_stream' : Number(actual);

/** An expected revision echoed by the server (trailers carry -1 for no_stream, -2 for any, -4 for stream_exists). */
export const fromClientExpectedRevision = (expected: bigint | string | undefined): ExpectedRevision => {
  if (expected === undefined) return 'any';
  if (typeof expected === 'string') {
    return expected === 'no_stream' || expected === 'stream_exists' ? expected : 'any';
  }
  if (expected === -1n) return 'no_stream';
  if (expected === -4n) return 'stream_exists';
  if (expected < 0n) return 'any';
  return Number(expected);
};
