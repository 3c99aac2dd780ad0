import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { evolveAll } from '../domain/evolve.js';
import { initialState, type ChangeRequestState } from '../domain/state.js';
import type { StoredEvent } from '../events/serialization.js';
import type { EventStore } from '../store/port.js';
import { auditError, type AuditError } from './errors.js';
import { loadChangeRequest, type ChangeRequestRef, type LoadedChangeRequest } from './source.js';

/** A past point of a CR's history: a stream revision, or an instant (ISO-8601 string or Date). */
export type PointInHistory = { readonly revision: number } | { readonly at: string | Date };

export interface HistoricalState {
  readonly state: ChangeRequestState;
  /** The last event folded in; absent when the point precedes the CR's first event. */
  readonly asOfEvent?: { readonly revision: number; readonly position: number; readonly occurredAt: string };
}

export const parseInstant = (at: string | Date): number | undefined => {
  const ms = at instanceof Date ? at.getTime() : /(?:[zZ]|[+-]\d{2}:?\d{2})$/.test(at) ? Date.parse(at) : Number.NaN;
  return Number.isNaN(ms) ? undefined : ms;
};

/**
 * How many leading events of the stream belong to the point. For an instant
 * it is the longest prefix whose events all occurred at or before it: a
 * state is always a prefix of the history, even if clocks went backwards.
 */
const prefixLength = (loaded: LoadedChangeRequest, point: PointInHistory): Either<AuditError, number> => {
  const events = loaded.events;
  if ('revision' in point) {
    const last = events.length - 1;
    if (!Number.isInteger(point.revision) || point.revision < 0 || point.revision > last) {
      return E.left(
        auditError('REVISION_OUT_OF_RANGE', `${loaded.streamName} has revisions 0 to ${last}, not ${point.revision}`, {
          streamName: loaded.streamName,
          revision: point.revision,
        }),
      );
    }
    return E.right(point.revision + 1);
  }
  const t = parseInstant(point.at);
  if (t === undefined) return E.left(auditError('INVALID_INSTANT', `"${String(point.at)}" is not an instant with a time zone`));
  let n = 0;
  while (n < events.length && Date.parse((events[n] as StoredEvent).metadata.occurredAt) <= t) n += 1;
  return E.right(n);
};

/** The CR's state at a past point, by folding the events up to it (pure). */
export const stateAtPoint = (loaded: LoadedChangeRequest, point: PointInHistory): Either<AuditError, HistoricalState> =>
  pipe(
    prefixLength(loaded, point),
    E.map((n) => {
      const prefix = loaded.events.slice(0, n);
      const last = prefix[prefix.length - 1];
      return {
        state: evolveAll(initialState(loaded.changeRequestId), prefix),
        ...(last === undefined
          ? {}
          : { asOfEvent: { revision: last.revision, position: last.position, occurredAt: last.metadata.occurredAt } }),
      };
    }),
  );

/** Reads a CR and returns its state at a past revision or instant. */
export const changeRequestStateAt = (
  store: EventStore,
  ref: ChangeRequestRef,
  point: PointInHistory,
): TaskEither<AuditError, HistoricalState> =>
  pipe(
    loadChangeRequest(store, ref),
    TE.chain((loaded) => TE.fromEither(stateAtPoint(loaded, point))),
  );
