import type { ResolvedEvent } from '@eventstore/db-client';
import { StoreError } from '../errors.js';
import type { JsonObject, RecordedEvent } from '../port.js';
import { fromServerEvent } from './eventIds.js';

/** Position reported by servers that do not know an event's log position (before 22.6 on stream reads). */
const NO_POSITION = 2n ** 64n - 1n;

/** System events: in `$`-prefixed streams (metadata, epochs, stats, projections) or of `$`-prefixed types (tombstones, links). */
export const isSystemEvent = (streamName: string, type: string): boolean => streamName.startsWith('$') || type.startsWith('$');

const isJsonObject = (value: unknown): value is JsonObject =>
  typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);

/** The commit position of a resolved event (the global position), or undefined when the server sent none. */
export const commitPositionOf = (resolved: ResolvedEvent): bigint | undefined => {
  const commit = resolved.event?.position?.commit ?? resolved.commitPosition;
  return commit === undefined || commit >= NO_POSITION ? undefined : commit;
};

/** The global position of a resolved event; STORE_VERSION_UNSUPPORTED from a server too old to send it. */
export const positionOf = (resolved: ResolvedEvent): number => {
  const position = commitPositionOf(resolved);
  if (position === undefined) {
    throw new StoreError(
      'STORE_VERSION_UNSUPPORTED',
      'EventStoreDB sent no log position with the event: server 22.6 or later is required',
    );
  }
  return Number(position);
};

/**
 * Converts what the client read into our recorded event. Data must be a JSON
 * object (events this library wrote always are); anything else was written
 * by some other program and is reported, not guessed at.
 */
export const toRecordedEvent = (resolved: ResolvedEvent): RecordedEvent => {
  const event = resolved.event;
  if (event === undefined) throw new StoreError('STORE_CORRUPT', 'EventStoreDB returned a link to a missing event');
  const position = positionOf(resolved);
  if (!event.isJson || !isJsonObject(event.data)) {
    throw new StoreError('STORE_CORRUPT', `Event ${event.id} in ${event.streamId} is not a JSON object`);
  }
  const metadata = event.metadata;
  if (metadata !== undefined && !isJsonObject(metadata)) {
    throw new StoreError('STORE_CORRUPT', `Event ${event.id} in ${event.streamId} has metadata that is not a JSON object`);
  }
  const ours = fromServerEvent(event.id, metadata ?? {});
  return Object.freeze({
    id: ours.id,
    type: event.type,
    streamName: event.streamId,
    revision: Number(event.revision),
    position,
    data: event.data,
    metadata: ours.metadata,
  });
};
