import { lastValueFrom, toArray, firstValueFrom } from 'rxjs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StoredEvent } from '../../src/events/serialization.js';
import { createChangeRegister } from '../../src/projections/register/register.js';
import type { Projection } from '../../src/projections/projection.js';
import { checkpointStream } from '../../src/projections/runner/checkpoints.js';
import { ProjectionError } from '../../src/projections/runner/errors.js';
import { createProjectionRunner, type ProjectionRunner } from '../../src/projections/runner/runner.js';
import type { EventStore } from '../../src/store/port.js';
import { actors, aiGenerated, emergency, manualSuccess, rolledBack, seedStore } from '../support/eventFixtures.js';
import { storeFactories, type StoreFixture } from '../support/stores.js';

/** Records every position it is fed; reports its position like a durable read model. */
const recorder = (name = 'recorder', stateless = false): Projection & { fed: number[] } => {
  const fed: number[] = [];
  const p = {
    name,
    fed,
    apply: (e: StoredEvent) => void fed.push(e.position),
    reset: () => void (fed.length = 0),
  };
  return stateless ? p : { ...p, position: () => fed[fed.length - 1] ?? -1 };
};

const crPositions = async (store: EventStore): Promise<number[]> =>
  (await store.readAll({ filter: { by: 'category', categories: ['change_request'] } })).map((e) => e.position);

describe.each(storeFactories)('projection runner on the $name store', ({ create }) => {
  let fixture: StoreFixture;
  let store: EventStore;
  const runners: ProjectionRunner[] = [];
  const runner = (...args: Parameters<typeof createProjectionRunner>): ProjectionRunner => {
    const r = createProjectionRunner({ idleCheckpointMs: 0, ...args[0] });
    runners.push(r);
    return r;
  };

  beforeEach(async () => {
    fixture = await create();
    store = fixture.store;
  });
  afterEach(async () => {
    for (const r of runners.splice(0)) await r.stop({ checkpoint: false });
    await fixture.teardown();
  });

  it('catches up on history, then follows live appends, feeding only change-request events in global order', async () => {
    await seedStore(store, [manualSuccess({ number: 'CR-2025-001' })], { numberAllocations: true });
    const rec = recorder();
    const register = createChangeRegister();
    const r = runner({ store, projections: [rec, register] });
    await r.start();
    await r.catchUp();
    expect(register.size()).toBe(1);
    await seedStore(store, [aiGenerated({ number: 'AI-CR-2025-045' })], { numberAllocations: true });
    await r.catchUp();
    expect(register.get('AI-CR-2025-045')?.status).toBe('closed');
    expect(rec.fed).toEqual(await crPositions(store));
  });

  it('keeps checkpoints in the store, at most every N events and on stop, never per event', async () => {
    await seedStore(store, [manualSuccess({ number: 'CR-2025-001' }), manualSuccess({ number: 'CR-2025-002' })]);
    const positions = await crPositions(store);
    const r = runner({ store, projections: [recorder()], checkpointEvery: 10 });
    await r.start();
    await r.catchUp();
    await r.stop();
    const checkpoints = (await store.readStream(checkpointStream('recorder'))).map((c) => c.data['position'] as number);
    // Writes queued while events keep arriving coalesce into one write of the latest position.
    expect(checkpoints.length).toBeGreaterThanOrEqual(1);
    expect(checkpoints.length).toBeLessThanOrEqual(Math.floor(positions.length / 10) + 1);
    expect(checkpoints.at(-1)).toBe(positions.at(-1));
    expect(checkpoints).toEqual([...checkpoints].sort((a, b) => a - b));
  });

  it('resumes after a restart from its checkpoint without feeding any event twice', async () => {
    await seedStore(store, [manualSuccess({ number: 'CR-2025-001' })]);
    const rec = recorder();
    const first = runner({ store, projections: [rec], checkpointEvery: 1_000 });
    await first.start();
    await first.catchUp();
    await first.stop({ checkpoint: false }); // a crash: the checkpoint stays behind the projection
    expect(await store.readStream(checkpointStream('recorder'))).toEqual([]);
    await seedStore(store, [manualSuccess({ number: 'CR-2025-002' })]);
    const second = runner({ store, projections: [rec] });
    await second.start();
    await second.catchUp();
    expect(rec.fed).toEqual(await crPositions(store));
  });

  it('resumes a stateless consumer strictly after its checkpoint, written while it ran', async () => {
    await seedStore(store, [manualSuccess({ number: 'CR-2025-001' })]);
    const all = await crPositions(store);
    const consumer = recorder('mailer', true);
    const crashing: Projection = {
      ...consumer,
      apply: (e) => {
        consumer.apply(e);
        if (consumer.fed.length === 7) void first.stop({ checkpoint: false });
      },
    };
    const first = runner({ store, projections: [crashing], checkpointEvery: 5 });
    await first.start();
    await expect(first.catchUp()).rejects.toMatchObject({ code: 'RUNNER_STOPPED' });
    expect(consumer.fed).toEqual(all.slice(0, 7));
    const [last] = await store.readStream(checkpointStream('mailer'), { direction: 'backwards', maxCount: 1 });
    const checkpointed = last!.data['position'] as number;
    expect(checkpointed).toBeGreaterThanOrEqual(all[4]!);
    expect(checkpointed).toBeLessThanOrEqual(all[6]!);
    const again = recorder('mailer', true);
    const second = runner({ store, projections: [again] });
    await second.start();
    await second.catchUp();
    expect(again.fed).toEqual(all.filter((p) => p > checkpointed));
  });

  it('replays from the start a projection whose state is older than the checkpoint (e.g. in-memory, new process)', async () => {
    await seedStore(store, [manualSuccess({ number: 'CR-2025-001' })]);
    const first = runner({ store, projections: [createChangeRegister()] });
    await first.start();
    await first.catchUp();
    await first.stop();
    const fresh = createChangeRegister();
    const second = runner({ store, projections: [fresh] });
    await second.start();
    await second.catchUp();
    expect(fresh.get('CR-2025-001')?.status).toBe('closed');
  });

  it('rebuilds from zero on demand, reporting progress up to the total, then stays live', async () => {
    await seedStore(store, [manualSuccess({ number: 'CR-2025-001' }), rolledBack({ number: 'CR-2025-002' })], { numberAllocations: true });
    const total = (await crPositions(store)).length;
    const register = createChangeRegister();
    const rec = recorder();
    const r = runner({ store, projections: [register, rec] });
    await r.start();
    await r.catchUp();
    const before = register.document('2025-12-31T00:00:00.000Z');
    const progress = await lastValueFrom(r.rebuild().pipe(toArray()));
    expect(progress[0]).toEqual({ processed: 0, total });
    expect(progress.at(-1)).toEqual({ processed: total, total });
    for (let i = 1; i < progress.length; i++) expect(progress[i]!.processed).toBeGreaterThan(progress[i - 1]!.processed);
    expect(register.document('2025-12-31T00:00:00.000Z')).toEqual(before);
    expect(rec.fed).toEqual(await crPositions(store));
    await seedStore(store, [emergency({ number: 'CR-2025-090' })]);
    await r.catchUp();
    expect(register.get('CR-2025-090')).toBeDefined();
  });

  it('lets only one of two runners advance a checkpoint: the other stops with CHECKPOINT_CONFLICT', async () => {
    await seedStore(store, [manualSuccess({ number: 'CR-2025-001' })]);
    const a = runner({ store, projections: [recorder('shared')] });
    const b = runner({ store, projections: [recorder('shared')] });
    await a.start();
    await b.start();
    await a.catchUp();
    await b.catchUp();
    const failures = firstValueFrom(b.errors$);
    await a.flush();
    await expect(b.flush()).rejects.toMatchObject({ code: 'CHECKPOINT_CONFLICT', details: { projection: 'shared' } });
    expect((await failures).code).toBe('CHECKPOINT_CONFLICT');
    expect(b.state()).toBe('failed');
    expect(a.state()).toBe('running');
  });

  it('stops with EVENT_UNREADABLE, naming the position, on an event that fails validation', async () => {
    await seedStore(store, [manualSuccess({ number: 'CR-2025-001', upTo: 'ChangeRequestSubmitted' })]);
    const bad = await store.appendToStream('change_request-cr_2025_001', [
      { id: '6f1c1d52-3c57-4c57-9d3e-0a2b1f7e9a10', type: 'StakeholdersNotified', data: { stakeholders: [] }, metadata: {} },
    ]);
    const r = runner({ store, projections: [recorder()] });
    const failure = firstValueFrom(r.errors$);
    await r.start();
    const error = await failure;
    expect(error).toBeInstanceOf(ProjectionError);
    expect(error).toMatchObject({ code: 'EVENT_UNREADABLE', details: { position: bad.position, streamName: 'change_request-cr_2025_001' } });
    await expect(r.catchUp()).rejects.toMatchObject({ code: 'EVENT_UNREADABLE' });
  });

  it('reads the same read models with trusted decoding as with full validation', async () => {
    await seedStore(store, [manualSuccess({ number: 'CR-2025-001' }), rolledBack({ number: 'CR-2025-002' }), emergency(), aiGenerated()]);
    const validated = createChangeRegister();
    const trusted = createChangeRegister();
    const a = runner({ store, projections: [validated] });
    await a.start();
    await a.catchUp();
    await a.stop({ checkpoint: false });
    const b = runner({ store, projections: [trusted], decode: 'trusted' });
    await b.start();
    await b.catchUp();
    expect(trusted.document('2026-01-01T00:00:00.000Z')).toEqual(validated.document('2026-01-01T00:00:00.000Z'));
  });

  it('with trusted decoding, still upcasts events of an older schema version and refuses unknown types', async () => {
    const v1 = {
      id: '0b7c1e52-3c57-4c57-9d3e-0a2b1f7e9a11',
      type: 'ChangeRequestDrafted',
      data: {
        changeRequestId: 'old_cr',
        crType: 'manual',
        title: 'Old draft',
        description: 'First line\nthe details',
        category: 'code',
        affectedModules: ['WRAC'],
        estimatedEffort: '',
        stakeholders: [],
        draftedBy: actors.amara,
      },
      metadata: {
        actor: actors.amara,
        occurredAt: '2024-01-01T00:00:00.000Z',
        correlationId: 'c',
        causationId: 'c',
        schemaVersion: 1,
        commandType: 'DraftChangeRequest',
        previousHash: null,
        hash: 'a'.repeat(64),
      },
    };
    await store.appendToStream('change_request-old_cr', [v1]);
    const register = createChangeRegister();
    const r = runner({ store, projections: [register], decode: 'trusted' });
    await r.start();
    await r.catchUp();
    expect(register.get('old_cr')?.changeDescription).toMatchObject({ summary: 'First line', details: 'the details' });
    const failure = firstValueFrom(r.errors$);
    await store.appendToStream('change_request-old_cr', [{ ...v1, id: '0b7c1e52-3c57-4c57-9d3e-0a2b1f7e9a12', type: 'ChangeRequestTeleported' }]);
    expect(await failure).toMatchObject({ code: 'EVENT_UNREADABLE', message: expect.stringContaining('UNKNOWN_EVENT_TYPE') });
  });

  it('refuses projections with an invalid or duplicate name', () => {
    expect(() => createProjectionRunner({ store, projections: [recorder('a b')] })).toThrow(expect.objectContaining({ code: 'INVALID_PROJECTION' }));
    expect(() => createProjectionRunner({ store, projections: [recorder('x'), recorder('x')] })).toThrow(ProjectionError);
  });
});
