import { firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { learnings$ } from '../../src/projections/feeds/learnings.js';
import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import { aiGenerated, appendSteps, manualSuccess, rejected, rolledBack, seedStore } from '../support/eventFixtures.js';

describe('learnings feed (spec 11)', () => {
  it('given closed CRs, emits each closure learning and the outcome of each AI CR', async () => {
    const store = createInMemoryEventStore();
    await seedStore(store, [
      manualSuccess({ number: 'CR-2025-001', start: '2025-11-01T09:00:00Z' }),
      aiGenerated({ number: 'AI-CR-2025-045', start: '2025-11-05T09:00:00Z' }),
      aiGenerated({ number: 'AI-CR-2025-046', start: '2025-11-10T09:00:00Z', level: 'low', outcome: 'rolled_back' }),
      rejected({ number: 'CR-2025-002', start: '2025-11-12T09:00:00Z' }),
    ]);
    const items = await firstValueFrom(learnings$({ store, historyOnly: true }).pipe(toArray()));
    expect(items.map((i) => `${i.kind} ${i.crId}`)).toEqual([
      'learning CR-2025-001',
      'learning AI-CR-2025-045',
      'ai_outcome AI-CR-2025-045',
      'ai_outcome AI-CR-2025-046',
    ]);
    expect(items[1]).toMatchObject({ kind: 'learning', crType: 'ai_generated', topic: 'regression' });
    expect(items[2]).toMatchObject({
      kind: 'ai_outcome',
      outcome: 'success',
      deployed: true,
      rolledBack: false,
      regressionDetected: false,
      autoApproved: false,
      approvalLevel: 'medium',
      trigger: { type: 'runtime_insight', source: 'performance_monitoring' },
    });
    expect(items[3]).toMatchObject({ outcome: 'rolled_back', rolledBack: true, autoApproved: true, approvalLevel: 'low' });
  });

  it('resumes after the last item a consumer handled, and goes on live', async () => {
    const store = createInMemoryEventStore();
    await seedStore(store, [manualSuccess({ number: 'CR-2025-001' })]);
    const [first] = await firstValueFrom(learnings$({ store, historyOnly: true }).pipe(toArray()));
    const next = firstValueFrom(learnings$({ store, after: first!.position }).pipe(take(2), toArray()));
    await appendSteps(store, aiGenerated(), 0);
    expect((await next).map((i) => `${i.kind} ${i.crId}`)).toEqual(['learning AI-CR-2025-045', 'ai_outcome AI-CR-2025-045']);
  });

  it('completes at once on an empty store when asked for history only', async () => {
    const store = createInMemoryEventStore();
    expect(await firstValueFrom(learnings$({ store, historyOnly: true }).pipe(toArray()))).toEqual([]);
  });

  it('keeps the rollback learning of a manual CR', async () => {
    const store = createInMemoryEventStore();
    await seedStore(store, [rolledBack()]);
    const items = await firstValueFrom(learnings$({ store, historyOnly: true }).pipe(toArray()));
    expect(items).toEqual([expect.objectContaining({ kind: 'learning', crId: 'CR-2025-003', topic: 'performance' })]);
  });
});
