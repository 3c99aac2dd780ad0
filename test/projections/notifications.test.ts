import { Subject, type Subscription } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { notifications$, type Notification } from '../../src/projections/feeds/notifications.js';
import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import { appendSteps, emergency, manualSuccess, seedStore, stepIndexOf } from '../support/eventFixtures.js';

let subscription: Subscription | undefined;
afterEach(() => subscription?.unsubscribe());

/** The in-memory store delivers a short history synchronously once the feed has read the head: one macrotask is enough. */
const historyRead = () => new Promise((resolve) => setImmediate(resolve));

const watch = (options: Partial<Parameters<typeof notifications$>[0]> & Pick<Parameters<typeof notifications$>[0], 'store'>) => {
  const seen: Notification[] = [];
  const tick$ = new Subject<void>();
  let now = new Date('2025-12-01T00:00:00Z');
  subscription = notifications$({ tick$, clock: () => now, ...options }).subscribe((n) => seen.push(n));
  return {
    seen,
    kinds: () => seen.map((n) => `${n.kind} ${n.crId}`),
    at: (iso: string) => {
      now = new Date(iso);
      tick$.next();
    },
  };
};

describe('live notifications', () => {
  it('once caught up, announces each CR then awaiting approval, with the authority still required', async () => {
    const store = createInMemoryEventStore();
    await seedStore(store, [
      manualSuccess({ number: 'CR-2025-001', upTo: 'ChangeRequestApproved' }),
      manualSuccess({ number: 'CR-2025-002', level: 'high', upTo: 'AssessmentCompleted' }),
    ]);
    const { seen } = watch({ store });
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(seen[0]).toMatchObject({
      kind: 'approval_required',
      crId: 'CR-2025-002',
      approvalLevel: 'high',
      awaiting: ['stakeholder', 'change_manager'],
      stakeholderConcurrenceRequired: true,
      escalationRequired: false,
    });
  });

  it('announces a live CR awaiting approval, then again when a review leaves only the change manager to approve', async () => {
    const store = createInMemoryEventStore();
    const { seen, kinds } = watch({ store });
    const cr = manualSuccess({ number: 'CR-2025-003', level: 'high' });
    await appendSteps(store, cr, 0, stepIndexOf(cr, 'AssessmentCompleted') + 1);
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    await appendSteps(store, cr, stepIndexOf(cr, 'AssessmentCompleted') + 1, stepIndexOf(cr, 'StakeholderReviewRecorded') + 1);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen.map((n) => n.kind === 'approval_required' && n.awaiting)).toEqual([['stakeholder', 'change_manager'], ['change_manager']]);
    await appendSteps(store, cr, stepIndexOf(cr, 'StakeholderReviewRecorded') + 1, stepIndexOf(cr, 'ChangeRequestApproved') + 1);
    expect(kinds()).toEqual(['approval_required CR-2025-003', 'approval_required CR-2025-003']);
  });

  it('reports a failed gate evaluation with the unmet items', async () => {
    const store = createInMemoryEventStore();
    const { seen } = watch({ store });
    await seedStore(store, [manualSuccess({ failedGateEvaluation: true, upTo: 'DocumentationUpdated' })]);
    await vi.waitFor(() => expect(seen.some((n) => n.kind === 'gate_evaluation_failed')).toBe(true));
    expect(seen.find((n) => n.kind === 'gate_evaluation_failed')).toMatchObject({
      crId: 'CR-2025-001',
      at: expect.any(String),
      failedGates: [{ gate: 'documentation', number: 6, unmet: ['user documentation updated'] }],
    });
  });

  it('flags an emergency retrospective overdue, and the verification window elapsed, once each, by the injected clock', async () => {
    const store = createInMemoryEventStore();
    // Fix applied 2025-12-01T10:00Z: retrospective due and 24 h window over at 2025-12-02T10:00Z.
    await seedStore(store, [emergency({ start: '2025-12-01T09:00:00Z', retrospective: 'missing' })]);
    const { seen, kinds, at } = watch({ store });
    await historyRead();
    at('2025-12-02T09:59:00Z');
    at('2025-12-02T09:59:30Z');
    expect(seen).toEqual([]);
    at('2025-12-02T10:00:01Z');
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    at('2025-12-03T00:00:00Z');
    expect(kinds()).toEqual(['emergency_retrospective_overdue CR-2025-090', 'verification_window_elapsed CR-2025-090']);
    expect(seen[0]).toMatchObject({ at: '2025-12-02T10:00:01.000Z', fixAppliedAt: '2025-12-01T10:00:00.000Z', dueAt: '2025-12-02T10:00:00.000Z' });
  });

  it('stops watching a retrospective once it is recorded, and a deployment once it is verified', async () => {
    const store = createInMemoryEventStore();
    const cr = emergency({ start: '2025-12-01T09:00:00Z' });
    await seedStore(store, [cr]);
    const deployed = manualSuccess({ start: '2025-12-01T09:00:00Z', upTo: 'DeployedToProduction' });
    await seedStore(store, [deployed]);
    const { seen, kinds, at } = watch({ store, policy: { verificationWindowHours: 48 } });
    await historyRead();
    // The manual CR was deployed 2025-12-04T10:00Z; with a 48 h window it is due 2025-12-06T10:00Z.
    at('2025-12-06T09:00:00Z');
    expect(seen).toEqual([]);
    at('2025-12-06T11:00:00Z');
    await vi.waitFor(() => expect(seen).toHaveLength(1));
    expect(kinds()).toEqual(['verification_window_elapsed CR-2025-001']);
    expect(seen[0]).toMatchObject({ deployedAt: '2025-12-04T10:00:00.000Z', windowEndedAt: '2025-12-06T10:00:00.000Z' });
  });

  it('replays history notifications when asked', async () => {
    const store = createInMemoryEventStore();
    await seedStore(store, [manualSuccess({ number: 'CR-2025-001' }), manualSuccess({ number: 'CR-2025-002', failedGateEvaluation: true })]);
    const { seen, kinds } = watch({ store, replayHistory: true });
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(kinds().sort()).toEqual(['approval_required CR-2025-001', 'approval_required CR-2025-002', 'gate_evaluation_failed CR-2025-002']);
  });
});
