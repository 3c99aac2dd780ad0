import fc from 'fast-check';
import * as E from 'fp-ts/lib/Either.js';
import { describe, expect, it } from 'vitest';
import type { JsonLinesErrorCode } from '../../src/audit/jsonl/errors.js';
import { eventLine } from '../../src/audit/jsonl/format.js';
import { importJsonLines, verifyJsonLines } from '../../src/audit/jsonl/import.js';
import { parseLine } from '../../src/audit/jsonl/parse.js';
import { sealEvent } from '../../src/events/integrity.js';
import { createInMemoryEventStore } from '../../src/store/inMemoryEventStore.js';
import type { EventToAppend, JsonObject, RecordedEvent } from '../../src/store/port.js';
import { exportText, joinLines, linesOf } from './jsonlSupport.js';

const lineCodes: readonly JsonLinesErrorCode[] = ['JSONL_LINE_MALFORMED', 'JSONL_FORMAT_UNSUPPORTED'];
const fileCodes: readonly JsonLinesErrorCode[] = [
  'JSONL_EMPTY',
  'JSONL_LINE_TOO_LONG',
  'JSONL_NOT_UTF8',
  'JSONL_LINE_MALFORMED',
  'JSONL_HEADER_MISSING',
  'JSONL_FORMAT_UNSUPPORTED',
  'JSONL_REVISION_NOT_CONTIGUOUS',
  'JSONL_POSITION_ORDER',
  'JSONL_CHAIN_BROKEN',
  'JSONL_EVENT_UNREADABLE',
  'JSONL_END_MISSING',
  'JSONL_COUNT_MISMATCH',
  'JSONL_CONTENT_AFTER_END',
];

/** JSON objects as a store holds them: JSON has no -0, so values pass through JSON once (as every store but the in-memory one does). */
const jsonObject = fc
  .dictionary(fc.string({ unit: 'binary', maxLength: 8 }), fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }), { maxKeys: 5 })
  .map((o) => JSON.parse(JSON.stringify(o)) as JsonObject);

/** Lines that look a little like the format: valid JSON of every shape, the three kinds with wrong fields, raw text. */
const garbageLine = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.json({ maxDepth: 3 }),
  fc.record({ kind: fc.constantFrom('header', 'event', 'end', 'other'), x: fc.jsonValue({ maxDepth: 2 }) }).map((v) => JSON.stringify(v)),
  fc
    .record({ kind: fc.constant('event'), stream: fc.string(), revision: fc.double(), position: fc.integer(), data: fc.jsonValue({ maxDepth: 2 }) })
    .map((v) => JSON.stringify(v)),
);

describe('JSON Lines parsing, properties', () => {
  it('arbitrary lines never crash the parser: each is a typed refusal naming its line, or a well-formed line', () => {
    fc.assert(
      fc.property(garbageLine, fc.integer({ min: 1, max: 1_000_000 }), (text, line) => {
        const result = parseLine(text, line);
        if (E.isLeft(result)) {
          expect(lineCodes).toContain(result.left.code);
          expect(result.left.line).toBe(line);
          expect(result.left.message.startsWith(`line ${line}: `)).toBe(true);
        } else {
          expect(['header', 'event', 'end']).toContain(result.right.kind);
        }
      }),
      { numRuns: 2_000 },
    );
  });

  it('arbitrary files (text or bytes) are refused with a typed error, never a crash', async () => {
    const file = fc.oneof(
      fc.array(garbageLine, { maxLength: 8 }).map((lines) => [joinLines(lines)] as (string | Uint8Array)[]),
      fc.array(fc.uint8Array({ maxLength: 64 }), { maxLength: 6 }),
    );
    await fc.assert(
      fc.asyncProperty(file, async (chunks) => {
        const result = await verifyJsonLines(chunks)();
        expect(E.isLeft(result)).toBe(true);
        if (E.isLeft(result)) expect(fileCodes).toContain(result.left.code);
      }),
      { numRuns: 500 },
    );
  });

  it('any recorded event survives serialisation and parsing exactly', () => {
    const recorded = fc.record({
      id: fc.string({ minLength: 1 }),
      type: fc.string({ minLength: 1 }),
      streamName: fc.string({ minLength: 1 }),
      revision: fc.nat(),
      position: fc.nat(),
      data: jsonObject,
      metadata: jsonObject,
    }) as fc.Arbitrary<RecordedEvent>;
    fc.assert(
      fc.property(recorded, (e) => {
        const text = eventLine(e);
        const parsed = parseLine(text.slice(0, -1), 2);
        expect(E.isRight(parsed)).toBe(true);
        if (E.isRight(parsed)) {
          expect(parsed.right).toEqual({ kind: 'event', stream: e.streamName, revision: e.revision, position: e.position, id: e.id, type: e.type, data: e.data, metadata: e.metadata });
          expect(`${JSON.stringify(parsed.right)}\n`).toBe(text);
        }
      }),
      { numRuns: 1_000 },
    );
  });
});

/** Streams of arbitrary events, each stream sealed into its own hash chain, appended interleaved. */
const chainedStore = fc
  .array(fc.record({ stream: fc.constantFrom('prop_a-1', 'prop_b-2', 'prop_c-3'), type: fc.string({ minLength: 1, maxLength: 20 }), data: jsonObject }), {
    minLength: 1,
    maxLength: 25,
  })
  .map((events) => {
    const heads = new Map<string, string | null>();
    return events.map((e, i) => {
      const metadata = sealEvent(e.type, e.data, { occurredAt: new Date(Date.UTC(2025, 0, 1, 0, i)).toISOString() }, heads.get(e.stream) ?? null);
      heads.set(e.stream, metadata.hash);
      return { stream: e.stream, event: { id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, type: e.type, data: e.data, metadata } };
    });
  });

const seeded = async (events: readonly { readonly stream: string; readonly event: EventToAppend }[]) => {
  const store = createInMemoryEventStore();
  for (const { stream, event } of events) await store.appendToStream(stream, [event]);
  return store;
};

describe('JSON Lines export and import, properties', () => {
  it('any valid export imports into an empty store and re-exports byte for byte', async () => {
    await fc.assert(
      fc.asyncProperty(chainedStore, async (events) => {
        const source = await seeded(events);
        const text = await exportText(source, { all: true });
        const target = createInMemoryEventStore();
        const imported = await importJsonLines(target, [text])();
        expect(imported).toEqual(E.right({ scope: { all: true }, events: events.length, streams: new Set(events.map((e) => e.stream)).size, lines: events.length + 2, written: events.length }));
        expect(await exportText(target, { all: true })).toBe(text);
      }),
      { numRuns: 200 },
    );
  });

  it('any valid export with a line removed, duplicated or two lines swapped is refused and nothing is written', async () => {
    const edit = fc.record({ kind: fc.constantFrom('remove', 'duplicate', 'swap'), i: fc.nat(), j: fc.nat() });
    await fc.assert(
      fc.asyncProperty(chainedStore, edit, async (events, { kind, i, j }) => {
        const lines = linesOf(await exportText(await seeded(events), { all: true }));
        const a = i % lines.length;
        const b = j % lines.length;
        fc.pre(kind !== 'swap' || a !== b);
        const edited = [...lines];
        if (kind === 'remove') edited.splice(a, 1);
        else if (kind === 'duplicate') edited.splice(a, 0, lines[a]!);
        else [edited[a], edited[b]] = [lines[b]!, lines[a]!];
        const target = createInMemoryEventStore();
        const result = await importJsonLines(target, [joinLines(edited)])();
        expect(E.isLeft(result)).toBe(true);
        if (E.isLeft(result)) expect(fileCodes).toContain(result.left.code);
        expect(await target.readAll()).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
