import { StoreError } from '../errors.js';
import type { JsonObject, RecordedEvent } from '../port.js';
import type { EventRow } from './statements.js';

const parse = (row: EventRow, column: 'data' | 'metadata'): JsonObject => {
  try {
    return JSON.parse(row[column]) as JsonObject;
  } catch (e) {
    throw new StoreError('STORE_CORRUPT', `The ${column} of the event at position ${row.position} is not valid JSON`, {
      cause: e,
    });
  }
};

/** A stored row as the port's event. Data and metadata are parsed afresh per read, so no copy needs guarding. */
export const toRecordedEvent = (row: EventRow): RecordedEvent => ({
  id: row.id,
  type: row.type,
  streamName: row.stream,
  revision: row.revision,
  position: row.position,
  data: parse(row, 'data'),
  metadata: parse(row, 'metadata'),
});
