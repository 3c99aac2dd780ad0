import { describe, expect, it } from 'vitest';
import { verifyRecords } from '../../src/audit/chain.js';
import { sealEvent } from '../../src/events/integrity.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { manualSuccess } from '../support/eventFixtures.js';
import { recordsOf, renumbered, withData, withMetadata } from './support.js';

const original = recordsOf(manualSuccess());
const stream = original[0]!.streamName;
const at = (i: number): RecordedEvent => original[i]!;

/** A forged event that chains correctly onto `previous` (whoever forged it knew the hash scheme). */
const forgedAfter = (previous: RecordedEvent): RecordedEvent => {
  const data = { summary: 'Sneaked in an unreviewed change', changes: [] };
  const base = { ...previous.metadata };
  delete base['hash'];
  delete base['previousHash'];
  const metadata = sealEvent('ChangeRevised', data, base, previous.metadata['hash'] as string);
  return { ...previous, id: 'forged', type: 'ChangeRevised', data, metadata };
};

describe('hash chain verification of one stream', () => {
  it('given an untouched stream, when verified, then it is ok and reports its head', () => {
    const v = verifyRecords(stream, original);
    expect(v).toEqual({
      streamName: stream,
      ok: true,
      eventsChecked: 23,
      head: { revision: 22, position: 22, hash: at(22).metadata['hash'] },
    });
  });

  it('given an event whose data was edited, then hash_mismatch names it as altered', () => {
    const tampered = original.map((r, i) => (i === 7 ? withData(r, { ...r.data, overallRisk: 'low' }) : r));
    const v = verifyRecords(stream, tampered);
    expect(v.ok).toBe(false);
    expect(v.eventsChecked).toBe(8);
    expect(v.head?.revision).toBe(6);
    expect(v.finding).toMatchObject({
      kind: 'hash_mismatch',
      diagnosis: 'altered',
      revision: 7,
      position: 7,
      eventId: at(7).id,
      eventType: at(7).type,
      detectedAtRevision: 7,
      actual: at(7).metadata['hash'],
    });
  });

  it('given an edited actor in the metadata, then the hash no longer matches', () => {
    const tampered = original.map((r, i) => (i === 3 ? withMetadata(r, { ...r.metadata, actor: { id: 'Mallory', role: 'change_manager' } }) : r));
    expect(verifyRecords(stream, tampered).finding).toMatchObject({ kind: 'hash_mismatch', diagnosis: 'altered', revision: 3 });
  });

  it('given an edited event whose own hash was recomputed, then the next event no longer links to it', () => {
    const edited = at(5);
    const data = { ...edited.data, note: 'rewritten' };
    const metadata = sealEvent(edited.type, data, edited.metadata, edited.metadata['previousHash'] as string);
    const tampered = original.map((r, i) => (i === 5 ? { ...r, data, metadata } : r));
    expect(verifyRecords(stream, tampered).finding).toMatchObject({
      kind: 'broken_link',
      diagnosis: 'removed',
      revision: 6,
      detectedAtRevision: 6,
      expected: metadata.hash,
      actual: edited.metadata['hash'],
    });
  });

  it('given an event removed and the rest renumbered, then broken_link names the event after the gap as a removal', () => {
    const tampered = renumbered(original.filter((_, i) => i !== 10));
    expect(verifyRecords(stream, tampered).finding).toMatchObject({
      kind: 'broken_link',
      diagnosis: 'removed',
      revision: 10,
      eventId: at(11).id,
      expected: at(9).metadata['hash'],
      actual: at(10).metadata['hash'],
    });
  });

  it('given the first event removed, then the new first event links to a predecessor', () => {
    const tampered = renumbered(original.slice(1));
    expect(verifyRecords(stream, tampered).finding).toMatchObject({ kind: 'broken_link', diagnosis: 'removed', revision: 0, eventId: at(1).id, expected: null });
  });

  it('given an event removed where revisions are kept as stored, then revision_gap reports a removal', () => {
    const tampered = original.filter((_, i) => i !== 4);
    expect(verifyRecords(stream, tampered).finding).toMatchObject({
      kind: 'revision_gap',
      diagnosis: 'removed',
      revision: 5,
      expected: 4,
      actual: 5,
    });
  });

  it('given a forged event chained onto its predecessor, then the insertion is named, not the event after it', () => {
    const tampered = renumbered([...original.slice(0, 12), forgedAfter(at(11)), ...original.slice(12)]);
    expect(verifyRecords(stream, tampered).finding).toMatchObject({
      kind: 'broken_link',
      diagnosis: 'inserted',
      revision: 12,
      eventId: 'forged',
      detectedAtRevision: 13,
    });
  });

  it('given a forged event with a wrong hash, then hash_mismatch calls it an insertion because the chain runs around it', () => {
    const forged = { ...forgedAfter(at(11)), metadata: { ...forgedAfter(at(11)).metadata, hash: 'f'.repeat(64) } };
    const tampered = renumbered([...original.slice(0, 12), forged, ...original.slice(12)]);
    expect(verifyRecords(stream, tampered).finding).toMatchObject({ kind: 'hash_mismatch', diagnosis: 'inserted', revision: 12, eventId: 'forged' });
  });

  it('given a forged event linking nowhere, then the look-ahead still sees it was inserted', () => {
    const forged = forgedAfter(at(11));
    const relinked = sealEvent(forged.type, forged.data, forged.metadata, 'a'.repeat(64));
    const tampered = renumbered([...original.slice(0, 12), { ...forged, metadata: relinked }, ...original.slice(12)]);
    expect(verifyRecords(stream, tampered).finding).toMatchObject({ kind: 'broken_link', diagnosis: 'inserted', revision: 12, detectedAtRevision: 12 });
  });

  it('given two events swapped and renumbered, then the first out-of-place event is named as reordered', () => {
    const swapped = [...original];
    [swapped[8], swapped[9]] = [at(9), at(8)];
    expect(verifyRecords(stream, renumbered(swapped)).finding).toMatchObject({
      kind: 'broken_link',
      diagnosis: 'reordered',
      revision: 8,
      eventId: at(9).id,
    });
  });

  it('given two events swapped with their stored revisions, then revision_gap reports a reordering', () => {
    const swapped = [...original];
    [swapped[8], swapped[9]] = [at(9), at(8)];
    expect(verifyRecords(stream, swapped).finding).toMatchObject({ kind: 'revision_gap', diagnosis: 'reordered', revision: 9, expected: 8 });
  });

  it('given positions that run backwards within the stream, then position_order reports a reordering', () => {
    const tampered = original.map((r, i) => (i === 6 ? { ...r, position: 2 } : r));
    expect(verifyRecords(stream, tampered).finding).toMatchObject({ kind: 'position_order', diagnosis: 'reordered', revision: 6, expected: 5, actual: 2 });
  });

  it('given an event stripped of its hash, then malformed_metadata names it', () => {
    const tampered = original.map((r, i) => {
      if (i !== 2) return r;
      const metadata = { ...r.metadata };
      delete metadata['hash'];
      return withMetadata(r, metadata);
    });
    expect(verifyRecords(stream, tampered).finding).toMatchObject({ kind: 'malformed_metadata', diagnosis: 'altered', revision: 2 });
  });

  it('given an anchor kept from an earlier verification, when the tail was cut off, then truncated names the missing revision', () => {
    const head = verifyRecords(stream, original).head!;
    const v = verifyRecords(stream, original.slice(0, 20), { anchor: head });
    expect(v.ok).toBe(false);
    expect(v.finding).toMatchObject({ kind: 'truncated', diagnosis: 'removed', revision: 22, eventId: null, detectedAtRevision: 19 });
  });

  it('given an anchor, when the whole chain was rewritten consistently, then the anchor exposes it', () => {
    const head = verifyRecords(stream, original).head!;
    let previous: string | null = null;
    const rewritten = original.map((r, i) => {
      const data = i === 1 ? { ...r.data, number: 'CR-2025-999' } : r.data;
      const metadata = sealEvent(r.type, data, r.metadata, previous);
      previous = metadata.hash;
      return { ...r, data, metadata };
    });
    expect(verifyRecords(stream, rewritten).ok).toBe(true);
    expect(verifyRecords(stream, rewritten, { anchor: head }).finding).toMatchObject({ kind: 'hash_mismatch', diagnosis: 'altered', revision: 22 });
  });

  it('given an anchor, when nothing changed, then the stream is still ok', () => {
    const head = verifyRecords(stream, original).head!;
    expect(verifyRecords(stream, original, { anchor: head }).ok).toBe(true);
  });
});
