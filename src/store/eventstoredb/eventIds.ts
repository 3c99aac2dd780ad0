import { createHash } from 'node:crypto';
import type { JsonObject } from '../port.js';

/**
 * Event ids. EventStoreDB event ids are UUIDs, and they are what makes a
 * retried append idempotent, so ours are used as they are whenever they are
 * canonical (lower-case) UUIDs. Any other id (the port allows any non-empty
 * string) is mapped to a name-based UUID derived from it (the same id always
 * gives the same UUID, so retries stay idempotent), and the id itself travels
 * in the event's metadata under ORIGINAL_ID_KEY, removed again on reading.
 */
export const ORIGINAL_ID_KEY = '$maturion.eventId';

const CANONICAL_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** Namespace of the derived UUIDs (fixed: changing it would break idempotency across versions). */
const NAMESPACE = Buffer.from('6f1c0a52d8e94a7b9c3e5d2b7a41c9e0', 'hex');

/** A version-5 (SHA-1, name-based) UUID, as RFC 9562 defines it. */
const nameBasedUuid = (name: string): string => {
  const hash = createHash('sha1').update(NAMESPACE).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
};

/** The server-side id of an event and the metadata to store with it. */
export const toServerEvent = (id: string, metadata: JsonObject): { readonly uuid: string; readonly metadata: JsonObject } =>
  CANONICAL_UUID.test(id) ? { uuid: id, metadata } : { uuid: nameBasedUuid(id), metadata: { ...metadata, [ORIGINAL_ID_KEY]: id } };

/** Our id of a stored event, and its metadata without the key this adapter added. */
export const fromServerEvent = (uuid: string, metadata: JsonObject): { readonly id: string; readonly metadata: JsonObject } => {
  const original = metadata[ORIGINAL_ID_KEY];
  if (typeof original !== 'string') return { id: uuid, metadata };
  const { [ORIGINAL_ID_KEY]: _removed, ...rest } = metadata;
  return { id: original, metadata: rest };
};
