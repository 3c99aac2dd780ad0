import fc from 'fast-check';
import { lastValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { createChangeLog } from '../../src/projections/changeLog/changeLog.js';
import { createMetrics } from '../../src/projections/metrics/metrics.js';
import type { Projection } from '../../src/projections/projection.js';
import { createChangeRegister } from '../../src/projections/register/register.js';
import { createProjectionRunner } from '../../src/projections/runner/runner.js';
import { createPlatformVersion } from '../../src/projections/versioning/platformVersion.js';
import {
  aiGenerated,
  emergency,
  failedTestThenRevision,
  manualSuccess,
  rejected,
  rolledBack,
  seedStore,
  withdrawn,
  type FixtureStream,
} from '../support/eventFixtures.js';
import { storeFactories } from '../support/stores.js';

const kinds = ['manual', 'failed', 'rollback', 'deployFail', 'rejected', 'withdrawn', 'emergency', 'emergencyOpen', 'ai', 'aiLow', 'awaiting'] as const;

const lifecycle = (kind: (typeof kinds)[number], i: number, start: string): FixtureStream => {
  const n = String(100 + i);
  const o = { number: `CR-2025-${n}`, start };
  switch (kind) {
    case 'manual':
      return manualSuccess(o);
    case 'failed':
      return failedTestThenRevision(o);
    case 'rollback':
      return rolledBack(o);
    case 'deployFail':
      return rolledBack({ ...o, failure: 'deployment_failed' });
    case 'rejected':
      return rejected(o);
    case 'withdrawn':
      return withdrawn(o);
    case 'emergency':
      return emergency(o);
    case 'emergencyOpen':
      return emergency({ ...o, retrospective: 'missing' });
    case 'ai':
      return aiGenerated({ ...o, number: `AI-CR-2025-${n}` });
    case 'aiLow':
      return aiGenerated({ ...o, number: `AI-CR-2025-${n}`, level: 'low', outcome: 'rolled_back' });
    case 'awaiting':
      return manualSuccess({ ...o, level: 'high', upTo: 'StakeholderReviewRecorded' });
  }
};

const scenario = fc.record({
  crs: fc.array(fc.record({ kind: fc.constantFrom(...kinds), day: fc.integer({ min: 0, max: 60 }), hour: fc.integer({ min: 0, max: 23 }) }), {
    minLength: 1,
    maxLength: 6,
  }),
  seededFirst: fc.integer({ min: 0, max: 6 }),
  crashes: fc.array(fc.record({ after: fc.integer({ min: 1, max: 80 }), checkpoint: fc.boolean(), loseState: fc.boolean() }), { maxLength: 4 }),
  checkpointEvery: fc.integer({ min: 1, max: 30 }),
});

const readModels = () => {
  const register = createChangeRegister();
  const changeLog = createChangeLog();
  const metrics = createMetrics({ clock: () => new Date('2026-03-01T00:00:00Z') });
  const version = createPlatformVersion();
  const state = () => ({
    register: register.document('2026-03-01T00:00:00.000Z'),
    log: changeLog.document('2026-03-01T00:00:00.000Z'),
    months: metrics.byMonth(),
    version: version.history(),
  });
  return { projections: [register, changeLog, metrics, version] as Projection[], state };
};

const runs: { readonly [store: string]: number } = { 'in-memory': 60, sqlite: 10, eventstoredb: 4 };

describe.each(storeFactories)('projection runner resumed after crashes on the $name store', ({ name, create }) => {
  it('ends with exactly the state of a rebuild from zero', async () => {
    await fc.assert(
      fc.asyncProperty(scenario, async ({ crs, seededFirst, crashes, checkpointEvery }) => {
        const { store, teardown } = await create();
        try {
          const streams = crs.map((c, i) => lifecycle(c.kind, i, new Date(Date.UTC(2025, 10, 1 + c.day, c.hour)).toISOString()));
          const split = Math.min(seededFirst, streams.length);
          await seedStore(store, streams.slice(0, split), { numberAllocations: true });
          const later = streams.slice(split);
          let durable = readModels();

          // Each crash: a runner that dies after `after` events, while some lifecycles are appended live;
          // the read models survive the crash (durable) or not (in memory, new process).
          for (const [i, crash] of crashes.entries()) {
            let fed = 0;
            let tripped!: () => void;
            const crashed = new Promise<void>((resolve) => (tripped = resolve));
            const tripwire: Projection = {
              name: 'tripwire',
              reset: () => undefined,
              apply: () => {
                if (++fed === crash.after) {
                  void runner.stop({ checkpoint: crash.checkpoint });
                  tripped();
                }
              },
            };
            const runner = createProjectionRunner({ store, projections: [...durable.projections, tripwire], checkpointEvery, idleCheckpointMs: 0 });
            await runner.start();
            await seedStore(store, later.filter((_, j) => j % (crashes.length + 1) === i));
            await Promise.race([crashed, runner.catchUp().catch(() => undefined)]);
            await runner.stop({ checkpoint: crash.checkpoint });
            // A restart in a new process: in-memory read models start empty while the checkpoints stay in the store.
            if (crash.loseState) durable = readModels();
          }
          await seedStore(store, later.filter((_, j) => j % (crashes.length + 1) === crashes.length));

          const last = createProjectionRunner({ store, projections: durable.projections, checkpointEvery, idleCheckpointMs: 0 });
          await last.start();
          await last.catchUp();
          await last.stop();

          const reference = readModels();
          const rebuilder = createProjectionRunner({ store, projections: reference.projections, idleCheckpointMs: 0 });
          await lastValueFrom(rebuilder.rebuild());
          await rebuilder.stop();

          expect(durable.state()).toEqual(reference.state());
          expect(durable.state().register.changeRequests).toHaveLength(streams.length);
        } finally {
          await teardown();
        }
      }),
      { numRuns: runs[name] ?? 4 },
    );
  }, 300_000);
});
