import * as E from 'fp-ts/lib/Either.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ImpactAssessment, TestRunResults } from '../../src/events/assessments.js';
import { eventDataSchemas, eventTypes, isEventType, type EventType } from '../../src/events/catalogue.js';
import { sealEvent } from '../../src/events/integrity.js';
import { EventMetadata } from '../../src/events/metadata.js';
import { compilePrecheck, compileVerdict, INVALID, OK, UNSURE, type Verdict } from '../../src/events/precheck.js';
import { decodeRecordedEvent } from '../../src/events/serialization.js';
import { Actor, ShortText } from '../../src/events/values.js';
import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import type { EventStore, JsonObject, RecordedEvent } from '../../src/store/port.js';
import * as fixtures from '../support/eventFixtures.js';
import { passingResults } from '../support/eventFixtures.js';
import { contractBreach, pipelineRecords, shapeOf } from '../support/precheckValues.js';
import { createTempSqliteStore } from '../store/fixtures/tempSqliteStore.js';

/** The verdict of `schema`'s precheck on `value`, after checking it against what zod really does. */
const judged = (schema: z.ZodType, value: unknown): Verdict => {
  expect(contractBreach(schema, compileVerdict(schema), value)).toBeUndefined();
  return compileVerdict(schema)(value);
};

const dataVerdicts = Object.fromEntries(eventTypes.map((type) => [type, compileVerdict(eventDataSchemas[type])])) as {
  readonly [K in EventType]: (value: unknown) => Verdict;
};
const metadataVerdict = compileVerdict(EventMetadata);

/** The stored events whose verdict is not OK, as `type: data|metadata = verdict` lines (empty when all are OK). */
const notOk = (records: readonly RecordedEvent[]): string[] =>
  records.flatMap((r) => {
    if (!isEventType(r.type)) return [];
    const data = dataVerdicts[r.type](r.data);
    const metadata = metadataVerdict(r.metadata);
    return [
      ...(data === OK ? [] : [`${r.type}#${r.revision}: data = ${data}`]),
      ...(metadata === OK ? [] : [`${r.type}#${r.revision}: metadata = ${metadata}`]),
    ];
  });

const domainTypesOf = (records: readonly RecordedEvent[]): string[] => [...new Set(records.map((r) => r.type).filter(isEventType))].sort();

// ------------------------------------------------------------------ usefulness

const stores: { readonly name: string; readonly create: () => Promise<{ store: EventStore; teardown: () => Promise<void> }> }[] = [
  { name: 'in-memory', create: async () => { const store = createInMemoryEventStore(); return { store, teardown: () => store.close() }; } },
  { name: 'SQLite', create: () => createTempSqliteStore() },
];

describe.each(stores)('precheck on events the command pipeline wrote to the $name store', ({ create }) => {
  let records: readonly RecordedEvent[] = [];
  let teardown: (() => Promise<void>) | undefined;
  beforeAll(async () => {
    const created = await create();
    teardown = created.teardown;
    records = await pipelineRecords(created.store);
  });
  afterAll(async () => {
    await teardown?.();
  });

  it('given the worked scenarios and their detours, then every event type of the catalogue was written', () => {
    expect(domainTypesOf(records)).toEqual([...eventTypes].sort());
  });

  it('when the events are read back, then the precheck says OK for every data and every metadata', () => {
    expect(records.length).toBeGreaterThan(100);
    expect(notOk(records)).toEqual([]);
  });

  it('when they are decoded, then each decoded event is the stored record itself, unchanged', () => {
    for (const record of records.filter((r) => isEventType(r.type))) {
      const before = shapeOf(record);
      const decoded = decodeRecordedEvent(record);
      expect(E.isRight(decoded) && decoded.right).toBe(record);
      expect(shapeOf(record)).toBe(before);
    }
  });
});

describe('precheck on the hand-written event fixtures', () => {
  const lifecycles = [
    fixtures.manualSuccess(),
    fixtures.manualSuccess({ number: 'CR-2025-020', level: 'critical', failedGateEvaluation: true, minimal: true }),
    fixtures.failedTestThenRevision(),
    fixtures.rolledBack(),
    fixtures.rolledBack({ number: 'CR-2025-013', level: 'low', failure: 'deployment_failed' }),
    fixtures.rejected(),
    fixtures.withdrawn(),
    fixtures.emergency(),
    fixtures.emergency({ number: 'CR-2025-091', retrospective: 'late' }),
    fixtures.emergency({ number: 'CR-2025-092', retrospective: 'missing' }),
    fixtures.aiGenerated(),
    fixtures.aiGenerated({ number: 'AI-CR-2025-046', level: 'low', outcome: 'rolled_back' }),
  ];
  const sealed = lifecycles.flatMap((l) => fixtures.sealFixture(l).flat());

  it('given every lifecycle the fixtures build, then they hold every event type', () => {
    expect([...new Set(sealed.map((e) => e.type))].sort()).toEqual([...eventTypes].sort());
  });

  it('then the precheck says OK for a fixture event exactly when zod would return its data unchanged', () => {
    const disagreements = sealed.flatMap((e) => {
      const type = e.type as EventType;
      const parsed = eventDataSchemas[type].parse(e.data);
      const unchanged = shapeOf(parsed) === shapeOf(e.data);
      return (dataVerdicts[type](e.data) === OK) === unchanged ? [] : [`${type}: verdict ${dataVerdicts[type](e.data)}, unchanged by zod: ${unchanged}`];
    });
    expect(disagreements).toEqual([]);
  });

  it('then, in the shape zod gives it (the shape the pipeline writes), every fixture event is OK, and so is every sealed metadata', () => {
    for (const e of sealed) {
      const type = e.type as EventType;
      expect(dataVerdicts[type](eventDataSchemas[type].parse(e.data)), type).toBe(OK);
      expect(metadataVerdict(e.metadata), type).toBe(OK);
    }
  });
});

// ------------------------------------------------------------------ given / when / then

const johan = { id: 'johan', role: 'change_manager' };

describe('precheck verdicts', () => {
  it('given a string zod would trim, then the value is not OK (zod returns another string)', () => {
    expect(judged(Actor, { id: ' johan ', role: 'change_manager' })).toBe(UNSURE);
    expect(compilePrecheck(Actor)({ id: ' johan ', role: 'change_manager' })).toBe(false);
    expect(Actor.parse({ id: ' johan ', role: 'change_manager' })).toEqual(johan);
    expect(judged(Actor, johan)).toBe(OK);
    expect(compilePrecheck(Actor)(johan)).toBe(true);
  });

  it('given an unknown key, then the value is not OK (zod strips it)', () => {
    const schema = eventDataSchemas.ChangeRequestEscalated;
    expect(judged(schema, { escalatedTo: 'executive', reason: 'Objection', note: 'extra' })).toBe(UNSURE);
    expect(judged(schema, { escalatedTo: 'executive', reason: 'Objection' })).toBe(OK);
  });

  it('given the keys out of the schema order, then the value is not OK (zod returns them in schema order)', () => {
    const schema = eventDataSchemas.ChangeRequestEscalated;
    expect(judged(schema, { reason: 'Objection', escalatedTo: 'executive' })).toBe(UNSURE);
    expect(Object.keys(schema.parse({ reason: 'Objection', escalatedTo: 'executive' }))).toEqual(['escalatedTo', 'reason']);
  });

  it('given a missing defaulted key, then the value is not OK (zod fills the default in)', () => {
    const schema = eventDataSchemas.StakeholdersNotified;
    expect(judged(schema, { stakeholders: ['owner'] })).toBe(UNSURE);
    expect(schema.parse({ stakeholders: ['owner'] })).toEqual({ stakeholders: ['owner'], message: '' });
    expect(judged(schema, { stakeholders: ['owner'], message: '' })).toBe(OK);
  });

  it('given a missing optional key, then the value is OK (zod leaves it out too)', () => {
    expect(judged(eventDataSchemas.RollbackExecuted, { revertedTo: 'release-1', steps: [] })).toBe(OK);
  });

  it('given an optional key present as undefined, then the value is not OK', () => {
    const value = { revertedTo: 'release-1', steps: [], migrationScript: undefined };
    expect(judged(eventDataSchemas.RollbackExecuted, value)).toBe(UNSURE);
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY])('given %s for a number, then the value is INVALID', (hours) => {
    const value = { criteria: { featureWorking: true, noProductionErrors: true, performanceAcceptable: true, noUserIssues: true, complianceMaintained: true }, monitoringHours: hours, report: '' };
    expect(judged(eventDataSchemas.ChangeVerified, value)).toBe(INVALID);
    expect(judged(eventDataSchemas.ChangeVerified, { ...value, monitoringHours: 24 })).toBe(OK);
  });

  it('given a union, then the first option that matches decides, and no option matching is INVALID', () => {
    const tenants = ImpactAssessment.shape.tenant.shape.affectedTenants;
    expect(judged(tenants, 'all')).toBe(OK);
    expect(judged(tenants, ['tenant-a'])).toBe(OK);
    expect(judged(tenants, ['tenant-a '])).toBe(UNSURE);
    expect(judged(tenants, 'some')).toBe(INVALID);
    expect(judged(tenants, [])).toBe(INVALID);
    expect(judged(z.union([z.string().trim(), z.string()]), ' a ')).toBe(UNSURE);
  });

  it('given test results whose counts do not add up, then the refinement makes them INVALID', () => {
    expect(judged(TestRunResults, passingResults)).toBe(OK);
    const existing = { ...passingResults, existingTests: { total: 245, passed: 244, failed: 0, skipped: 0 } };
    expect(judged(TestRunResults, existing)).toBe(INVALID);
    expect(TestRunResults.safeParse(existing).error?.issues[0]?.path).toEqual(['existingTests', 'total']);
    expect(judged(TestRunResults, { ...passingResults, newTests: { required: 5, created: 5, passed: 4, failed: 0 } })).toBe(INVALID);
  });

  it('given a class instance instead of a plain object, then the value is not OK, though zod accepts a plain copy', () => {
    class ActorRecord {
      constructor(
        readonly id: string,
        readonly role: string,
      ) {}
    }
    const instance = new ActorRecord('johan', 'change_manager');
    expect(judged(Actor, instance)).toBe(UNSURE);
    expect(Actor.parse(instance)).toEqual(johan);
  });

  it('given an object with a null prototype and the right keys, then it is OK, and zod returns the same keys and values in the same order', () => {
    const bare = Object.assign(Object.create(null) as object, { id: 'johan', role: 'change_manager' });
    expect(judged(Actor, bare)).toBe(OK);
    const parsed = Actor.parse(bare);
    expect(Object.entries(parsed)).toEqual(Object.entries(bare));
    // The one difference zod makes: its copy is an ordinary object.
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });

  it('given a value that is not an object at all, then an object schema says INVALID', () => {
    for (const value of [null, undefined, 'johan', 42, [johan]]) expect(judged(Actor, value)).toBe(INVALID);
  });

  it('given an object with a field it cannot judge, then a certainly wrong sibling still makes it INVALID, and otherwise it is UNSURE', () => {
    const schema = z.object({ a: z.lazy(() => z.string()), b: z.number() });
    expect(judged(schema, { a: 'x', b: 'not a number' })).toBe(INVALID);
    expect(judged(schema, { a: 'x', b: 1 })).toBe(UNSURE);
  });

  it('given a recursive schema (a field that refers back to its object), then a tree is judged at every depth', () => {
    const Tree: z.ZodType = z.object({
      name: ShortText,
      get children() {
        return z.array(Tree);
      },
    });
    const leaf = (name: string) => ({ name, children: [] });
    expect(judged(Tree, { name: 'root', children: [leaf('a'), { name: 'b', children: [leaf('c')] }] })).toBe(OK);
    expect(judged(Tree, { name: 'root', children: [{ name: 'b', children: [leaf(' c')] }] })).toBe(UNSURE);
    expect(judged(Tree, { name: 'root', children: [{ name: 'b', children: [leaf('')] }] })).toBe(INVALID);
  });

  it('given an ISO instant, a CR number pattern and a 64-hex hash, then the patterns decide like zod', () => {
    const metadata = {
      actor: johan,
      occurredAt: '2025-12-04T09:00:00.000Z',
      correlationId: 'c',
      causationId: 'c',
      schemaVersion: 1,
      commandType: 'DraftChangeRequest',
      previousHash: null,
      hash: 'a'.repeat(64),
    };
    expect(judged(EventMetadata, metadata)).toBe(OK);
    expect(judged(EventMetadata, { ...metadata, hash: 'a'.repeat(63) })).toBe(INVALID);
    expect(judged(EventMetadata, { ...metadata, occurredAt: '2025-12-04T09:00:00' })).toBe(INVALID);
    expect(judged(EventMetadata, { ...metadata, schemaVersion: 1.5 })).toBe(INVALID);
    expect(judged(eventDataSchemas.ChangeRequestSubmitted, { number: 'AI-CR-2025-045', submittedAt: '2025-12-04T09:00:00Z' })).toBe(OK);
    expect(judged(eventDataSchemas.ChangeRequestSubmitted, { number: 'CR-25-1', submittedAt: '2025-12-04T09:00:00Z' })).toBe(INVALID);
  });
});

describe('precheck on schema kinds it does not know', () => {
  it.each([
    ['a transform', z.transform((v: unknown) => v), 'x', undefined],
    ['a string piped through a transform', z.string().transform((s) => s.length), 'x', 42],
    ['a pipe', z.string().pipe(z.string().min(1)), 'x', 42],
    ['a lazy schema', z.lazy(() => z.string()), 'x', 42],
    ['a record', z.record(z.string(), z.number()), { a: 1 }, 'x'],
    ['a tuple', z.tuple([z.string()]), ['x'], 'x'],
    ['an intersection', z.intersection(z.object({ a: z.string() }), z.object({ b: z.string() })), { a: 'x', b: 'y' }, 'x'],
    ['a strict object', z.strictObject({ a: z.string() }), { a: 'x' }, 'x'],
    ['a loose object', z.looseObject({ a: z.string() }), { a: 'x' }, 'x'],
    ['a coercing number', z.coerce.number(), 1, {}],
    ['a date', z.date(), new Date(0), 'x'],
    ['unknown', z.unknown(), 'x', undefined],
  ])('given %s, then the verdict is UNSURE for a valid and for an invalid value', (_, schema, valid, invalid) => {
    expect(judged(schema as z.ZodType, valid)).toBe(UNSURE);
    expect(judged(schema as z.ZodType, invalid)).toBe(UNSURE);
  });
});

/**
 * Places where zod 4 does something a plain walk of the value does not
 * predict. Each case is one input and one schema; the contract asks that the
 * verdict is UNSURE there (or right).
 */
describe('precheck where zod is subtler than a walk of the value', () => {
  it('given a string of emoji, then minimum, maximum and exact lengths count code points as zod does', () => {
    expect(contractBreach(z.string().min(2), compileVerdict(z.string().min(2)), '😀')).toBeUndefined();
    expect(contractBreach(z.string().max(1), compileVerdict(z.string().max(1)), '😀')).toBeUndefined();
    expect(contractBreach(z.string().length(1), compileVerdict(z.string().length(1)), '😀')).toBeUndefined();
    expect(contractBreach(z.string().length(2), compileVerdict(z.string().length(2)), '😀')).toBeUndefined();
  });

  it('given a union whose first option zod takes (and trims), then a wrong INVALID on that option does not let the second one answer OK', () => {
    const schema = z.union([z.string().max(2).trim(), z.string()]);
    expect(schema.parse(' 😀')).toBe('😀');
    expect(contractBreach(schema, compileVerdict(schema), ' 😀')).toBeUndefined();
  });

  it('given 300 emoji as a ShortText (500 code points at most), then the verdict is not INVALID, since zod accepts them', () => {
    const title = '😀'.repeat(300);
    expect(ShortText.safeParse(title).success).toBe(true);
    expect(compileVerdict(ShortText)(title)).not.toBe(INVALID);
  });

  it('given an exclusive union (z.xor) where both options match, then the verdict is not OK, since zod refuses it', () => {
    const schema = z.xor([z.string(), z.string().max(10)]);
    expect(contractBreach(schema, compileVerdict(schema), 'a')).toBeUndefined();
  });

  it('given a discriminated union whose two options may both omit the discriminator, then an object without it is not OK', () => {
    const schema = z.discriminatedUnion('kind', [
      z.object({ kind: z.literal('a').optional(), x: z.string() }),
      z.object({ kind: z.literal('b').optional(), y: z.number() }),
    ]);
    expect(contractBreach(schema, compileVerdict(schema), { x: 'hi' })).toBeUndefined();
    expect(contractBreach(schema, compileVerdict(schema), { kind: 'b', y: 1 })).toBeUndefined();
  });

  it('given a schema with a "__proto__" key, which zod skips, then neither {} nor an own "__proto__" key is misjudged', () => {
    const schema = z.object({ ['__proto__']: z.string() });
    expect(contractBreach(schema, compileVerdict(schema), {})).toBeUndefined();
    expect(contractBreach(schema, compileVerdict(schema), JSON.parse('{"__proto__":"x"}'))).toBeUndefined();
  });

  it('given a schema with a symbol key, which zod requires, then an object without it is not OK', () => {
    const key = Symbol('key');
    const schema = z.object({ [key]: z.string() });
    expect(contractBreach(schema, compileVerdict(schema), {})).toBeUndefined();
  });

  it('given an array with a refinement and items zod would reject, then the precheck does not run the refinement on them', () => {
    const schema = z.array(z.object({ a: z.string() })).refine((items) => items.every((item) => item.a.length > 0));
    expect(schema.safeParse([null]).success).toBe(false);
    expect(contractBreach(schema, compileVerdict(schema), [null])).toBeUndefined();
  });

  it('given an array with a refinement and items zod would trim, then the refinement result on the untrimmed items is no verdict', () => {
    const schema = z.array(z.string().trim()).refine((items) => items.every((s) => s === s.trim()));
    expect(schema.safeParse([' a ']).success).toBe(true);
    expect(contractBreach(schema, compileVerdict(schema), [' a '])).toBeUndefined();
  });

  it('given an overwrite on an array (e.g. sort), then the precheck neither changes the stored value nor calls it OK', () => {
    const schema = z.array(z.string()).overwrite((items) => items.sort());
    expect(contractBreach(schema, compileVerdict(schema), ['b', 'a'])).toBeUndefined();
    expect(() => compileVerdict(schema)(Object.freeze(['b', 'a']))).not.toThrow();
  });

  it('given an own key that is not enumerable, then the value is not OK (zod returns it as an ordinary key)', () => {
    const value = Object.defineProperty({ role: 'change_manager' }, 'id', { value: 'johan', enumerable: false });
    const schema = z.object({ role: z.string(), id: z.string() });
    expect(contractBreach(schema, compileVerdict(schema), value)).toBeUndefined();
  });

  it('given an optional key with a refinement that refuses undefined, then a missing key is OK, as zod ignores it there', () => {
    expect(judged(z.object({ a: z.string().optional().refine((v) => v !== undefined) }), {})).toBe(OK);
  });

  it('given an optional over a default, then a missing key is not OK (zod fills the default in)', () => {
    expect(judged(z.object({ a: z.string().default('x').optional() }), {})).toBe(UNSURE);
  });
});

// ------------------------------------------------------------------ decodeRecordedEvent

const escalated = (data: JsonObject, metadataChanges: JsonObject = {}, schemaVersion = 1): RecordedEvent => ({
  id: 'e1',
  type: 'ChangeRequestEscalated',
  streamName: 'change_request-cr1',
  revision: 7,
  position: 41,
  data,
  metadata: {
    ...(sealEvent(
      'ChangeRequestEscalated',
      data,
      { actor: johan as Actor, occurredAt: '2025-12-04T09:00:00.000Z', correlationId: 'c', causationId: 'cmd', schemaVersion, commandType: 'EscalateChangeRequest' },
      null,
    ) as unknown as JsonObject),
    ...metadataChanges,
  },
});

describe('decodeRecordedEvent with the precheck in front of zod', () => {
  const canonical = { escalatedTo: 'executive', reason: 'The owner objects' };

  it('given a canonical stored event, then the decoded event is the very same record, unchanged', () => {
    const record = escalated(canonical);
    const before = shapeOf(record);
    const decoded = decodeRecordedEvent(record);
    expect(E.isRight(decoded) && decoded.right).toBe(record);
    expect(shapeOf(record)).toBe(before);
  });

  it('given an unknown extra data key, then zod decodes it into a new event without that key', () => {
    const record = escalated({ ...canonical, legacyField: 'x' });
    const decoded = decodeRecordedEvent(record);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message);
    expect(decoded.right).not.toBe(record);
    expect(decoded.right.data).toEqual(canonical);
    expect(record.data['legacyField']).toBe('x');
    expect(decoded.right).toMatchObject({ id: 'e1', type: 'ChangeRequestEscalated', streamName: 'change_request-cr1', revision: 7, position: 41 });
  });

  it('given an unknown extra metadata key, then zod decodes it into new metadata without that key', () => {
    const record = escalated(canonical, { legacyField: 'x' });
    const decoded = decodeRecordedEvent(record);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message);
    expect(decoded.right).not.toBe(record);
    expect(Object.keys(decoded.right.metadata)).not.toContain('legacyField');
  });

  it('given invalid data, then the typed error names the path as before', () => {
    const decoded = decodeRecordedEvent(escalated({ escalatedTo: 'executive', reason: '   ' }));
    expect(E.isLeft(decoded) && decoded.left).toEqual({
      code: 'EVENT_DECODE_FAILED',
      message: 'Invalid data on ChangeRequestEscalated: must not be empty',
      path: 'reason',
      streamName: 'change_request-cr1',
      revision: 7,
    });
  });

  it('given invalid metadata, then the typed error names the path as before', () => {
    const decoded = decodeRecordedEvent(escalated(canonical, { hash: 'a'.repeat(63) }));
    expect(E.isLeft(decoded) && decoded.left).toMatchObject({ code: 'EVENT_DECODE_FAILED', path: 'hash', streamName: 'change_request-cr1', revision: 7 });
    expect(E.isLeft(decoded) && decoded.left.message).toMatch(/^Invalid metadata on ChangeRequestEscalated: /);
  });

  it('given a canonical-looking event of an unknown type, then it is refused as UNKNOWN_EVENT_TYPE', () => {
    const decoded = decodeRecordedEvent({ ...escalated(canonical), type: 'ChangeRequestTeleported' });
    expect(E.isLeft(decoded) && decoded.left.code).toBe('UNKNOWN_EVENT_TYPE');
  });

  it('given a v1 ChangeRequestDrafted whose data already has the v2 shape, then it is still upcast, not passed through', () => {
    const data = {
      changeRequestId: 'legacy2',
      crType: 'manual',
      title: 'Legacy change',
      description: { summary: 'Rotate keys', details: '' },
      category: 'configuration',
      affectedModules: ['Auth'],
      estimatedEffort: '',
      stakeholders: [],
      draftedBy: johan,
    };
    const metadata = sealEvent(
      'ChangeRequestDrafted',
      data,
      { actor: johan as Actor, occurredAt: '2024-01-01T00:00:00.000Z', correlationId: 'c', causationId: 'c', schemaVersion: 1, commandType: 'DraftChangeRequest' },
      null,
    ) as unknown as JsonObject;
    // Only the schema version keeps this record off the fast path:
    expect(dataVerdicts.ChangeRequestDrafted(data)).toBe(OK);
    expect(metadataVerdict(metadata)).toBe(OK);
    const record: RecordedEvent = { id: 'e1', type: 'ChangeRequestDrafted', streamName: 'change_request-legacy2', revision: 0, position: 0, data, metadata };
    const decoded = decodeRecordedEvent(record);
    if (E.isLeft(decoded)) throw new Error(decoded.left.message);
    expect(decoded.right).not.toBe(record);
    // The v1 upcaster reads the description as text; an object is no text, so it yields the placeholder summary.
    expect(decoded.right.type === 'ChangeRequestDrafted' && decoded.right.data.description).toEqual({ summary: '(no summary)', details: '' });
  });
});
