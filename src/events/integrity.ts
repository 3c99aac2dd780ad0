import { createHash } from 'node:crypto';

/**
 * Tamper evidence. Every stored event's metadata carries `previousHash` (the
 * hash of the previous event of the same stream, or null for the first) and
 * `hash`: SHA-256 over the canonical serialisation of the event's type, data
 * and metadata without `hash` itself. Hashes are computed once, where events
 * are created, never on the store's hot path.
 */

type Canonical = null | boolean | number | string | readonly Canonical[] | { readonly [k: string]: Canonical };

/** JSON with object keys sorted, so equal values always serialise alike. */
export const canonicalJson = (value: unknown): string => JSON.stringify(sortKeys(value as Canonical));

const sortKeys = (value: Canonical): Canonical => {
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(sortKeys);
  const record = value as { readonly [k: string]: Canonical };
  const sorted: { [k: string]: Canonical } = {};
  for (const key of Object.keys(record).sort()) {
    const v = record[key];
    if (v !== undefined) sorted[key] = sortKeys(v);
  }
  return sorted;
};

export interface HashableEvent {
  readonly type: string;
  readonly data: unknown;
  readonly metadata: { readonly [key: string]: unknown };
}

/** The hash of an event: over type, data and metadata minus its own `hash` field. */
export const computeEventHash = (event: HashableEvent): string => {
  const { hash: _ignored, ...metadata } = event.metadata;
  return createHash('sha256').update(canonicalJson({ type: event.type, data: event.data, metadata })).digest('hex');
};

/** Returns the metadata with `previousHash` set and `hash` computed over the result. */
export const sealEvent = <M extends { readonly [key: string]: unknown }>(
  type: string,
  data: unknown,
  metadata: M,
  previousHash: string | null,
): M & { readonly previousHash: string | null; readonly hash: string } => {
  const withPrevious = { ...metadata, previousHash };
  const hash = computeEventHash({ type, data, metadata: withPrevious });
  return { ...withPrevious, hash };
};
