import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { decodeRecordedEvent, type StoredEvent } from '../events/serialization.js';
import { allocatedChangeRequestId } from '../events/numberAllocations.js';
import { changeRequestIdOfStream, changeRequestStream, parseChangeRequestNumber } from '../events/streams.js';
import { ChangeRequestId } from '../events/values.js';
import type { EventStore, RecordedEvent } from '../store/port.js';
import { auditError, fromStoreFailure, type AuditError } from './errors.js';
import { allPages, readWholeStream } from './read.js';

/** A CR as the audit reads it: its number (`CR-2025-001`), its id, or its stream name (`change_request-<id>`). */
export type ChangeRequestRef = string;

/** One CR's stream as stored, and its events decoded against the catalogue. */
export interface LoadedChangeRequest {
  readonly changeRequestId: string;
  readonly streamName: string;
  readonly records: readonly RecordedEvent[];
  readonly events: readonly StoredEvent[];
}

/** Decodes every record of a stream; the first unreadable one fails the whole read. */
export const decodeAll = (records: readonly RecordedEvent[]): Either<AuditError, StoredEvent[]> => {
  const events: StoredEvent[] = [];
  for (const record of records) {
    const decoded = decodeRecordedEvent(record);
    if (E.isLeft(decoded)) {
      const e = decoded.left;
      return E.left(
        auditError('EVENT_UNREADABLE', `${e.streamName}@${e.revision}: ${e.message}`, {
          streamName: e.streamName,
          revision: e.revision,
        }),
      );
    }
    events.push(decoded.right);
  }
  return E.right(events);
};

const stringField = (record: RecordedEvent, key: string): string | undefined => {
  const value = record.data[key];
  return typeof value === 'string' ? value : undefined;
};

/** Finds the stream a CR number was allocated to: the counter stream first, then the submissions in the log. */
const streamOfNumber = async (store: EventStore, number: string): Promise<string | undefined> => {
  const id = await allocatedChangeRequestId(store, number);
  if (id !== undefined) return changeRequestStream(id);
  // A store holding only exported CR streams has no counters: the submission itself carries the number.
  for await (const page of allPages(store, { filter: { by: 'eventType', types: ['ChangeRequestSubmitted', 'EmergencyDeclared'] } })) {
    const hit = page.find((r) => stringField(r, 'number') === number && changeRequestIdOfStream(r.streamName) !== undefined);
    if (hit !== undefined) return hit.streamName;
  }
  return undefined;
};

const isNumber = (ref: string): boolean => parseChangeRequestNumber(ref) !== undefined;

/** Resolves a reference to the CR's stream name, without reading the stream itself. */
export const resolveStreamName = (store: EventStore, ref: ChangeRequestRef): TaskEither<AuditError, string> => {
  if (changeRequestIdOfStream(ref) !== undefined) return TE.right(ref);
  if (isNumber(ref)) {
    return pipe(
      TE.tryCatch(() => streamOfNumber(store, ref), (e) => fromStoreFailure(e)),
      TE.chain((stream) =>
        stream === undefined ? TE.left(auditError('CHANGE_REQUEST_NOT_FOUND', `No change request numbered ${ref}`)) : TE.right(stream),
      ),
    );
  }
  if (ChangeRequestId.safeParse(ref).success) return TE.right(changeRequestStream(ref));
  return TE.left(auditError('INVALID_REFERENCE', `"${ref}" is not a CR number, id or stream name`));
};

/** Reads and decodes one CR's whole stream. */
export const loadChangeRequest = (store: EventStore, ref: ChangeRequestRef): TaskEither<AuditError, LoadedChangeRequest> =>
  pipe(
    resolveStreamName(store, ref),
    TE.chain((streamName) =>
      pipe(
        TE.tryCatch(() => readWholeStream(store, streamName), (e) => fromStoreFailure(e, streamName)),
        TE.chain((records) =>
          records.length === 0
            ? TE.left(auditError('CHANGE_REQUEST_NOT_FOUND', `No events in ${streamName}`, { streamName }))
            : pipe(
                TE.fromEither(decodeAll(records)),
                TE.map((events) => ({
                  changeRequestId: changeRequestIdOfStream(streamName) ?? streamName,
                  streamName,
                  records,
                  events,
                })),
              ),
        ),
      ),
    ),
  );
