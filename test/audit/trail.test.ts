import { describe, expect, it } from 'vitest';
import { replayTrail } from '../../src/audit/trail.js';
import { renderTrailText } from '../../src/audit/trailText.js';
import { runFullLifecycle } from '../../src/demo/index.js';
import { sealEvent } from '../../src/events/integrity.js';
import { actors, eventsOf, manualSuccess, rejected, seedStore } from '../support/eventFixtures.js';
import { leftOf, rawStore, recordsOf, rightOf, storeFactories, useStoreOf, withData } from './support.js';

describe.each(storeFactories)('audit trail replay on the $name store', ({ create }) => {
  const store = useStoreOf(create);

  it('given a seeded CR, when replayed by number, then every event appears in order with who, when, what and why', async () => {
    const cr = manualSuccess();
    await seedStore(store(), [cr, rejected()], { numberAllocations: true });
    const trail = rightOf(await replayTrail(store(), 'CR-2025-001')());
    const records = await store().readStream(cr.streamName);

    expect(trail).toMatchObject({ changeRequestId: 'cr_2025_001', streamName: cr.streamName, number: 'CR-2025-001', title: 'Add asset_owner field to WRAC assets' });
    expect(trail.entries.map((e) => e.type)).toEqual(eventsOf(cr).map((e) => e.type));
    expect(trail.entries.map((e) => [e.revision, e.position, e.eventId])).toEqual(records.map((r) => [r.revision, r.position, r.id]));
    expect(trail.entries[0]).toEqual({
      revision: 0,
      position: records[0]!.position,
      eventId: records[0]!.id,
      type: 'ChangeRequestDrafted',
      who: { id: 'Amara', role: 'change_manager' },
      when: '2025-12-01T09:00:00.000Z',
      what: 'Drafted manual code change "Add asset_owner field to WRAC assets" affecting WRAC, Risk_Assessment',
      commandType: 'DraftChangeRequest',
      commandId: records[0]!.metadata['commandId'],
      correlationId: records[0]!.metadata['correlationId'],
      causationId: records[0]!.metadata['causationId'],
      schemaVersion: 2,
      hash: records[0]!.metadata['hash'],
      previousHash: null,
    });
    const grant = trail.entries.find((e) => e.type === 'ApprovalGranted')!;
    expect(grant).toMatchObject({
      who: actors.johan,
      when: '2025-12-02T10:00:00.000Z',
      what: 'Johan (change manager) granted approval',
      why: 'Impact acceptable, risks mitigated',
    });
    expect(trail.integrity).toMatchObject({ ok: true, eventsChecked: records.length });
  });

  it('given a seeded CR, when replayed by id or by stream name, then the trail is the same as by number', async () => {
    await seedStore(store(), [manualSuccess()], { numberAllocations: true });
    const byNumber = rightOf(await replayTrail(store(), 'CR-2025-001')());
    expect(rightOf(await replayTrail(store(), 'cr_2025_001')())).toEqual(byNumber);
    expect(rightOf(await replayTrail(store(), 'change_request-cr_2025_001')())).toEqual(byNumber);
  });

  it('given a store without counter streams, when replayed by number, then the submission event resolves it', async () => {
    await seedStore(store(), [rejected(), manualSuccess()]);
    expect(rightOf(await replayTrail(store(), 'CR-2025-001')()).streamName).toBe('change_request-cr_2025_001');
  });

  it('given a CR written by the command pipeline, when replayed by its allocated number, then the trail tells its story', async () => {
    const state = await runFullLifecycle({ store: store() });
    const trail = rightOf(await replayTrail(store(), state.number!)());
    expect(trail.changeRequestId).toBe(state.id);
    expect(trail.entries).toHaveLength(state.revision + 1);
    expect(trail.entries.at(-1)).toMatchObject({ type: 'ChangeRequestClosed', what: 'Closed with outcome success' });
    expect(trail.integrity.ok).toBe(true);
  });

  it('given an unknown number, id or malformed reference, then typed errors say which', async () => {
    await seedStore(store(), [manualSuccess()], { numberAllocations: true });
    expect(leftOf(await replayTrail(store(), 'CR-2025-777')())).toMatchObject({ kind: 'audit', code: 'CHANGE_REQUEST_NOT_FOUND' });
    expect(leftOf(await replayTrail(store(), 'nobody')())).toMatchObject({ code: 'CHANGE_REQUEST_NOT_FOUND', streamName: 'change_request-nobody' });
    expect(leftOf(await replayTrail(store(), 'not a reference!')())).toMatchObject({ code: 'INVALID_REFERENCE' });
  });

  it('given a stored event that no longer matches the catalogue, then EVENT_UNREADABLE names its revision', async () => {
    const data = { number: 'not-a-number', submittedAt: '2025-12-01T10:00:00Z' };
    const metadata = sealEvent(
      'ChangeRequestSubmitted',
      data,
      { actor: actors.foreman, occurredAt: '2025-12-01T10:00:00Z', correlationId: 'c', causationId: 'c', schemaVersion: 1, commandType: 'SubmitChangeRequest' },
      null,
    );
    await store().appendToStream('change_request-odd', [{ id: '5f0e1b0e-1d7a-4a57-9a0b-1b2c3d4e5f60', type: 'ChangeRequestSubmitted', data, metadata }]);
    expect(leftOf(await replayTrail(store(), 'odd')())).toMatchObject({ code: 'EVENT_UNREADABLE', streamName: 'change_request-odd', revision: 0 });
  });
});

describe('audit trail as text', () => {
  it('given a stream with an edited event, when replayed and rendered, then the trail still reads but the integrity line fails', async () => {
    const cr = rejected();
    const records = recordsOf(cr).map((r) => (r.type === 'ChangeRequestRejected' ? withData(r, { ...r.data, rationale: 'Cheaper elsewhere' }) : r));
    const trail = rightOf(await replayTrail(rawStore(records), 'cr_2025_004')());
    expect(trail.entries.find((e) => e.type === 'ChangeRequestRejected')?.why).toBe('Cheaper elsewhere');
    expect(trail.integrity).toMatchObject({ ok: false, finding: { kind: 'hash_mismatch', revision: 6 } });
    expect(renderTrailText(trail).split('\n')[1]).toMatch(/^Integrity: FAILED \(hash_mismatch, altered at revision 6\): change_request-cr_2025_004@6 \(ChangeRequestRejected\)/);
  });

  it('given a trail, when rendered, then a person reads a heading, the integrity verdict and one block per event', async () => {
    const factory = storeFactories[0]!;
    const fixture = await factory.create();
    try {
      await seedStore(fixture.store, [rejected()]);
      const trail = rightOf(await replayTrail(fixture.store, 'CR-2025-004')());
      const text = renderTrailText(trail);
      const lines = text.split('\n');
      expect(lines[0]).toBe('Audit trail of CR-2025-004 "Replace the risk engine" (change_request-cr_2025_004)');
      expect(lines[1]).toMatch(/^Integrity: hash chain verified over 8 event\(s\), head [0-9a-f]{12}$/);
      const rejection = trail.entries.find((e) => e.type === 'ChangeRequestRejected')!;
      expect(text).toContain(
        [
          `r${rejection.revision} @${rejection.position}  ${rejection.when}  Johan (change_manager)  ChangeRequestRejected`,
          '    Rejected by Johan (change manager): conflicts with architecture',
          '    why: The risk engine is frozen until the audit',
        ].join('\n'),
      );
      expect(text.endsWith('\n')).toBe(true);
    } finally {
      await fixture.teardown();
    }
  });
});
