import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import type { EventToAppend, JsonObject, RecordedEvent } from '../store/port.js';
import { eventDataSchemas, eventTypes, isEventType, type DomainEvent, type EventType } from './catalogue.js';
import { EventMetadata } from './metadata.js';
import { compilePrecheck } from './precheck.js';
import { schemaVersionOf, upcast, UpcastError } from './upcasting.js';

/** A domain event as read back from a store: typed data, validated metadata, and its place in the store. */
export type StoredEvent = DomainEvent & {
  readonly id: string;
  readonly streamName: string;
  readonly revision: number;
  readonly position: number;
  readonly metadata: EventMetadata;
};

export interface EventDecodeError {
  readonly code: 'EVENT_DECODE_FAILED' | 'EVENT_SCHEMA_UNSUPPORTED' | 'UNKNOWN_EVENT_TYPE';
  readonly message: string;
  readonly streamName: string;
  readonly revision: number;
  readonly path?: string;
}

/** Builds the store's append shape; metadata must already be sealed (hash chain). */
export const toEventToAppend = (id: string, event: DomainEvent, metadata: EventMetadata): EventToAppend => ({
  id,
  type: event.type,
  data: event.data as unknown as JsonObject,
  metadata: metadata as unknown as JsonObject,
});

const metadataIsCanonical = compilePrecheck(EventMetadata);
const dataIsCanonical = Object.fromEntries(eventTypes.map((type) => [type, compilePrecheck(eventDataSchemas[type])])) as {
  readonly [K in EventType]: (value: unknown) => boolean;
};

/**
 * Validates a recorded event against the catalogue, upcasting older schema
 * versions first. An event that is valid and already in the exact shape the
 * schemas produce (as every event this library wrote is) is returned as it
 * is, without a copy; any other goes through zod, which then decides.
 */
export const decodeRecordedEvent = (recorded: RecordedEvent): Either<EventDecodeError, StoredEvent> => {
  const type = recorded.type;
  if (
    isEventType(type) &&
    metadataIsCanonical(recorded.metadata) &&
    recorded.metadata['schemaVersion'] === schemaVersionOf(type) &&
    dataIsCanonical[type](recorded.data)
  ) {
    return E.right(recorded as unknown as StoredEvent);
  }
  return parseRecordedEvent(recorded);
};

/** The full path: zod parses (and copies) metadata and data, after any upcast. */
const parseRecordedEvent = (recorded: RecordedEvent): Either<EventDecodeError, StoredEvent> => {
  const where = { streamName: recorded.streamName, revision: recorded.revision };
  if (!isEventType(recorded.type)) {
    return E.left({ code: 'UNKNOWN_EVENT_TYPE', message: `Unknown event type ${recorded.type}`, ...where });
  }
  const meta = EventMetadata.safeParse(recorded.metadata);
  if (!meta.success) {
    const issue = meta.error.issues[0];
    return E.left({
      code: 'EVENT_DECODE_FAILED',
      message: `Invalid metadata on ${recorded.type}: ${issue?.message ?? 'invalid'}`,
      path: issue?.path.join('.'),
      ...where,
    });
  }
  let raw: { readonly [key: string]: unknown };
  try {
    raw = upcast(recorded.type, meta.data.schemaVersion, recorded.data);
  } catch (e) {
    if (e instanceof UpcastError) return E.left({ code: e.code, message: e.message, ...where });
    throw e;
  }
  const data = eventDataSchemas[recorded.type].safeParse(raw);
  if (!data.success) {
    const issue = data.error.issues[0];
    return E.left({
      code: 'EVENT_DECODE_FAILED',
      message: `Invalid data on ${recorded.type}: ${issue?.message ?? 'invalid'}`,
      path: issue?.path.join('.'),
      ...where,
    });
  }
  return E.right({
    type: recorded.type,
    data: data.data,
    id: recorded.id,
    streamName: recorded.streamName,
    revision: recorded.revision,
    position: recorded.position,
    metadata: meta.data,
  } as StoredEvent);
};
