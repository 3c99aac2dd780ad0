import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createChangeManagement } from '../../src/commands/changeManagement.js';
import type { Refusal } from '../../src/commands/handler.js';
import { actors } from '../../src/demo/actors.js';
import { computeEventHash } from '../../src/events/integrity.js';
import type { EventStore } from '../../src/store/port.js';
import { assessedChangeRequest, countAll, draftCommand, leftOf, pipelineOn, rightOf } from '../support/pipeline.js';
import { storeFactories, type StoreFixture } from '../support/stores.js';

describe.each(storeFactories)('command pipeline on the $name store', ({ create }) => {
  let fixture: StoreFixture;
  let store: EventStore;
  beforeEach(async () => {
    fixture = await create();
    store = fixture.store;
  });
  afterEach(async () => {
    await fixture.teardown();
  });

  describe('given a drafted CR', () => {
    it('when submitted, then it gets CR-YYYY-001 from the clock year and is found by number', async () => {
      const { cm } = pipelineOn(store);
      const id = rightOf(await cm.execute(draftCommand())).changeRequestId;
      const submitted = rightOf(await cm.execute({ type: 'SubmitChangeRequest', changeRequestId: id, actor: actors.foreman }));
      expect(submitted.number).toBe('CR-2025-001');
      expect((await cm.get('CR-2025-001'))?.id).toBe(id);
      expect(await cm.get('CR-2025-002')).toBeUndefined();
    });

    it('an AI-generated CR is numbered in its own AI-CR sequence', async () => {
      const { cm } = pipelineOn(store);
      const manual = rightOf(await cm.execute(draftCommand())).changeRequestId;
      const ai = rightOf(
        await cm.execute(
          draftCommand({
            data: {
              crType: 'ai_generated',
              title: 'Optimize Vulnerability API',
              description: { summary: 'Add index', details: '' },
              category: 'code',
              affectedModules: ['Vulnerability'],
              trigger: { type: 'runtime_insight', source: 'performance_monitoring', description: 'p95 up 30%' },
            },
          }),
        ),
      ).changeRequestId;
      const a = rightOf(await cm.execute({ type: 'SubmitChangeRequest', changeRequestId: ai, actor: actors.foreman }));
      const m = rightOf(await cm.execute({ type: 'SubmitChangeRequest', changeRequestId: manual, actor: actors.foreman }));
      expect([a.number, m.number]).toEqual(['AI-CR-2025-001', 'CR-2025-001']);
    });

    it('commands may address the CR by its number once it has one', async () => {
      const { cm } = pipelineOn(store);
      const id = rightOf(await cm.execute(draftCommand())).changeRequestId;
      rightOf(await cm.execute({ type: 'SubmitChangeRequest', changeRequestId: id, actor: actors.foreman }));
      const notified = rightOf(
        await cm.execute({ type: 'NotifyStakeholders', changeRequestId: 'CR-2025-001', actor: actors.foreman, data: { stakeholders: ['po'] } }),
      );
      expect(notified.changeRequestId).toBe(id);
    });
  });

  it('every event carries actor, time, correlation, causation, schema version and a hash chain', async () => {
    const { cm, clock } = pipelineOn(store);
    const id = rightOf(await cm.execute({ ...draftCommand(), correlationId: 'corr-1', commandId: 'cmd-1' })).changeRequestId;
    clock.advanceMinutes(5);
    rightOf(await cm.execute({ type: 'SubmitChangeRequest', changeRequestId: id, actor: actors.johan, correlationId: 'corr-1', causationId: 'cmd-1' }));
    const events = await store.readStream(`change_request-${id}`);
    expect(events.map((e) => e.metadata)).toMatchObject([
      { actor: actors.foreman, occurredAt: '2025-12-04T09:00:00.000Z', correlationId: 'corr-1', causationId: 'cmd-1', commandId: 'cmd-1', schemaVersion: 2, previousHash: null },
      { actor: actors.johan, occurredAt: '2025-12-04T09:05:00.000Z', correlationId: 'corr-1', causationId: 'cmd-1', schemaVersion: 1 },
    ]);
    const [first, second] = events;
    expect(first!.metadata['hash']).toBe(computeEventHash(first!));
    expect(second!.metadata['previousHash']).toBe(first!.metadata['hash']);
    expect(second!.metadata['hash']).toBe(computeEventHash(second!));
  });

  it('results hand out frozen events and state', async () => {
    const { cm } = pipelineOn(store);
    const result = rightOf(await cm.execute(draftCommand()));
    expect(Object.isFrozen(result.events[0]!.data)).toBe(true);
    expect(Object.isFrozen(result.state)).toBe(true);
    expect(Object.isFrozen(result.state.affectedModules)).toBe(true);
  });

  describe('idempotency', () => {
    it('a retried command with the same commandId returns the first result and appends nothing', async () => {
      const { cm } = pipelineOn(store);
      const first = rightOf(await cm.execute({ ...draftCommand(), commandId: 'draft-42' }));
      const before = await countAll(store);
      const retry = rightOf(await cm.execute({ ...draftCommand(), commandId: 'draft-42' }));
      expect(await countAll(store)).toBe(before);
      expect(retry.replayed).toBe(true);
      expect(retry.changeRequestId).toBe(first.changeRequestId);
      expect(retry.events.map((e) => e.id)).toEqual(first.events.map((e) => e.id));
    });

    it('a retry through a fresh pipeline (another process) is recognised from the stream', async () => {
      const a = pipelineOn(store).cm;
      const b = pipelineOn(store).cm;
      const id = rightOf(await a.execute(draftCommand())).changeRequestId;
      const submit = { type: 'SubmitChangeRequest', changeRequestId: id, actor: actors.foreman, commandId: 'submit-1' } as const;
      const first = rightOf(await a.execute(submit));
      const retry = rightOf(await b.execute(submit));
      expect(retry.replayed).toBe(true);
      expect(retry.number).toBe(first.number);
      expect((await store.readStream('cr_number-CR-2025')).length).toBe(1);
    });

    it('reusing a commandId for another command is refused', async () => {
      const { cm } = pipelineOn(store);
      const id = rightOf(await cm.execute({ ...draftCommand(), changeRequestId: 'cr-x', commandId: 'k' })).changeRequestId;
      const error = leftOf(await cm.execute({ type: 'SubmitChangeRequest', changeRequestId: id, actor: actors.foreman, commandId: 'k' }));
      expect(error).toMatchObject({ code: 'IDEMPOTENCY_KEY_REUSED', path: 'commandId' });
    });
  });

  describe('concurrency', () => {
    it('200 concurrent submissions get 200 distinct numbers with no gaps', async () => {
      const { cm } = pipelineOn(store);
      const ids: string[] = [];
      for (let i = 0; i < 200; i++) ids.push(rightOf(await cm.execute(draftCommand())).changeRequestId);
      const results = await Promise.all(ids.map((id) => cm.execute({ type: 'SubmitChangeRequest', changeRequestId: id, actor: actors.foreman })));
      const numbers = results.map((r) => rightOf(r).number);
      expect(new Set(numbers).size).toBe(200);
      const expected = Array.from({ length: 200 }, (_, i) => `CR-2025-${String(i + 1).padStart(3, '0')}`);
      expect([...numbers].sort()).toEqual(expected);
    });

    it('submissions through two pipelines on one store (two processes) still never share a number', async () => {
      const a = pipelineOn(store).cm;
      const b = pipelineOn(store, { newId: (() => { let n = 0; return () => `b-${++n}`; })() }).cm;
      const ids: string[] = [];
      for (let i = 0; i < 40; i++) ids.push(rightOf(await (i % 2 === 0 ? a : b).execute(draftCommand())).changeRequestId);
      const results = await Promise.all(
        ids.map((id, i) => (i % 2 === 0 ? a : b).execute({ type: 'SubmitChangeRequest', changeRequestId: id, actor: actors.foreman })),
      );
      const numbers = results.map((r) => rightOf(r).number);
      expect(new Set(numbers).size).toBe(40);
    });

    it('two concurrent approvals of one CR produce one approval; the other is refused', async () => {
      const a = pipelineOn(store).cm;
      const id = await assessedChangeRequest(a);
      const b = pipelineOn(store).cm;
      const approve = (cm: typeof a, who: string) =>
        cm.execute({ type: 'ApproveChangeRequest', changeRequestId: id, actor: { id: who, role: 'change_manager' }, data: { rationale: 'ok' } });
      const results = await Promise.all([approve(a, 'johan'), approve(b, 'deputy')]);
      const accepted = results.filter((r) => r._tag === 'Right');
      expect(accepted).toHaveLength(1);
      const events = await store.readStream(`change_request-${id}`);
      expect(events.filter((e) => e.type === 'ChangeRequestApproved')).toHaveLength(1);
      expect(leftOf(results.find((r) => r._tag === 'Left')!)).toMatchObject({ code: 'INVALID_TRANSITION' });
    });

    it('a stale pipeline reloads and decides again instead of appending blindly', async () => {
      const a = pipelineOn(store).cm;
      const b = pipelineOn(store).cm;
      const id = rightOf(await a.execute(draftCommand())).changeRequestId;
      await b.get(id); // b caches the draft
      rightOf(await a.execute({ type: 'SubmitChangeRequest', changeRequestId: id, actor: actors.foreman }));
      // b still believes the CR is a draft; its submission must be re-decided on the real state.
      const error = leftOf(await b.execute({ type: 'SubmitChangeRequest', changeRequestId: id, actor: actors.foreman }));
      expect(error).toMatchObject({ code: 'INVALID_TRANSITION' });
      expect((await store.readStream('cr_number-CR-2025')).length).toBe(1);
    });
  });

  describe('refusals', () => {
    it('append nothing and are published with who, what and why', async () => {
      const { cm } = pipelineOn(store);
      const seen: Refusal[] = [];
      const subscription = cm.refusals.subscribe((r) => seen.push(r));
      const id = await assessedChangeRequest(cm);
      const before = await countAll(store);
      const error = leftOf(await cm.execute({ type: 'ApproveChangeRequest', changeRequestId: id, actor: actors.builder, data: { rationale: 'ship it' } }));
      subscription.unsubscribe();
      expect(error).toMatchObject({ kind: 'domain', code: 'PERMISSION_DENIED', path: 'actor.role' });
      expect(await countAll(store)).toBe(before);
      expect(seen).toEqual([
        expect.objectContaining({ commandType: 'ApproveChangeRequest', changeRequestId: id, actor: actors.builder, error }),
      ]);
    });

    it('a refused submission takes no number', async () => {
      const { cm } = pipelineOn(store);
      const id = rightOf(await cm.execute(draftCommand())).changeRequestId;
      leftOf(await cm.execute({ type: 'SubmitChangeRequest', changeRequestId: id, actor: actors.builder }));
      rightOf(await cm.execute({ type: 'SubmitChangeRequest', changeRequestId: id, actor: actors.foreman }));
      expect((await cm.get(id))?.number).toBe('CR-2025-001');
    });
  });

  it('a policy override changes the rules: here a 48 h verification window', async () => {
    const cm = createChangeManagement({ store, policy: { verificationWindowHours: 48 } });
    expect(cm.policy.verificationWindowHours).toBe(48);
    expect(cm.policy.permissions.DeployToProduction).toEqual(['change_manager']);
  });
});
