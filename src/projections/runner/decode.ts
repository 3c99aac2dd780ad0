import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { isEventType } from '../../events/catalogue.js';
import { decodeRecordedEvent, type EventDecodeError, type StoredEvent } from '../../events/serialization.js';
import { schemaVersionOf } from '../../events/upcasting.js';
import type { RecordedEvent } from '../../store/port.js';

/**
 * How a runner reads events:
 * - `validate` (default): every event is checked against the catalogue's
 *   schemas (and upcast), as everywhere else in the library;
 * - `trusted`: events already at their current schema version are taken as
 *   stored, with only their type and envelope shape checked; older or
 *   unknown versions are still upcast and validated. For stores whose
 *   events this process's command pipeline created, such as the in-memory
 *   store, where checking every field again protects against nothing. In a
 *   large in-memory store that check is mostly waiting on memory (every
 *   event's envelope is read in full), so it roughly halves the rebuild.
 */
export type DecodeMode = 'validate' | 'trusted';

/** What the projections read of the envelope; a stored event failing this goes through full validation. */
const envelopeLooksRight = (m: { readonly [key: string]: unknown }): boolean =>
  typeof m['occurredAt'] === 'string' && typeof m['actor'] === 'object' && m['actor'] !== null;

export const trustedDecode = (recorded: RecordedEvent): Either<EventDecodeError, StoredEvent> => {
  const { type, metadata } = recorded;
  if (!isEventType(type) || metadata['schemaVersion'] !== schemaVersionOf(type) || !envelopeLooksRight(metadata)) {
    return decodeRecordedEvent(recorded);
  }
  // A stored event has exactly the fields of a StoredEvent: no copy needed.
  return E.right(recorded as unknown as StoredEvent);
};

export const decoderFor = (mode: DecodeMode): ((recorded: RecordedEvent) => Either<EventDecodeError, StoredEvent>) =>
  mode === 'trusted' ? trustedDecode : decodeRecordedEvent;
