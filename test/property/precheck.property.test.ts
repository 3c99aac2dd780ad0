import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { eventDataSchemas, eventTypes, isEventType, type EventType } from '../../src/events/catalogue.js';
import { EventMetadata } from '../../src/events/metadata.js';
import { compileVerdict, INVALID, OK, UNSURE, type Verdict } from '../../src/events/precheck.js';
import { decodeRecordedEvent, type StoredEvent } from '../../src/events/serialization.js';
import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import type { JsonObject, RecordedEvent } from '../../src/store/port.js';
import { anyValue, applyMutation, contractBreach, mutationArb, pipelineRecords, shapeOf, type Mutation } from '../support/precheckValues.js';

/**
 * The precheck's contract, on values built to sit near the line: an OK
 * verdict means zod's safeParse succeeds and returns the input unchanged
 * (same keys, same order, same values); an INVALID verdict means safeParse
 * fails. Each property also counts the verdicts it saw, so that a run where
 * the precheck only ever answered UNSURE (and so proved nothing) fails too.
 */

const dataVerdicts = Object.fromEntries(eventTypes.map((type) => [type, compileVerdict(eventDataSchemas[type])])) as {
  readonly [K in EventType]: (value: unknown) => Verdict;
};
const metadataVerdict = compileVerdict(EventMetadata);

const tally = (): { counts: Record<Verdict, number>; see: (v: Verdict) => void } => {
  const counts: Record<Verdict, number> = { [OK]: 0, [INVALID]: 0, [UNSURE]: 0 };
  return { counts, see: (v) => (counts[v] += 1) };
};

let records: readonly RecordedEvent[] = [];
beforeAll(async () => {
  const store = createInMemoryEventStore();
  records = (await pipelineRecords(store)).filter((r) => isEventType(r.type));
  await store.close();
});

const recordAt = (i: number): RecordedEvent & { readonly type: EventType } => records[i % records.length] as RecordedEvent & { readonly type: EventType };
const mutations = fc.array(mutationArb, { minLength: 1, maxLength: 3 });
const mutated = (schema: z.ZodType, value: unknown, ms: readonly Mutation[]): unknown => ms.reduce((v, m) => applyMutation(schema, v, m), value);

describe('precheck on mutated stored events (property)', () => {
  const onData = tally();
  const onMetadata = tally();
  afterAll(() => {
    // Not vacuous: the mutations reached every answer.
    for (const seen of [onData.counts, onMetadata.counts]) {
      expect(seen[OK]).toBeGreaterThan(0);
      expect(seen[INVALID]).toBeGreaterThan(0);
      expect(seen[UNSURE]).toBeGreaterThan(0);
    }
  });

  it('given a stored event data with values replaced, keys deleted, added or moved, defaults dropped or strings padded, then the verdict keeps the contract', () => {
    fc.assert(
      fc.property(fc.nat(), mutations, (i, ms) => {
        const record = recordAt(i);
        const schema = eventDataSchemas[record.type];
        const value = mutated(schema, record.data, ms);
        expect(contractBreach(schema, dataVerdicts[record.type], value)).toBeUndefined();
        onData.see(dataVerdicts[record.type](value));
      }),
      { numRuns: 3_000 },
    );
  });

  it('given stored event metadata mutated the same ways, then the verdict keeps the contract', () => {
    fc.assert(
      fc.property(fc.nat(), mutations, (i, ms) => {
        const value = mutated(EventMetadata, recordAt(i).metadata, ms);
        expect(contractBreach(EventMetadata, metadataVerdict, value)).toBeUndefined();
        onMetadata.see(metadataVerdict(value));
      }),
      { numRuns: 3_000 },
    );
  });
});

/** The same record with metadata that is not a plain object: the precheck declines it, so decodeRecordedEvent takes zod's path. */
const throughZod = (record: RecordedEvent): RecordedEvent => {
  class NotPlain {}
  const metadata = new NotPlain();
  for (const [key, v] of Object.entries(record.metadata)) Object.defineProperty(metadata, key, { value: v, enumerable: true });
  return { ...record, metadata: metadata as JsonObject };
};

const envelope = (e: StoredEvent): string =>
  shapeOf([e.type, e.id, e.streamName, e.revision, e.position, e.data, e.metadata]);

describe('decodeRecordedEvent on mutated stored events (property)', () => {
  it('given a mutated record, then decoding it gives what zod alone gives, and the record itself only when zod would return it unchanged', () => {
    let fast = 0;
    fc.assert(
      fc.property(fc.nat(), mutations, mutations, fc.boolean(), fc.boolean(), (i, onData, onMetadata, mutateData, mutateMetadata) => {
        const original = recordAt(i);
        const record: RecordedEvent = {
          ...original,
          data: (mutateData ? mutated(eventDataSchemas[original.type], original.data, onData) : original.data) as JsonObject,
          metadata: (mutateMetadata ? mutated(EventMetadata, original.metadata, onMetadata) : original.metadata) as JsonObject,
        };
        const decoded = decodeRecordedEvent(record);
        const reference = decodeRecordedEvent(throughZod(record));
        if (E.isLeft(reference)) {
          expect(decoded).toEqual(reference);
          return;
        }
        if (E.isLeft(decoded)) throw new Error(`the fast path refused what zod accepts: ${decoded.left.message}`);
        // The envelope's own key order is no part of the contract: compare it field by field.
        expect(envelope(decoded.right)).toBe(envelope(reference.right));
        if (decoded.right === (record as unknown)) fast += 1;
      }),
      { numRuns: 1_500 },
    );
    expect(fast).toBeGreaterThan(0);
  });
});

// ------------------------------------------------------------------ schemas built from small zod blocks

type Spec =
  | { readonly t: 'string'; readonly trim: 'none' | 'first' | 'last'; readonly min?: number; readonly max?: number; readonly regex?: number }
  | { readonly t: 'number'; readonly int: boolean; readonly min?: number; readonly max?: number }
  | { readonly t: 'boolean' }
  | { readonly t: 'enum'; readonly values: readonly string[] }
  | { readonly t: 'literal'; readonly value: string | number | boolean }
  | { readonly t: 'array'; readonly element: Spec; readonly min?: number; readonly max?: number; readonly length?: number; readonly refine?: number }
  | { readonly t: 'object'; readonly fields: readonly (readonly [string, Spec])[]; readonly refine?: number }
  | { readonly t: 'optional' | 'nullable'; readonly inner: Spec }
  | { readonly t: 'default'; readonly inner: Spec; readonly fallback: unknown }
  | { readonly t: 'union'; readonly a: Spec; readonly b: Spec }
  | { readonly t: 'refine'; readonly inner: Spec; readonly predicate: number; readonly superRefine: boolean };

const patterns = [/^[a-z]*$/, /^\d{3}$/, /a/g];
const patternSamples = ['', 'abc', 'ABC', '123', '1234', 'a', 'banana', ' a'];

const hasPadding = (v: unknown): boolean =>
  typeof v === 'string' ? v !== v.trim() : Array.isArray(v) ? v.some(hasPadding) : typeof v === 'object' && v !== null ? Object.values(v).some(hasPadding) : false;

/** Refinements that are total (they never throw, whatever they are given) and that trimming or defaults can flip. */
const predicates: readonly ((v: unknown) => boolean)[] = [
  (v) => String(JSON.stringify(v)).length % 2 === 0,
  (v) => !String(JSON.stringify(v)).includes('x'),
  (v) => !hasPadding(v),
];

const maybe = <T>(arb: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> => fc.option(arb, { nil: undefined });

const specArb: fc.Arbitrary<Spec> = fc.letrec<{ spec: Spec }>((tie) => ({
  spec: fc.oneof(
    { maxDepth: 3, depthSize: 'small' },
    fc.record({ t: fc.constant('string' as const), trim: fc.constantFrom('none' as const, 'first' as const, 'last' as const), min: maybe(fc.nat(3)), max: maybe(fc.nat(4)), regex: maybe(fc.nat(patterns.length - 1)) }, { requiredKeys: ['t', 'trim'] }),
    fc.record({ t: fc.constant('number' as const), int: fc.boolean(), min: maybe(fc.integer({ min: -1, max: 5 })), max: maybe(fc.integer({ min: 0, max: 10 })) }, { requiredKeys: ['t', 'int'] }),
    fc.record({ t: fc.constant('boolean' as const) }),
    fc.record({ t: fc.constant('enum' as const), values: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', ' a', 'x'), { minLength: 1, maxLength: 3 }) }),
    fc.record({ t: fc.constant('literal' as const), value: fc.constantFrom<string | number | boolean>('a', 1, true, 0) }),
    fc.record(
      { t: fc.constant('array' as const), element: tie('spec'), min: maybe(fc.nat(2)), max: maybe(fc.nat(3)), length: maybe(fc.nat(2)), refine: maybe(fc.nat(predicates.length - 1)) },
      { requiredKeys: ['t', 'element'] },
    ),
    fc.record(
      {
        t: fc.constant('object' as const),
        fields: fc.uniqueArray(fc.tuple(fc.constantFrom('a', 'b', 'c', 'd'), tie('spec')), { maxLength: 3, selector: ([key]) => key }),
        refine: maybe(fc.nat(predicates.length - 1)),
      },
      { requiredKeys: ['t', 'fields'] },
    ),
    fc.record({ t: fc.constantFrom('optional' as const, 'nullable' as const), inner: tie('spec') }),
    fc.record({ t: fc.constant('default' as const), inner: tie('spec'), fallback: fc.oneof(fc.jsonValue({ maxDepth: 1 }), fc.constant('a')) }),
    fc.record({ t: fc.constant('union' as const), a: tie('spec'), b: tie('spec') }),
    fc.record({ t: fc.constant('refine' as const), inner: tie('spec'), predicate: fc.nat(predicates.length - 1), superRefine: fc.boolean() }),
  ),
})).spec;

const refined = <S extends z.ZodType>(schema: S, predicate: number, superRefine = false): z.ZodType => {
  const holds = predicates[predicate]!;
  return superRefine
    ? schema.superRefine((v, ctx) => {
        if (!holds(v)) ctx.addIssue({ code: 'custom', message: 'refused' });
      })
    : schema.refine(holds);
};

const build = (spec: Spec): z.ZodType => {
  switch (spec.t) {
    case 'string': {
      let s = z.string();
      if (spec.trim === 'first') s = s.trim();
      if (spec.min !== undefined) s = s.min(spec.min);
      if (spec.max !== undefined) s = s.max(spec.max);
      if (spec.regex !== undefined) s = s.regex(patterns[spec.regex]!);
      if (spec.trim === 'last') s = s.trim();
      return s;
    }
    case 'number': {
      let n = z.number();
      if (spec.int) n = n.int();
      if (spec.min !== undefined) n = n.min(spec.min);
      if (spec.max !== undefined) n = n.max(spec.max);
      return n;
    }
    case 'boolean':
      return z.boolean();
    case 'enum':
      return z.enum(spec.values as [string, ...string[]]);
    case 'literal':
      return z.literal(spec.value);
    case 'array': {
      let a = z.array(build(spec.element));
      if (spec.min !== undefined) a = a.min(spec.min);
      if (spec.max !== undefined) a = a.max(spec.max);
      if (spec.length !== undefined) a = a.length(spec.length);
      return spec.refine === undefined ? a : refined(a, spec.refine);
    }
    case 'object': {
      const o = z.object(Object.fromEntries(spec.fields.map(([key, field]) => [key, build(field)])));
      return spec.refine === undefined ? o : refined(o, spec.refine, true);
    }
    case 'optional':
      return build(spec.inner).optional();
    case 'nullable':
      return build(spec.inner).nullable();
    case 'default':
      // zod does not check a default against its schema; any fallback will do for the contract.
      return build(spec.inner).default(spec.fallback as never);
    case 'union':
      return z.union([build(spec.a), build(spec.b)]);
    case 'refine':
      return refined(build(spec.inner), spec.predicate, spec.superRefine);
  }
};

const strings = fc.oneof(
  fc.string({ maxLength: 6 }),
  fc.string({ unit: 'binary', maxLength: 4 }),
  fc.constantFrom(...patternSamples, ' ', 'a ', ' x ', '😀', '😀😀', 'a😀', 'x'.repeat(5)),
);

/** Values that a schema of `spec` may accept: mostly the right shape, with the near misses the contract is about. */
const near = (spec: Spec): fc.Arbitrary<unknown> => {
  const exact = ((): fc.Arbitrary<unknown> => {
    switch (spec.t) {
      case 'string':
        return strings;
      case 'number':
        return fc.oneof(fc.integer({ min: -2, max: 12 }), fc.double(), fc.constantFrom(-0, 0.5, 2 ** 53, Number.NaN, Number.POSITIVE_INFINITY));
      case 'boolean':
        return fc.boolean();
      case 'enum':
        return fc.constantFrom(...spec.values, 'zz');
      case 'literal':
        return fc.constantFrom(spec.value, 'b', 2);
      case 'array':
        return fc.array(fc.oneof({ weight: 9, arbitrary: near(spec.element) }, { weight: 1, arbitrary: fc.constant(undefined) }), { maxLength: 4 });
      case 'object':
        return objectNear(spec.fields);
      case 'optional':
      case 'default':
        return fc.oneof({ weight: 4, arbitrary: near(spec.inner) }, { weight: 1, arbitrary: fc.constant(undefined) });
      case 'nullable':
        return fc.oneof({ weight: 4, arbitrary: near(spec.inner) }, { weight: 1, arbitrary: fc.constant(null) });
      case 'union':
        return fc.oneof(near(spec.a), near(spec.b));
      case 'refine':
        return near(spec.inner);
    }
  })();
  return fc.oneof({ weight: 8, arbitrary: exact }, { weight: 1, arbitrary: anyValue });
};

/** An object for these fields: most keys present in schema order, sometimes one left out, one unknown key, the order changed, or another prototype. */
const objectNear = (fields: readonly (readonly [string, Spec])[]): fc.Arbitrary<unknown> =>
  fc
    .record({
      values: fc.tuple(...fields.map(([, spec]) => near(spec))),
      present: fc.array(fc.oneof({ weight: 6, arbitrary: fc.constant(true) }, { weight: 1, arbitrary: fc.constant(false) }), {
        minLength: fields.length,
        maxLength: fields.length,
      }),
      extra: maybe(fc.tuple(fc.constantFrom('a', 'b', 'e', 'z'), anyValue)),
      reverse: fc.oneof({ weight: 6, arbitrary: fc.constant(false) }, { weight: 1, arbitrary: fc.constant(true) }),
      prototype: fc.constantFrom('plain', 'plain', 'plain', 'plain', 'plain', 'null', 'class'),
    })
    .map(({ values, present, extra, reverse, prototype }) => {
      const entries: [string, unknown][] = fields.flatMap(([key], i) => (present[i] ? [[key, values[i]] as [string, unknown]] : []));
      if (extra !== undefined) entries.push(extra);
      if (reverse) entries.reverse();
      class Shaped {}
      const object: { [key: string]: unknown } = prototype === 'null' ? Object.create(null) : prototype === 'class' ? new Shaped() : {};
      for (const [key, v] of entries) object[key] = v;
      return object;
    });

describe('precheck on schemas built from small zod blocks (property)', () => {
  it('given a schema of strings, numbers, booleans, enums, literals, arrays, objects, wrappers, unions and refinements, then every verdict keeps the contract', () => {
    const seen = tally();
    const cases = specArb.chain((spec) => fc.tuple(fc.constant(spec), fc.array(near(spec), { minLength: 1, maxLength: 8 })));
    fc.assert(
      fc.property(cases, ([spec, values]) => {
        const schema = build(spec);
        const verdictOf = compileVerdict(schema);
        for (const value of values) {
          expect(contractBreach(schema, verdictOf, value)).toBeUndefined();
          seen.see(verdictOf(value));
        }
      }),
      { numRuns: 4_000 },
    );
    const total = seen.counts[OK] + seen.counts[INVALID] + seen.counts[UNSURE];
    expect(seen.counts[OK] / total).toBeGreaterThan(0.1);
    expect(seen.counts[INVALID] / total).toBeGreaterThan(0.1);
  });
});
