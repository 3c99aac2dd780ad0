import { StoreError } from '../errors.js';
import type { JsonObject, RecordedEvent } from '../port.js';
import type { EventRow } from './statements.js';

const parse = (text: string, position: number, column: 'data' | 'metadata'): JsonObject => {
  try {
    return JSON.parse(text) as JsonObject;
  } catch (e) {
    throw new StoreError('STORE_CORRUPT', `The ${column} of the event at position ${position} is not valid JSON`, {
      cause: e,
    });
  }
};

/** A stored row as the port's event. Data and metadata are parsed afresh per read, so no copy needs guarding. */
export const toRecordedEvent = ([position, id, stream, revision, type, data, metadata]: EventRow): RecordedEvent => ({
  id,
  type,
  streamName: stream,
  revision,
  position,
  data: parse(data, position, 'data'),
  metadata: parse(metadata, position, 'metadata'),
});
