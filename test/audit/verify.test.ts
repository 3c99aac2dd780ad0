import { describe, expect, it } from 'vitest';
import { verifyStore, verifyStream } from '../../src/audit/verify.js';
import { runEmergencyChange, runFullLifecycle } from '../../src/demo/index.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { emergency, manualSuccess, rejected, seedStore } from '../support/eventFixtures.js';
import { rawStore, rightOf, storeFactories, useStoreOf, withData } from './support.js';

describe.each(storeFactories)('hash chain verification on the $name store', ({ create }) => {
  const store = useStoreOf(create);

  it('given a CR written by the command pipeline, when its stream is verified, then the chain holds', async () => {
    const state = await runFullLifecycle({ store: store() });
    const v = rightOf(await verifyStream(store(), `change_request-${state.id}`)());
    expect(v.ok).toBe(true);
    expect(v.eventsChecked).toBe(state.revision + 1);
    expect(v.head?.revision).toBe(state.revision);
  });

  it('given pipeline-written CRs (counter streams included), when the whole store is verified, then every chained stream holds', async () => {
    await runFullLifecycle({ store: store() });
    await runEmergencyChange({ store: store() });
    const all = await store().readAll();
    const v = rightOf(await verifyStore(store())());
    expect(v.ok).toBe(true);
    expect(v.findings).toEqual([]);
    // The counter streams carry a chain too, so nothing is skipped.
    expect(v.streamsChecked).toBe(new Set(all.map((e) => e.streamName)).size);
    expect(v.streamsSkipped).toBe(0);
    expect(v.eventsChecked).toBe(all.length);
  });

  it('given seeded lifecycles with unchained counter events, then the counters are skipped and the CRs checked', async () => {
    const seeded = await seedStore(store(), [manualSuccess(), rejected(), emergency()], { numberAllocations: true });
    const v = rightOf(await verifyStore(store())());
    expect(v.ok).toBe(true);
    expect(v.streamsChecked).toBe(3);
    expect(v.streamsSkipped).toBe(1);
    expect(v.eventsChecked).toBe(seeded.events - 3);
    expect([...v.heads.keys()].sort()).toEqual(['change_request-cr_2025_001', 'change_request-cr_2025_004', 'change_request-cr_2025_090']);
  });

  it('given a stream that does not exist, when verified, then it is an ok empty stream', async () => {
    expect(rightOf(await verifyStream(store(), 'change_request-nothing')())).toEqual({
      streamName: 'change_request-nothing',
      ok: true,
      eventsChecked: 0,
    });
  });

  it('given heads kept as anchors, when other CRs are added later, then the anchors still hold', async () => {
    await seedStore(store(), [manualSuccess({ upTo: 'ChangeRequestApproved' })]);
    const first = rightOf(await verifyStore(store())());
    await seedStore(store(), [rejected()]);
    const v = rightOf(await verifyStore(store(), { anchors: first.heads })());
    expect(v.ok).toBe(true);
    expect(v.streamsChecked).toBe(2);
  });

  it('given the store is closed, when verified, then a typed STORE_FAILED error names the store code', async () => {
    await store().close();
    const error = await verifyStore(store())();
    expect(error).toMatchObject({ _tag: 'Left', left: { kind: 'audit', code: 'STORE_FAILED', storeCode: 'STORE_CLOSED' } });
  });
});

describe('hash chain verification of a tampered store', () => {
  const seededRecords = async (): Promise<readonly RecordedEvent[]> => {
    const source = storeFactories[0]!;
    const fixture = await source.create();
    try {
      await seedStore(fixture.store, [manualSuccess(), rejected(), emergency()], { numberAllocations: true });
      return await fixture.store.readAll();
    } finally {
      await fixture.teardown();
    }
  };

  it('given one CR event edited in place, then verifyStore reports exactly that event and the other streams pass', async () => {
    const records = await seededRecords();
    const victim = records.find((r) => r.streamName === 'change_request-cr_2025_004' && r.type === 'ChangeRequestRejected')!;
    const tampered = records.map((r) => (r === victim ? withData(r, { ...r.data, rationale: 'Approved after all' }) : r));
    const v = rightOf(await verifyStore(rawStore(tampered))());
    expect(v.ok).toBe(false);
    expect(v.findings).toHaveLength(1);
    expect(v.findings[0]).toMatchObject({
      kind: 'hash_mismatch',
      diagnosis: 'altered',
      streamName: victim.streamName,
      revision: victim.revision,
      position: victim.position,
      eventId: victim.id,
    });
    expect(v.heads.has('change_request-cr_2025_001')).toBe(true);
    expect(v.heads.has(victim.streamName)).toBe(false);
  });

  it('given events removed from two streams, then each stream reports its first finding, in global order', async () => {
    const records = await seededRecords();
    const inStream = (name: string) => records.filter((r) => r.streamName === name);
    const goneA = inStream('change_request-cr_2025_090')[2]!;
    const goneB = inStream('change_request-cr_2025_001')[15]!;
    const tampered = records.filter((r) => r !== goneA && r !== goneB);
    const v = rightOf(await verifyStore(rawStore(tampered))());
    const expected = [
      { streamName: goneA.streamName, kind: 'revision_gap', diagnosis: 'removed', revision: 3, expected: 2 },
      { streamName: goneB.streamName, kind: 'revision_gap', diagnosis: 'removed', revision: 16, expected: 15 },
    ];
    // Findings come in the global order of the events they name.
    const namedA = inStream(goneA.streamName)[3]!.position;
    const namedB = inStream(goneB.streamName)[16]!.position;
    expect(v.findings).toMatchObject(namedA < namedB ? expected : [...expected].reverse());
  });

  it('given a CR stream stripped of its hashes entirely, then it is not skipped but reported as malformed', async () => {
    const records = await seededRecords();
    const stripped = records.map((r) => {
      if (r.streamName !== 'change_request-cr_2025_004') return r;
      const metadata = { ...r.metadata };
      delete metadata['hash'];
      delete metadata['previousHash'];
      return { ...r, metadata };
    });
    const v = rightOf(await verifyStore(rawStore(stripped))());
    expect(v.findings).toEqual([expect.objectContaining({ kind: 'malformed_metadata', streamName: 'change_request-cr_2025_004', revision: 0 })]);
  });

  it('given an anchor for a stream that has disappeared, then it is reported as truncated', async () => {
    const records = await seededRecords();
    const full = rightOf(await verifyStore(rawStore(records))());
    const without = records.filter((r) => r.streamName !== 'change_request-cr_2025_004');
    const v = rightOf(await verifyStore(rawStore(without), { anchors: full.heads })());
    expect(v.findings).toEqual([
      expect.objectContaining({ kind: 'truncated', streamName: 'change_request-cr_2025_004', revision: full.heads.get('change_request-cr_2025_004')!.revision }),
    ]);
  });
});
