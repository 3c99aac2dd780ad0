import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import { evolveAll } from '../../src/domain/evolve.js';
import { initialState } from '../../src/domain/state.js';
import { decodeRecordedEvent, type StoredEvent } from '../../src/events/serialization.js';
import { computeEventHash } from '../../src/events/integrity.js';
import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import {
  aiGenerated,
  emergency,
  eventsOf,
  failedTestThenRevision,
  manualSuccess,
  rejected,
  rolledBack,
  seedStore,
  withdrawn,
  type FixtureStream,
} from '../support/eventFixtures.js';

const lifecycles: readonly [string, FixtureStream, string, string | undefined][] = [
  ['manual success', manualSuccess(), 'closed', 'success'],
  ['failed test then revision', failedTestThenRevision(), 'closed', 'success'],
  ['rollback', rolledBack(), 'closed', 'rolled_back'],
  ['deployment failure and rollback', rolledBack({ number: 'CR-2025-013', failure: 'deployment_failed' }), 'closed', 'rolled_back'],
  ['rejection', rejected(), 'closed', 'rejected'],
  ['withdrawal', withdrawn(), 'closed', 'withdrawn'],
  ['emergency', emergency(), 'closed', 'success'],
  ['emergency awaiting its retrospective', emergency({ number: 'CR-2025-091', retrospective: 'missing' }), 'deployed', undefined],
  ['AI CR', aiGenerated(), 'closed', 'success'],
  ['low-risk AI CR', aiGenerated({ number: 'AI-CR-2025-046', level: 'low' }), 'closed', 'success'],
  ['critical manual CR', manualSuccess({ number: 'CR-2025-020', level: 'critical' }), 'closed', 'success'],
  ['AI CR rolled back', aiGenerated({ number: 'AI-CR-2025-047', outcome: 'rolled_back' }), 'closed', 'rolled_back'],
];

describe('event fixtures', () => {
  it.each(lifecycles)('%s: every stored event decodes, chains its hash and folds to the expected end', async (_name, stream, status, outcome) => {
    const store = createInMemoryEventStore();
    await seedStore(store, [stream], { numberAllocations: true });
    const recorded = await store.readStream(stream.streamName);
    expect(recorded).toHaveLength(eventsOf(stream).length);
    const decoded: StoredEvent[] = recorded.map((r) => {
      const d = decodeRecordedEvent(r);
      if (E.isLeft(d)) throw new Error(`${r.type}: ${d.left.message}`);
      return d.right;
    });
    decoded.forEach((e, i) => {
      expect(e.metadata.previousHash).toBe(i === 0 ? null : decoded[i - 1]!.metadata.hash);
      expect(computeEventHash(recorded[i]!)).toBe(e.metadata.hash);
    });
    const state = evolveAll(initialState(stream.changeRequestId), decoded);
    expect(state.status).toBe(status);
    expect(state.outcome).toBe(outcome);
    await store.close();
  });

  it('minimal manual success is exactly 20 events', () => {
    expect(eventsOf(manualSuccess({ minimal: true }))).toHaveLength(20);
  });

  it('interleaves streams by time and keeps each stream in order', async () => {
    const store = createInMemoryEventStore();
    const a = manualSuccess({ number: 'CR-2025-001', start: '2025-12-01T09:00:00Z' });
    const b = manualSuccess({ number: 'CR-2025-002', start: '2025-12-01T10:00:00Z' });
    await seedStore(store, [a, b]);
    const all = await store.readAll();
    const streams = all.map((e) => e.streamName);
    expect(streams.indexOf(b.streamName)).toBeLessThan(streams.lastIndexOf(a.streamName));
    for (const s of [a, b]) {
      const revisions = all.filter((e) => e.streamName === s.streamName).map((e) => e.revision);
      expect(revisions).toEqual(revisions.map((_, i) => i));
    }
    await store.close();
  });
});
