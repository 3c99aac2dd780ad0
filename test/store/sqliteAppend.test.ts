import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventStore, EventToAppend, JsonObject } from '../../src/store/port.js';
import { createTempSqliteStore } from './fixtures/tempSqliteStore.js';

const anEvent = (n: number): EventToAppend => ({ id: randomUUID(), type: 'Noted', data: { n }, metadata: {} });

/**
 * What the SQLite store adds to the shared contract: event ids are unique in
 * the file, and re-sending a batch that was already stored (a retry after a
 * lost reply) returns the first result instead of failing, as EventStoreDB does.
 */
describe('SQLite store appends', () => {
  let fixture: Awaited<ReturnType<typeof createTempSqliteStore>>;
  let store: EventStore;
  beforeEach(async () => {
    fixture = await createTempSqliteStore();
    store = fixture.store;
  });
  afterEach(() => fixture.teardown());

  it('given a batch appended with an exact revision, when the same batch is sent again with that revision, then the first result comes back and nothing is duplicated', async () => {
    await store.appendToStream('cr-1', [anEvent(0)]);
    const batch = [anEvent(1), anEvent(2)];
    const first = await store.appendToStream('cr-1', batch, { expectedRevision: 0 });
    await store.appendToStream('cr-2', [anEvent(9)]);

    const again = await store.appendToStream('cr-1', batch, { expectedRevision: 0 });

    expect(again).toEqual(first);
    expect((await store.readStream('cr-1')).map((e) => e.data['n'])).toEqual([0, 1, 2]);
  });

  it('given a batch that created a stream, when it is sent again with no_stream, then the first result comes back', async () => {
    const batch = [anEvent(0)];
    const first = await store.appendToStream('cr-1', batch, { expectedRevision: 'no_stream' });

    expect(await store.appendToStream('cr-1', batch, { expectedRevision: 'no_stream' })).toEqual(first);
    expect(await store.readStream('cr-1')).toHaveLength(1);
  });

  it('given a stored batch, when only part of it is sent again after the stream moved on, then WrongExpectedRevision', async () => {
    const batch = [anEvent(0), anEvent(1)];
    await store.appendToStream('cr-1', batch, { expectedRevision: 'no_stream' });

    await expect(store.appendToStream('cr-1', [batch[1]!, anEvent(2)], { expectedRevision: 0 })).rejects.toMatchObject({
      code: 'WRONG_EXPECTED_REVISION',
    });
  });

  it('given an event id stored in one stream, when another stream is appended an event with that id, then INVALID_APPEND names where it is', async () => {
    const taken = anEvent(0);
    await store.appendToStream('cr-1', [taken]);

    const refused = store.appendToStream('cr-2', [anEvent(1), { ...taken, data: { n: 2 } }]);

    await expect(refused).rejects.toMatchObject({
      code: 'INVALID_APPEND',
      message: expect.stringContaining(`${taken.id} is already stored (stream "cr-1", revision 0)`),
    });
    expect(await store.readStream('cr-2')).toEqual([]);
  });

  it('given a batch naming one id twice, when appended, then INVALID_APPEND and nothing is written', async () => {
    const twice = anEvent(0);

    await expect(store.appendToStream('cr-1', [twice, { ...twice, data: { n: 1 } }])).rejects.toMatchObject({
      code: 'INVALID_APPEND',
      message: expect.stringContaining('appears twice'),
    });
    expect(await store.readStream('cr-1')).toEqual([]);
  });

  it('given data that JSON cannot represent, when appended, then INVALID_APPEND and nothing is written', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;

    await expect(
      store.appendToStream('cr-1', [anEvent(0), { ...anEvent(1), data: cyclic as JsonObject }]),
    ).rejects.toMatchObject({ code: 'INVALID_APPEND', message: expect.stringContaining('event #1') });
    expect(await store.readStream('cr-1')).toEqual([]);
  });
});
