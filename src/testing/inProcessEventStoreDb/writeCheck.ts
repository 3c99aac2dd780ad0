import type { ExpectedState } from './expectedState.js';

/** Where an event id was committed: the idempotency index. */
export interface CommittedEventInfo {
  readonly streamName: string;
  readonly revision: number;
}

export interface WriteCheckInput {
  readonly streamName: string;
  /** Revision of the stream's last event, -1 when it has none. */
  readonly currentRevision: number;
  readonly tombstoned: boolean;
  /** The stream's metadata says `$tb` = deleted (soft delete). */
  readonly softDeleted: boolean;
  readonly metastreamExists: boolean;
  readonly expected: ExpectedState;
  readonly eventIds: readonly string[];
  readonly committed: (eventId: string) => CommittedEventInfo | undefined;
  /** Id of the event at a revision of this stream, if any. */
  readonly idAt: (revision: number) => string | undefined;
}

export type WriteDecision =
  | { readonly kind: 'ok'; readonly softUndelete: boolean }
  | { readonly kind: 'idempotent'; readonly lastRevision: number }
  | { readonly kind: 'wrong_expected_version' }
  | { readonly kind: 'deleted' };

const ok = (softUndelete: boolean): WriteDecision => ({ kind: 'ok', softUndelete });
const wrong: WriteDecision = { kind: 'wrong_expected_version' };
const deleted: WriteDecision = { kind: 'deleted' };

/**
 * Decides a write the way EventStoreDB's commit check does:
 * - a tombstoned stream refuses everything;
 * - `stream_exists` on a soft-deleted stream is refused as deleted;
 * - `any` / `stream_exists`: if the first event id was already committed to
 *   this stream, the whole batch must be that earlier write (idempotent
 *   success) or it is a conflict; otherwise the write goes ahead;
 * - `no_stream` / an exact revision behind the stream: the batch must match the
 *   events that follow that revision id for id (idempotent), except that a
 *   soft-deleted stream may be recreated with `no_stream`;
 * - an exact revision ahead of the stream is a conflict; equal goes ahead.
 * A write that goes ahead on a soft-deleted stream undeletes it.
 */
export const checkWrite = (input: WriteCheckInput): WriteDecision => {
  const { currentRevision: current, expected, eventIds, streamName } = input;
  if (input.tombstoned) return deleted;

  if (expected.kind === 'stream_exists') {
    if (input.softDeleted) return deleted;
    if (current < 0 && !input.metastreamExists) return wrong;
  }

  if (expected.kind === 'any' || expected.kind === 'stream_exists') {
    let lastRevision = -1;
    for (let i = 0; i < eventIds.length; i++) {
      const info = input.committed(eventIds[i]!);
      if (info === undefined || info.streamName !== streamName) {
        return i === 0 ? ok(input.softDeleted) : wrong;
      }
      lastRevision = info.revision;
    }
    return eventIds.length === 0 ? ok(false) : { kind: 'idempotent', lastRevision };
  }

  const expectedRevision = expected.kind === 'no_stream' ? -1n : expected.revision;
  if (expectedRevision < BigInt(current)) {
    let revision = Number(expectedRevision);
    for (let i = 0; i < eventIds.length; i++) {
      revision += 1;
      if (input.idAt(revision) === eventIds[i]) continue;
      if (i > 0) return wrong;
      return expected.kind === 'no_stream' && input.softDeleted ? ok(true) : wrong;
    }
    return eventIds.length === 0 ? wrong : { kind: 'idempotent', lastRevision: revision };
  }
  if (expectedRevision > BigInt(current)) return wrong;
  return ok(input.softDeleted);
};
