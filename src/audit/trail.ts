import * as TE from 'fp-ts/lib/TaskEither.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import type { EventType } from '../events/catalogue.js';
import type { Actor } from '../events/values.js';
import type { EventStore } from '../store/port.js';
import { verifyRecords, type StreamVerification } from './chain.js';
import type { AuditError } from './errors.js';
import { narrate } from './narration.js';
import { loadChangeRequest, type ChangeRequestRef, type LoadedChangeRequest } from './source.js';

/** One event of a CR's history, for people (what, why) and machines (everything else). */
export interface AuditTrailEntry {
  readonly revision: number;
  readonly position: number;
  readonly eventId: string;
  readonly type: EventType;
  readonly who: Actor;
  readonly when: string;
  readonly what: string;
  readonly why?: string;
  readonly commandType: string;
  readonly commandId?: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly schemaVersion: number;
  readonly hash: string;
  readonly previousHash: string | null;
}

export interface AuditTrail {
  readonly changeRequestId: string;
  readonly streamName: string;
  readonly number?: string;
  readonly title?: string;
  readonly entries: readonly AuditTrailEntry[];
  /** The hash chain of the very records the trail was built from. */
  readonly integrity: StreamVerification;
}

/** Builds the trail of a loaded CR (pure). */
export const buildTrail = (loaded: LoadedChangeRequest): AuditTrail => {
  let number: string | undefined;
  let title: string | undefined;
  const entries = loaded.events.map((event): AuditTrailEntry => {
    if (event.type === 'ChangeRequestSubmitted' || event.type === 'EmergencyDeclared') number = event.data.number;
    if (event.type === 'ChangeRequestDrafted' || event.type === 'EmergencyDeclared') title = event.data.title;
    const m = event.metadata;
    const { what, why } = narrate(event);
    return {
      revision: event.revision,
      position: event.position,
      eventId: event.id,
      type: event.type,
      who: { id: m.actor.id, role: m.actor.role },
      when: m.occurredAt,
      what,
      ...(why === undefined ? {} : { why }),
      commandType: m.commandType,
      ...(m.commandId === undefined ? {} : { commandId: m.commandId }),
      correlationId: m.correlationId,
      causationId: m.causationId,
      schemaVersion: m.schemaVersion,
      hash: m.hash,
      previousHash: m.previousHash,
    };
  });
  return {
    changeRequestId: loaded.changeRequestId,
    streamName: loaded.streamName,
    ...(number === undefined ? {} : { number }),
    ...(title === undefined ? {} : { title }),
    entries,
    integrity: verifyRecords(loaded.streamName, loaded.records),
  };
};

/** Replays one CR's stream into its audit trail. */
export const replayTrail = (store: EventStore, ref: ChangeRequestRef): TaskEither<AuditError, AuditTrail> =>
  pipe(loadChangeRequest(store, ref), TE.map(buildTrail));
