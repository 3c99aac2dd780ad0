/**
 * What integrity verification can find wrong with a stream.
 *
 * `kind` names the check that failed (a fact); `diagnosis` is what that
 * most likely means (an inference from the rest of the chain). A hash chain
 * cannot tell a replaced event from a removal followed by an insertion, and
 * cannot see events cut off the end of a stream unless the caller kept the
 * stream's head hash (an anchor) from an earlier verification.
 */
export type FindingKind =
  /** The event has no well-formed `hash` / `previousHash` in its metadata. */
  | 'malformed_metadata'
  /** The recomputed hash differs from the stored one: the event's type, data or metadata changed. */
  | 'hash_mismatch'
  /** `previousHash` is not the hash of the stream's previous event. */
  | 'broken_link'
  /** Stream revisions do not run 0, 1, 2, ... */
  | 'revision_gap'
  /** Global positions do not grow with revisions (or along the global log). */
  | 'position_order'
  /** The stream ends before the anchor the caller kept. */
  | 'truncated';

export type Diagnosis = 'altered' | 'removed' | 'inserted' | 'reordered';

export interface IntegrityFinding {
  readonly kind: FindingKind;
  readonly diagnosis: Diagnosis;
  readonly streamName: string;
  /** The event the finding names: the altered, inserted or out-of-place one, or the first after a removal. */
  readonly revision: number;
  readonly position: number;
  /** Null only for `truncated`, where the named event is the one missing. */
  readonly eventId: string | null;
  readonly eventType: string | null;
  /** Where the chain first failed to check out (differs from `revision` when an insertion is seen one event late). */
  readonly detectedAtRevision: number;
  readonly message: string;
  readonly expected?: string | number | null;
  readonly actual?: string | number | null;
}

/** The last event of a verified stream: keep it to detect later truncation. */
export interface ChainHead {
  readonly revision: number;
  readonly position: number;
  readonly hash: string;
}
