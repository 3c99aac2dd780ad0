import { describe, expect, it } from 'vitest';
import type { Status } from '../../src/domain/state.js';
import {
  command,
  dataOf,
  errorOf,
  eventsOf,
  given,
  historyByStatus,
  people,
  rejected,
  typesOf,
  verified,
  when,
} from '../support/domainFixtures.js';

/** Stage 9 (spec 3.2) and DESIGN.md: a CR closes as success, rolled_back, rejected or withdrawn. */

const close = (learnings: { topic: string; insight: string }[] = []) => command('CloseChangeRequest', people.foreman, { learnings, reason: '' });
const withdraw = command('WithdrawChangeRequest', people.johan, { reason: 'Superseded by CR-2025-007' });

describe('closing', () => {
  it('given a verified CR, when the Foreman closes it, then ChangeRequestClosed with outcome success', () => {
    const decision = when(given(verified()), close());
    expect(typesOf(decision)).toEqual(['ChangeRequestClosed']);
    expect(dataOf(decision, 'ChangeRequestClosed').outcome).toBe('success');
    expect(given(verified(), eventsOf(decision))).toMatchObject({ status: 'closed', outcome: 'success' });
  });

  it('given a verified CR, when it is closed with learnings, then the learnings are recorded for the build-time Foreman first', () => {
    const learnings = [{ topic: 'serializers', insight: 'New optional fields need serializer defaults' }];
    const decision = when(given(verified()), close(learnings));
    expect(typesOf(decision)).toEqual(['LearningsRecorded', 'ChangeRequestClosed']);
    expect(given(verified(), eventsOf(decision)).learnings).toEqual(learnings);
  });

  it('given a rejected CR, when it is closed, then outcome rejected', () => {
    expect(dataOf(when(given(rejected()), close()), 'ChangeRequestClosed').outcome).toBe('rejected');
  });

  it.each(['deployed', 'testing', 'approved', 'deployment_failed', 'rolling_back'] as const)(
    'given a CR that is %s, when it is closed, then INVALID_TRANSITION',
    (status) => {
      expect(errorOf(when(given(historyByStatus[status]), close())).code).toBe('INVALID_TRANSITION');
    },
  );
});

describe('withdrawing: from any status before production deployment', () => {
  const before: readonly Status[] = ['draft', 'submitted', 'assessed', 'approved', 'scheduled', 'testing', 'testing_failed'];
  const after: readonly Status[] = ['deployed', 'deployment_failed', 'rolling_back', 'rolled_back', 'verified', 'rejected', 'closed'];

  it.each(before)('given a CR that is %s, when Johan withdraws it, then it closes with outcome withdrawn and the reason', (status) => {
    const decision = when(given(historyByStatus[status]), withdraw);
    expect(eventsOf(decision)).toEqual([{ type: 'ChangeRequestClosed', data: { outcome: 'withdrawn', reason: 'Superseded by CR-2025-007' } }]);
    expect(given(historyByStatus[status], eventsOf(decision))).toMatchObject({ status: 'closed', outcome: 'withdrawn' });
  });

  it.each(after)('given a CR that is %s, when it is withdrawn, then INVALID_TRANSITION: after deployment a CR is rolled back, not withdrawn', (status) => {
    expect(errorOf(when(given(historyByStatus[status]), withdraw)).code).toBe('INVALID_TRANSITION');
  });

  it('given a draft, when a builder withdraws it, then PERMISSION_DENIED', () => {
    expect(errorOf(when(given(historyByStatus.draft), { ...withdraw, actor: people.builder })).code).toBe('PERMISSION_DENIED');
  });
});
