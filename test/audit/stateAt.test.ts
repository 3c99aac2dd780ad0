import { describe, expect, it } from 'vitest';
import { changeRequestStateAt } from '../../src/audit/stateAt.js';
import { evolveAll } from '../../src/domain/evolve.js';
import { initialState } from '../../src/domain/state.js';
import { eventsOf, instantOf, manualSuccess, seedStore } from '../support/eventFixtures.js';
import { leftOf, rightOf, storeFactories, useStoreOf } from './support.js';

describe.each(storeFactories)('state of a CR at a past point on the $name store', ({ create }) => {
  const store = useStoreOf(create);
  const cr = manualSuccess();
  const events = eventsOf(cr);

  it('given a CR, when asked at each revision, then the state is the fold of the events up to it', async () => {
    await seedStore(store(), [cr]);
    for (const revision of [0, 1, 7, 12, events.length - 1]) {
      const { state, asOfEvent } = rightOf(await changeRequestStateAt(store(), 'cr_2025_001', { revision })());
      expect(state).toEqual(evolveAll(initialState('cr_2025_001'), events.slice(0, revision + 1)));
      expect(asOfEvent?.revision).toBe(revision);
    }
  });

  it('given a CR, when asked at the instant of its approval, then it is approved and not yet scheduled', async () => {
    await seedStore(store(), [cr]);
    const { state, asOfEvent } = rightOf(await changeRequestStateAt(store(), 'CR-2025-001', { at: instantOf(cr, 'ChangeRequestApproved') })());
    expect(state.status).toBe('approved');
    expect(state.approved?.approvers).toEqual([{ id: 'Johan', role: 'change_manager' }]);
    expect(state.schedule).toBeUndefined();
    expect(asOfEvent?.occurredAt).toBe(instantOf(cr, 'ChangeRequestApproved'));
  });

  it('given a CR, when asked a millisecond before its deployment (as a Date, in another offset), then it is not deployed yet', async () => {
    await seedStore(store(), [cr]);
    const deployedAt = Date.parse(instantOf(cr, 'DeployedToProduction'));
    const justBefore = rightOf(await changeRequestStateAt(store(), 'cr_2025_001', { at: new Date(deployedAt - 1) })());
    expect(justBefore.state.status).toBe('testing');
    const local = new Date(deployedAt).toISOString().replace('Z', '+00:00');
    expect(rightOf(await changeRequestStateAt(store(), 'cr_2025_001', { at: local })()).state.status).toBe('deployed');
  });

  it('given an instant before the CR existed, then the state is the initial one, with no event', async () => {
    await seedStore(store(), [cr]);
    const result = rightOf(await changeRequestStateAt(store(), 'cr_2025_001', { at: '2020-01-01T00:00:00Z' })());
    expect(result).toEqual({ state: initialState('cr_2025_001') });
  });

  it('given a revision past the end, a negative one, or an instant without a zone, then typed errors', async () => {
    await seedStore(store(), [cr]);
    expect(leftOf(await changeRequestStateAt(store(), 'cr_2025_001', { revision: events.length })())).toMatchObject({
      code: 'REVISION_OUT_OF_RANGE',
      revision: events.length,
    });
    expect(leftOf(await changeRequestStateAt(store(), 'cr_2025_001', { revision: -1 })())).toMatchObject({ code: 'REVISION_OUT_OF_RANGE' });
    expect(leftOf(await changeRequestStateAt(store(), 'cr_2025_001', { at: '2025-12-02T10:00:00' })())).toMatchObject({ code: 'INVALID_INSTANT' });
    expect(leftOf(await changeRequestStateAt(store(), 'cr_2025_001', { at: 'yesterday' })())).toMatchObject({ code: 'INVALID_INSTANT' });
  });
});
