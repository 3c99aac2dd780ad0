import fc from 'fast-check';
import { z } from 'zod';
import { runAiChangeRequest, runEmergencyChange, runFullLifecycle, runRollback } from '../../src/demo/index.js';
import { actors } from '../../src/demo/actors.js';
import { createManualClock } from '../../src/demo/manualClock.js';
import { OK, INVALID, UNSURE, type Verdict } from '../../src/events/precheck.js';
import { changeRequestIdOfStream } from '../../src/events/streams.js';
import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import type { EventStore, RecordedEvent } from '../../src/store/port.js';
import { assessedChangeRequest, pipelineOn, rightOf } from './pipeline.js';

/**
 * What the precheck tests share: the contract check itself (a verdict
 * compared with what zod's safeParse really does), real events as the
 * command pipeline stores them, and the mutations the property tests apply
 * to them.
 */

// ------------------------------------------------------------------ the contract

/**
 * A text form of a value that tells apart everything the contract cares
 * about: key order, a key holding undefined from a missing key, -0 from 0,
 * NaN, array holes, and an own key that is not enumerable. Prototypes are
 * left out on purpose (zod returns plain objects; see the null-prototype test).
 */
export const shapeOf = (value: unknown): string => {
  if (value === undefined) return 'undefined';
  if (value === null) return 'null';
  switch (typeof value) {
    case 'number':
      return Object.is(value, -0) ? '-0' : String(value);
    case 'string':
      return JSON.stringify(value);
    case 'boolean':
      return String(value);
    case 'bigint':
      return `${value}n`;
    case 'symbol':
    case 'function':
      return typeof value;
    default:
      break;
  }
  if (Array.isArray(value)) {
    const items: string[] = [];
    for (let i = 0; i < value.length; i++) items.push(i in value ? shapeOf(value[i]) : 'hole');
    return `[${items.join(',')}]`;
  }
  const object = value as { readonly [key: string]: unknown };
  const keys = Object.getOwnPropertyNames(object).map((key) => {
    const enumerable = Object.prototype.propertyIsEnumerable.call(object, key);
    return `${enumerable ? '' : '~'}${JSON.stringify(key)}:${shapeOf(object[key])}`;
  });
  const symbols = Object.getOwnPropertySymbols(object).length;
  return `{${keys.join(',')}${symbols > 0 ? `,symbols:${symbols}` : ''}}`;
};

/**
 * Checks one verdict against zod. Returns what is wrong, or undefined when
 * the verdict keeps the contract:
 * - OK: safeParse succeeds and returns the input exactly (same keys, same order, same values);
 * - INVALID: safeParse fails;
 * - UNSURE: no claim;
 * and in every case the precheck neither throws nor changes its input.
 */
export const contractBreach = (schema: z.ZodType, verdictOf: (value: unknown) => Verdict, value: unknown): string | undefined => {
  const before = shapeOf(value);
  let verdict: Verdict;
  try {
    verdict = verdictOf(value);
  } catch (e) {
    return `the precheck threw: ${String(e)}`;
  }
  if (shapeOf(value) !== before) return `the precheck changed its input from ${before} to ${shapeOf(value)}`;
  if (verdict !== OK && verdict !== INVALID && verdict !== UNSURE) return `the verdict ${String(verdict)} is not 0, 1 or 2`;
  if (verdict === UNSURE) return undefined;
  let result: ReturnType<z.ZodType['safeParse']>;
  try {
    result = schema.safeParse(value);
  } catch (e) {
    return `verdict ${verdict}, but safeParse threw: ${String(e)}`;
  }
  if (verdict === INVALID) return result.success ? `verdict INVALID, but zod accepts it as ${shapeOf(result.data)}` : undefined;
  if (!result.success) return `verdict OK, but zod refuses it: ${result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
  if (shapeOf(result.data) !== before) return `verdict OK, but zod returns ${shapeOf(result.data)} for ${before}`;
  if (JSON.stringify(result.data) !== JSON.stringify(value)) return 'verdict OK, but the JSON texts of input and output differ';
  return undefined;
};

// ------------------------------------------------------------------ real events

/** Appends each event again, in global order, to another store (the events keep their ids, data and metadata). */
const replay = async (events: readonly RecordedEvent[], into: EventStore): Promise<void> => {
  for (const e of events) {
    await into.appendToStream(e.streamName, [{ id: e.id, type: e.type, data: e.data, metadata: e.metadata }], { expectedRevision: 'any' });
  }
};

/**
 * Runs real commands through the pipeline onto `store`: the four worked
 * scenarios (full lifecycle with a failed test run, emergency, rollback,
 * AI-generated CR), plus the detours they do not take (a stakeholder
 * objection, an escalation, a rejection, a failed production deployment),
 * so that every event type of the catalogue is written once at least.
 * Returns what the store gives back.
 */
export const pipelineRecords = async (store: EventStore): Promise<readonly RecordedEvent[]> => {
  await runFullLifecycle({ store });
  await runEmergencyChange({ store });
  await runRollback({ store });
  await runAiChangeRequest({ store });

  let n = 0;
  const { cm } = pipelineOn(store, { newId: () => `detour-${++n}` });
  const id = await assessedChangeRequest(cm);
  const { johan, stakeholder } = actors;
  rightOf(await cm.execute({ type: 'RecordStakeholderReview', changeRequestId: id, actor: stakeholder, data: { position: 'object', comment: 'No backfill plan' } }));
  rightOf(await cm.execute({ type: 'EscalateChangeRequest', changeRequestId: id, actor: johan, data: { reason: 'The owner objects' } }));
  rightOf(await cm.execute({ type: 'RejectChangeRequest', changeRequestId: id, actor: johan, data: { reason: 'risk_too_high', rationale: 'No backfill plan yet' } }));

  // A failed deployment: the rollback scenario's CR as it stood right after its deployment, then the failure recorded.
  // (a year later, so that its CR numbers are its own)
  const scratch = createInMemoryEventStore();
  await runRollback({ store: scratch, start: '2026-12-08T09:00:00Z' });
  const scenario = await scratch.readAll();
  const deployed = scenario.findIndex((e) => e.type === 'DeployedToProduction');
  await replay(scenario.slice(0, deployed + 1), store);
  const failing = pipelineOn(store, { clock: createManualClock('2026-12-10T09:00:00Z').now, newId: () => `failure-${++n}` }).cm;
  const changeRequestId = changeRequestIdOfStream(scenario[deployed]!.streamName)!;
  rightOf(
    await failing.execute({
      type: 'RecordDeploymentFailure',
      changeRequestId,
      actor: johan,
      data: { reason: 'Migration timed out', errors: ['lock wait timeout exceeded'] },
    }),
  );
  return store.readAll();
};

// ------------------------------------------------------------------ paths in a value

export type Path = readonly (string | number)[];

const isRecord = (value: unknown): value is { readonly [key: string]: unknown } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every position below the root (object keys and array indexes), depth first. */
export const pathsIn = (value: unknown, at: Path = []): Path[] => {
  if (Array.isArray(value)) return value.flatMap((item, i) => [[...at, i], ...pathsIn(item, [...at, i])]);
  if (isRecord(value)) return Object.keys(value).flatMap((key) => [[...at, key], ...pathsIn(value[key], [...at, key])]);
  return [];
};

/** The positions of the plain objects in a value, the root included. */
export const objectPathsIn = (value: unknown): Path[] => [[], ...pathsIn(value)].filter((p) => isRecord(getAt(value, p)));

export const getAt = (value: unknown, path: Path): unknown =>
  path.reduce<unknown>((v, step) => (v === null || typeof v !== 'object' ? undefined : (v as Record<string | number, unknown>)[step]), value);

/** A copy of `value` with the position at `path` replaced by `change(old)`; everything off the path is shared, never written. */
export const updateAt = (value: unknown, path: Path, change: (old: unknown) => unknown): unknown => {
  if (path.length === 0) return change(value);
  const [step, ...rest] = path;
  if (Array.isArray(value)) {
    const copy = [...value];
    copy[step as number] = updateAt(value[step as number], rest, change);
    return copy;
  }
  if (isRecord(value)) return { ...value, [step as string]: updateAt(value[step as string], rest, change) };
  return value;
};

const entriesToObject = (entries: readonly (readonly [string, unknown])[]): { [key: string]: unknown } => {
  const object: { [key: string]: unknown } = {};
  for (const [key, v] of entries) object[key] = v;
  return object;
};

// ------------------------------------------------------------------ the schema's defaulted keys

/** Unwraps optional, nullable and default wrappers to the schema that judges a present value. */
const unwrap = (schema: z.ZodType): z.ZodType => {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault) s = s.unwrap() as z.ZodType;
  return s;
};

/** The positions in `value` of keys whose schema has a default (zod fills them in when they are missing). */
export const defaultedPaths = (schema: z.ZodType, value: unknown, at: Path = []): Path[] => {
  const s = unwrap(schema);
  if (s instanceof z.ZodObject && isRecord(value)) {
    const shape = s.shape as { readonly [key: string]: z.ZodType };
    return Object.keys(shape).flatMap((key) => {
      if (!Object.hasOwn(value, key)) return [];
      const own = shape[key] instanceof z.ZodDefault ? [[...at, key]] : [];
      return [...own, ...defaultedPaths(shape[key]!, value[key], [...at, key])];
    });
  }
  if (s instanceof z.ZodArray && Array.isArray(value)) {
    return value.flatMap((item, i) => defaultedPaths(s.element as z.ZodType, item, [...at, i]));
  }
  return [];
};

// ------------------------------------------------------------------ mutations

/** Values that sit on the edges of the catalogue's rules. */
export const specialValues: readonly unknown[] = [
  '',
  ' ',
  ' padded ',
  'x'.repeat(600),
  'x'.repeat(10_001),
  '😀'.repeat(300),
  -1,
  1.5,
  0,
  -0,
  101,
  100_001,
  2 ** 53,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  null,
  undefined,
  [],
  {},
  true,
  false,
  '2025-13-45T99:00:00Z',
  '2025-12-04T09:00:00',
  '2025-12-04T09:00:00.000Z',
  'a'.repeat(63),
  '0'.repeat(63),
  'F'.repeat(64),
  'CR-2025-001',
  'AI-CR-2025-045',
  'manual',
  'executive',
];

export const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 2 }) },
  { weight: 3, arbitrary: fc.constantFrom(...specialValues) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 8 }) },
);

const padding = fc.constantFrom(' ', '\n', '\t', '\u00a0', '\u2028', '  ');

export type Mutation =
  | { readonly kind: 'replace'; readonly at: number; readonly with: unknown }
  | { readonly kind: 'delete'; readonly at: number; readonly key: number }
  | { readonly kind: 'add'; readonly at: number; readonly key: string; readonly with: unknown; readonly position: number }
  | { readonly kind: 'reorder'; readonly at: number; readonly from: number; readonly to: number }
  | { readonly kind: 'dropDefault'; readonly at: number }
  | { readonly kind: 'pad'; readonly at: number; readonly before: string; readonly after: string };

export const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), with: anyValue }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), key: fc.nat() }),
  fc.record({
    kind: fc.constant('add' as const),
    at: fc.nat(),
    key: fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('id', 'role', 'hash', 'data', 'constructor', 'toString', '__proto__', '0')),
    with: anyValue,
    position: fc.nat(),
  }),
  fc.record({ kind: fc.constant('reorder' as const), at: fc.nat(), from: fc.nat(), to: fc.nat() }),
  fc.record({ kind: fc.constant('dropDefault' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('pad' as const), at: fc.nat(), before: fc.oneof(fc.constant(''), padding), after: fc.oneof(fc.constant(''), padding) }),
);

const pick = <T>(items: readonly T[], n: number): T | undefined => (items.length === 0 ? undefined : items[n % items.length]);

/** Applies one mutation to a copy of `value`; a mutation with nowhere to apply leaves it as it is. */
export const applyMutation = (schema: z.ZodType, value: unknown, m: Mutation): unknown => {
  switch (m.kind) {
    case 'replace': {
      const path = pick(pathsIn(value), m.at);
      return path === undefined ? value : updateAt(value, path, () => m.with);
    }
    case 'delete': {
      const path = pick(objectPathsIn(value), m.at);
      if (path === undefined) return value;
      return updateAt(value, path, (old) => {
        const entries = Object.entries(old as object);
        const gone = pick(entries, m.key)?.[0];
        return entriesToObject(entries.filter(([key]) => key !== gone));
      });
    }
    case 'add': {
      const path = pick(objectPathsIn(value), m.at);
      if (path === undefined) return value;
      return updateAt(value, path, (old) => {
        const entries: (readonly [string, unknown])[] = Object.entries(old as object).filter(([key]) => key !== m.key);
        entries.splice(m.position % (entries.length + 1), 0, [m.key, m.with]);
        // `object[key] = v` on '__proto__' would set the prototype; defineProperty adds an own key, as JSON.parse does.
        const object: { [key: string]: unknown } = {};
        for (const [key, v] of entries) Object.defineProperty(object, key, { value: v, enumerable: true, writable: true, configurable: true });
        return object;
      });
    }
    case 'reorder': {
      const path = pick(objectPathsIn(value), m.at);
      if (path === undefined) return value;
      return updateAt(value, path, (old) => {
        const entries = Object.entries(old as object);
        if (entries.length < 2) return old;
        const [moved] = entries.splice(m.from % entries.length, 1);
        entries.splice(m.to % (entries.length + 1), 0, moved!);
        return entriesToObject(entries);
      });
    }
    case 'dropDefault': {
      const path = pick(defaultedPaths(schema, value), m.at);
      if (path === undefined) return value;
      const key = path[path.length - 1] as string;
      return updateAt(value, path.slice(0, -1), (old) => entriesToObject(Object.entries(old as object).filter(([k]) => k !== key)));
    }
    case 'pad': {
      const path = pick(
        pathsIn(value).filter((p) => typeof getAt(value, p) === 'string'),
        m.at,
      );
      return path === undefined ? value : updateAt(value, path, (old) => `${m.before}${String(old)}${m.after}`);
    }
  }
};
