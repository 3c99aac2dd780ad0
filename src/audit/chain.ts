import { computeEventHash } from '../events/integrity.js';
import type { RecordedEvent } from '../store/port.js';
import type { ChainHead, Diagnosis, FindingKind, IntegrityFinding } from './findings.js';

/**
 * Pure hash-chain verification of one stream's records, in revision order.
 * `checkNext` is the streaming step (constant memory, used by import and by
 * the store-wide pass); `verifyRecords` runs it over a whole stream and, at
 * the first failure, looks at the rest of the chain to tell an alteration
 * from a removal, an insertion or a reordering.
 */

const sha256Hex = /^[0-9a-f]{64}$/;

interface ChainFields {
  readonly hash: string;
  readonly previousHash: string | null;
}

export const chainFieldsOf = (record: Pick<RecordedEvent, 'metadata'>): ChainFields | undefined => {
  const { hash, previousHash } = record.metadata;
  if (typeof hash !== 'string' || !sha256Hex.test(hash)) return undefined;
  if (previousHash !== null && (typeof previousHash !== 'string' || !sha256Hex.test(previousHash))) return undefined;
  return { hash, previousHash };
};

/** True when the record carries chain fields at all (well-formed or not). */
export const carriesChain = (record: Pick<RecordedEvent, 'metadata'>): boolean =>
  Object.hasOwn(record.metadata, 'hash') || Object.hasOwn(record.metadata, 'previousHash');

export type StepResult =
  | { readonly ok: true; readonly head: ChainHead }
  | {
      readonly ok: false;
      readonly kind: FindingKind;
      readonly message: string;
      readonly expected: string | number | null;
      readonly actual: string | number | null;
    };

const fail = (
  kind: FindingKind,
  message: string,
  expected: string | number | null,
  actual: string | number | null,
): StepResult => ({ ok: false, kind, message, expected, actual });

/** Checks one record against the head of its stream so far (undefined before the first event). */
export const checkNext = (previous: ChainHead | undefined, record: RecordedEvent): StepResult => {
  const expectedRevision = previous === undefined ? 0 : previous.revision + 1;
  if (record.revision !== expectedRevision) {
    return fail('revision_gap', `expected revision ${expectedRevision}, found ${record.revision}`, expectedRevision, record.revision);
  }
  if (previous !== undefined && !(record.position > previous.position)) {
    return fail(
      'position_order',
      `global position ${record.position} does not follow ${previous.position} of the previous revision`,
      previous.position,
      record.position,
    );
  }
  const fields = chainFieldsOf(record);
  if (fields === undefined) {
    return fail('malformed_metadata', 'metadata lacks a well-formed hash and previousHash', null, null);
  }
  const recomputed = computeEventHash(record);
  if (recomputed !== fields.hash) {
    return fail('hash_mismatch', 'the recomputed hash differs from the stored hash: the event was changed', recomputed, fields.hash);
  }
  const expectedPrevious = previous === undefined ? null : previous.hash;
  if (fields.previousHash !== expectedPrevious) {
    return fail(
      'broken_link',
      previous === undefined
        ? 'the first event of the stream links to a predecessor'
        : `previousHash is not the hash of revision ${previous.revision}`,
      expectedPrevious,
      fields.previousHash,
    );
  }
  return { ok: true, head: { revision: record.revision, position: record.position, hash: fields.hash } };
};

export interface StreamVerification {
  readonly streamName: string;
  readonly ok: boolean;
  readonly eventsChecked: number;
  /** The last event that checked out (the whole stream's head when ok). */
  readonly head?: ChainHead;
  /** The first thing wrong, if anything is. */
  readonly finding?: IntegrityFinding;
}

export interface VerifyRecordsOptions {
  /** A head kept from an earlier verification: the stream must still contain it, unchanged. */
  readonly anchor?: ChainHead;
}

/** Verifies one stream's records (revision order as read). */
export const verifyRecords = (
  streamName: string,
  records: readonly RecordedEvent[],
  options: VerifyRecordsOptions = {},
): StreamVerification => {
  let head: ChainHead | undefined;
  for (let i = 0; i < records.length; i++) {
    const record = records[i] as RecordedEvent;
    const step = checkNext(head, record);
    if (!step.ok) {
      const finding = describeFailure(records, i, head, step);
      return { streamName, ok: false, eventsChecked: i + 1, ...(head === undefined ? {} : { head }), finding };
    }
    head = step.head;
  }
  const anchorFinding = options.anchor === undefined ? undefined : checkAnchor(streamName, records, options.anchor);
  return {
    streamName,
    ok: anchorFinding === undefined,
    eventsChecked: records.length,
    ...(head === undefined ? {} : { head }),
    ...(anchorFinding === undefined ? {} : { finding: anchorFinding }),
  };
};

type Failure = Extract<StepResult, { ok: false }>;

const describeFailure = (
  records: readonly RecordedEvent[],
  index: number,
  previous: ChainHead | undefined,
  failure: Failure,
): IntegrityFinding => {
  const at = records[index] as RecordedEvent;
  const { diagnosis, named } = diagnose(records, index, previous, failure);
  const namedRecord = records[named] as RecordedEvent;
  return {
    kind: failure.kind,
    diagnosis,
    streamName: at.streamName,
    revision: namedRecord.revision,
    position: namedRecord.position,
    eventId: namedRecord.id,
    eventType: namedRecord.type,
    detectedAtRevision: at.revision,
    message: `${at.streamName}@${at.revision} (${at.type}): ${failure.message}${explain(diagnosis, namedRecord, at)}`,
    expected: failure.expected,
    actual: failure.actual,
  };
};

const explain = (diagnosis: Diagnosis, named: RecordedEvent, at: RecordedEvent): string => {
  switch (diagnosis) {
    case 'altered':
      return '; the event was altered';
    case 'removed':
      return `; events before revision ${named.revision} are missing (or the previous event was replaced)`;
    case 'inserted':
      return named === at
        ? '; this event was inserted into the chain'
        : `; revision ${named.revision} onwards was inserted before revision ${at.revision}`;
    case 'reordered':
      return '; events are out of order';
  }
};

/** Which tampering explains the failure at `index`, and which record it names. */
const diagnose = (
  records: readonly RecordedEvent[],
  index: number,
  previous: ChainHead | undefined,
  failure: Failure,
): { readonly diagnosis: Diagnosis; readonly named: number } => {
  const expectedPrevious = previous === undefined ? null : previous.hash;
  const linksToExpected = (r: RecordedEvent | undefined): boolean =>
    r !== undefined && chainFieldsOf(r)?.previousHash === expectedPrevious;
  switch (failure.kind) {
    case 'revision_gap': {
      // A skipped revision that turns up later was moved, not removed.
      const skipped = Number(failure.expected);
      const later = records.slice(index + 1).some((r) => r.revision === skipped);
      return { diagnosis: Number(failure.actual) > skipped && !later ? 'removed' : 'reordered', named: index };
    }
    case 'position_order':
      return { diagnosis: 'reordered', named: index };
    case 'malformed_metadata':
    case 'truncated':
      return { diagnosis: 'altered', named: index };
    case 'hash_mismatch':
      // The chain continues around this event as if it were not there: it was slipped in.
      return { diagnosis: linksToExpected(records[index + 1]) ? 'inserted' : 'altered', named: index };
    case 'broken_link': {
      const linkedTo = failure.actual;
      const j = linkedTo === null ? -1 : records.findIndex((r) => chainFieldsOf(r)?.hash === linkedTo);
      if (j > index) return { diagnosis: 'reordered', named: index };
      if (j >= 0 && j < index - 1) return { diagnosis: 'inserted', named: j + 1 };
      for (let m = index + 1; m < records.length; m++) {
        if (linksToExpected(records[m])) return { diagnosis: 'inserted', named: index };
      }
      return { diagnosis: 'removed', named: index };
    }
  }
};

const checkAnchor = (streamName: string, records: readonly RecordedEvent[], anchor: ChainHead): IntegrityFinding | undefined => {
  const kept = records.find((r) => r.revision === anchor.revision);
  if (kept === undefined) {
    const last = records[records.length - 1];
    return {
      kind: 'truncated',
      diagnosis: 'removed',
      streamName,
      revision: anchor.revision,
      position: anchor.position,
      eventId: null,
      eventType: null,
      detectedAtRevision: last?.revision ?? -1,
      message: `${streamName}: ends at revision ${last?.revision ?? 'none'}, before the anchored revision ${anchor.revision}`,
      expected: anchor.revision,
      actual: last?.revision ?? null,
    };
  }
  const hash = chainFieldsOf(kept)?.hash ?? null;
  if (hash === anchor.hash) return undefined;
  return {
    kind: 'hash_mismatch',
    diagnosis: 'altered',
    streamName,
    revision: kept.revision,
    position: kept.position,
    eventId: kept.id,
    eventType: kept.type,
    detectedAtRevision: kept.revision,
    message: `${streamName}@${kept.revision} (${kept.type}): hash differs from the anchor: the chain was rewritten`,
    expected: anchor.hash,
    actual: hash,
  };
};
