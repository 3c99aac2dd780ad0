import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StoreError, WrongExpectedRevisionError } from '../../src/store/errors.js';
import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import type { EventToAppend, ExpectedRevision } from '../../src/store/port.js';

/** The model: each stream is the list of its event ids; $all is the list of all ids in append order. */
interface Model {
  readonly streams: Map<string, string[]>;
  readonly all: string[];
}

interface Append {
  readonly stream: string;
  readonly size: number;
  readonly invalidAt: number | undefined;
  readonly expected: ExpectedRevision | undefined;
}

const appendArb: fc.Arbitrary<Append> = fc.record({
  stream: fc.constantFrom('order-1', 'order-2', 'invoice-1', 'x'),
  size: fc.integer({ min: 0, max: 3 }),
  invalidAt: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
  expected: fc.option(
    fc.oneof(fc.constantFrom<ExpectedRevision>('any', 'no_stream', 'stream_exists'), fc.integer({ min: -1, max: 6 })),
    { nil: undefined },
  ),
});

type Outcome = { ok: true; revision: number } | { ok: false; code: string; actual?: unknown };

/** What the store should do, following the port's rules; applies the append to the model when it succeeds. */
const expectedOutcome = (model: Model, a: Append, batch: readonly EventToAppend[]): Outcome => {
  const ids = model.streams.get(a.stream);
  const last = ids === undefined ? -1 : ids.length - 1;
  const expected = a.expected ?? 'any';
  const badRevision = typeof expected === 'number' && expected < 0;
  const badEvent = a.invalidAt !== undefined && a.invalidAt < a.size;
  if (a.size === 0 || badRevision || badEvent) return { ok: false, code: 'INVALID_APPEND' };
  const matches =
    expected === 'any' ||
    (expected === 'no_stream' && last === -1) ||
    (expected === 'stream_exists' && last >= 0) ||
    expected === last;
  if (!matches) return { ok: false, code: 'WRONG_EXPECTED_REVISION', actual: last === -1 ? 'no_stream' : last };
  const stream = ids ?? [];
  model.streams.set(a.stream, stream);
  for (const e of batch) {
    stream.push(e.id);
    model.all.push(e.id);
  }
  return { ok: true, revision: stream.length - 1 };
};

const batchOf = (a: Append): EventToAppend[] =>
  Array.from({ length: a.size }, (_, i) => ({
    id: randomUUID(),
    type: i === a.invalidAt ? '' : 'Happened',
    data: { i },
    metadata: {},
  }));

describe('in-memory event store against a model', () => {
  it('given any sequence of appends with any expected revisions, then revisions, $all order and refusals agree with the model', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(appendArb, { maxLength: 40 }), async (appends) => {
        const store = createInMemoryEventStore();
        const model: Model = { streams: new Map(), all: [] };

        for (const a of appends) {
          const batch = batchOf(a);
          const expected = expectedOutcome(model, a, batch);
          const actual: Outcome = await store
            .appendToStream(a.stream, batch, a.expected === undefined ? undefined : { expectedRevision: a.expected })
            .then(
              (r) => ({ ok: true as const, revision: r.nextExpectedRevision }),
              (e: unknown) => {
                expect(e).toBeInstanceOf(StoreError);
                const error = e as StoreError;
                return e instanceof WrongExpectedRevisionError
                  ? { ok: false as const, code: error.code, actual: e.actual }
                  : { ok: false as const, code: error.code };
              },
            );
          expect(actual).toEqual(expected);
        }

        for (const [stream, ids] of model.streams) {
          const read = await store.readStream(stream);
          expect(read.map((e) => e.id)).toEqual(ids);
          expect(read.map((e) => e.revision)).toEqual(ids.map((_, i) => i));
        }
        const all = await store.readAll();
        expect(all.map((e) => e.id)).toEqual(model.all);
        expect(all.map((e) => e.position)).toEqual(model.all.map((_, i) => i));
        const backwards = await store.readAll({ direction: 'backwards' });
        expect(backwards.map((e) => e.id)).toEqual([...model.all].reverse());
        await store.close();
      }),
      { numRuns: 200 },
    );
  });
});
