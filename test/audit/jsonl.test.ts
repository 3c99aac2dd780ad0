import { createReadStream } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportJsonLinesToFile } from '../../src/audit/jsonl/export.js';
import { importJsonLines, importJsonLinesFile, verifyJsonLines, verifyJsonLinesFile } from '../../src/audit/jsonl/import.js';
import { fromLines } from '../../src/audit/jsonl/lines.js';
import { verifyStore } from '../../src/audit/verify.js';
import { runFullLifecycle } from '../../src/demo/index.js';
import { sealEvent } from '../../src/events/integrity.js';
import type { EventStore } from '../../src/store/port.js';
import { actors, emergency, manualSuccess, rejected, seedStore } from '../support/eventFixtures.js';
import type { StoreFixture } from '../support/stores.js';
import { editLine, exportText, joinLines, linesOf, portable } from './jsonlSupport.js';
import { leftOf, rightOf, storeFactories } from './support.js';

describe.each(storeFactories)('JSON Lines export and import on the $name store', ({ create }) => {
  let source: StoreFixture;
  let target: StoreFixture;
  beforeEach(async () => {
    source = await create();
    target = await create();
    await seedStore(source.store, [manualSuccess(), rejected(), emergency()], { numberAllocations: true });
  });
  afterEach(async () => {
    await source.teardown();
    await target.teardown();
  });

  const expectTargetEmpty = async (store: EventStore = target.store): Promise<void> => {
    expect(await store.readAll()).toEqual([]);
  };

  it('given one CR stream, when exported, then a header, one line per event in revision order and an end line', async () => {
    const records = await source.store.readStream('change_request-cr_2025_004');
    const lines = linesOf(await exportText(source.store, { stream: 'change_request-cr_2025_004' }));
    expect(lines).toHaveLength(records.length + 2);
    expect(JSON.parse(lines[0]!)).toEqual({
      kind: 'header',
      format: 'maturion.change-management.events',
      version: 1,
      scope: { stream: 'change_request-cr_2025_004' },
    });
    expect(lines.slice(1, -1).map((l) => JSON.parse(l) as unknown)).toEqual(
      records.map((r) => ({
        kind: 'event',
        stream: r.streamName,
        revision: r.revision,
        position: r.position,
        id: r.id,
        type: r.type,
        data: r.data,
        metadata: r.metadata,
      })),
    );
    expect(JSON.parse(lines.at(-1)!)).toEqual({ kind: 'end', events: records.length });
  });

  it('given the whole store, when exported and imported into an empty store, then ids, streams, revisions, order and content are preserved and the chains verify', async () => {
    const text = await exportText(source.store, { all: true });
    const original = await source.store.readAll();
    const summary = rightOf(await importJsonLines(target.store, [text])());
    expect(summary).toEqual({ scope: { all: true }, events: original.length, streams: 4, lines: original.length + 2, written: original.length });
    const copied = await target.store.readAll();
    expect(portable(copied)).toEqual(portable(original));
    expect(rightOf(await verifyStore(target.store)()).ok).toBe(true);
  });

  it('given small batches, when imported, then the copy is the same', async () => {
    const text = await exportText(source.store, { all: true });
    rightOf(await importJsonLines(target.store, [text], { batchSize: 2 })());
    expect(portable(await target.store.readAll())).toEqual(portable(await source.store.readAll()));
  });

  it('given a CR written by the command pipeline, when its stream is exported and imported, then the copy re-exports identically', async () => {
    const state = await runFullLifecycle({ store: target.store });
    const stream = `change_request-${state.id}`;
    const text = await exportText(target.store, { stream });
    const fresh = await create();
    try {
      rightOf(await importJsonLines(fresh.store, [text])());
      const again = linesOf(await exportText(fresh.store, { stream }));
      const strip = (lines: string[]) => lines.map((l) => ({ ...(JSON.parse(l) as object), position: 0 }));
      expect(strip(again)).toEqual(strip(linesOf(text)));
    } finally {
      await fresh.teardown();
    }
  });

  describe('refusing a broken file, writing nothing', () => {
    let lines: string[];
    let cr: number[];
    beforeEach(async () => {
      lines = linesOf(await exportText(source.store, { all: true }));
      // 1-based file lines of the manual CR's events
      cr = lines.flatMap((l, i) => ((JSON.parse(l) as { stream?: string }).stream === 'change_request-cr_2025_001' ? [i + 1] : []));
    });

    const refused = async (content: string) => {
      const error = leftOf(await importJsonLines(target.store, [content])());
      await expectTargetEmpty();
      return error;
    };

    it('an edited event: JSONL_CHAIN_BROKEN (hash_mismatch) on its line', async () => {
      const line = cr[6]!;
      const edited = editLine(lines, line, (v) => ({ ...v, data: { ...(v['data'] as object), overallRisk: 'low' } }));
      expect(await refused(joinLines(edited))).toMatchObject({
        kind: 'jsonl',
        code: 'JSONL_CHAIN_BROKEN',
        line,
        streamName: 'change_request-cr_2025_001',
        revision: 6,
        findingKind: 'hash_mismatch',
      });
    });

    it('a removed event: JSONL_REVISION_NOT_CONTIGUOUS on the next line of its stream', async () => {
      const removed = lines.filter((_, i) => i + 1 !== cr[4]);
      const error = await refused(joinLines(removed));
      expect(error).toMatchObject({ code: 'JSONL_REVISION_NOT_CONTIGUOUS', line: cr[5]! - 1, revision: 5 });
      expect(error.message).toBe(`line ${cr[5]! - 1}: change_request-cr_2025_001 revision 5 follows revision 3 (line ${cr[3]})`);
    });

    it('a removed event with the revisions after it renumbered: JSONL_CHAIN_BROKEN (broken_link)', async () => {
      const removed = lines
        .filter((_, i) => i + 1 !== cr[4])
        .map((l) => {
          const v = JSON.parse(l) as { stream?: string; revision?: number };
          return v.stream === 'change_request-cr_2025_001' && v.revision! > 4 ? JSON.stringify({ ...v, revision: v.revision! - 1 }) : l;
        });
      expect(await refused(joinLines(removed))).toMatchObject({ code: 'JSONL_CHAIN_BROKEN', findingKind: 'broken_link', revision: 4, line: cr[5]! - 1 });
    });

    it('two lines swapped: JSONL_POSITION_ORDER', async () => {
      const swapped = [...lines];
      [swapped[3], swapped[4]] = [lines[4]!, lines[3]!];
      expect(await refused(joinLines(swapped))).toMatchObject({ code: 'JSONL_POSITION_ORDER', line: 5 });
    });

    it('cut short before the end line: JSONL_END_MISSING', async () => {
      expect(await refused(joinLines(lines.slice(0, -1)))).toMatchObject({ code: 'JSONL_END_MISSING', line: lines.length });
    });

    it('cut in the middle of a line: JSONL_LINE_MALFORMED on that line', async () => {
      const text = joinLines(lines);
      const cut = text.slice(0, text.indexOf('\n', text.length / 2) - 10);
      const error = await refused(cut);
      expect(error.code).toBe('JSONL_LINE_MALFORMED');
      expect(error.line).toBe(linesOf(cut + '\n').length);
    });

    it('a garbage line: JSONL_LINE_MALFORMED naming the line', async () => {
      const garbage = [...lines.slice(0, 3), 'this is not json', ...lines.slice(3)];
      const error = await refused(joinLines(garbage));
      expect(error).toMatchObject({ code: 'JSONL_LINE_MALFORMED', line: 4 });
      expect(error.message).toMatch(/^line 4: not JSON/);
    });

    it('an event line with an unknown field: JSONL_LINE_MALFORMED', async () => {
      const extra = editLine(lines, 2, (v) => ({ ...v, note: 'added' }));
      expect(await refused(joinLines(extra))).toMatchObject({ code: 'JSONL_LINE_MALFORMED', line: 2 });
    });

    it('no header: JSONL_HEADER_MISSING; a newer version: JSONL_FORMAT_UNSUPPORTED; an empty file: JSONL_EMPTY', async () => {
      expect(await refused(joinLines(lines.slice(1)))).toMatchObject({ code: 'JSONL_HEADER_MISSING', line: 1 });
      expect(await refused(joinLines(editLine(lines, 1, (v) => ({ ...v, version: 2 }))))).toMatchObject({ code: 'JSONL_FORMAT_UNSUPPORTED', line: 1 });
      expect(await refused('')).toMatchObject({ code: 'JSONL_EMPTY' });
    });

    it('a wrong count or content after the end line', async () => {
      expect(await refused(joinLines(editLine(lines, lines.length, () => ({ kind: 'end', events: 1 }))))).toMatchObject({
        code: 'JSONL_COUNT_MISMATCH',
        line: lines.length,
      });
      expect(await refused(joinLines([...lines, lines[2]!]))).toMatchObject({ code: 'JSONL_CONTENT_AFTER_END', line: lines.length + 1 });
    });

    it('an intact chain over an event the catalogue cannot read: JSONL_EVENT_UNREADABLE', async () => {
      const data = { number: 'not-a-number', submittedAt: '2025-12-01T10:00:00Z' };
      const metadata = sealEvent(
        'ChangeRequestSubmitted',
        data,
        { actor: actors.foreman, occurredAt: '2025-12-01T10:00:00Z', correlationId: 'c', causationId: 'c', schemaVersion: 1, commandType: 'SubmitChangeRequest' },
        null,
      );
      const event = { kind: 'event', stream: 'change_request-odd', revision: 0, position: 0, id: '0b6f2f43-6a43-4d7e-9d7c-3a0e0f5e2a11', type: 'ChangeRequestSubmitted', data, metadata };
      const file = [JSON.stringify({ kind: 'header', format: 'maturion.change-management.events', version: 1, scope: { all: true } }), JSON.stringify(event), '{"kind":"end","events":1}'];
      expect(await refused(joinLines(file))).toMatchObject({ code: 'JSONL_EVENT_UNREADABLE', line: 2, streamName: 'change_request-odd' });
    });

    it('a target store that already holds one of the streams: IMPORT_TARGET_NOT_EMPTY, and the target is unchanged', async () => {
      await seedStore(target.store, [rejected()]);
      const before = await target.store.readAll();
      const error = leftOf(await importJsonLines(target.store, [joinLines(lines)])());
      expect(error).toMatchObject({ code: 'IMPORT_TARGET_NOT_EMPTY', streamName: 'change_request-cr_2025_004' });
      expect(await target.store.readAll()).toEqual(before);
    });
  });
});

describe('JSON Lines files and streams', () => {
  let dir: string;
  let fixture: StoreFixture;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'audit-jsonl-'));
    fixture = await storeFactories[0]!.create();
    await seedStore(fixture.store, [manualSuccess(), emergency()], { numberAllocations: true });
  });
  afterEach(async () => {
    await fixture.teardown();
    await rm(dir, { recursive: true, force: true });
  });

  it('given an export written to a file, then only the file is left behind, it verifies and imports', async () => {
    const path = join(dir, 'store.jsonl');
    expect(rightOf(await exportJsonLinesToFile(fixture.store, { all: true }, path)())).toEqual({ path });
    expect(await readdir(dir)).toEqual(['store.jsonl']);
    expect(rightOf(await verifyJsonLinesFile(path)())).toMatchObject({ events: (await fixture.store.readAll()).length, streams: 3 });
    const target = await storeFactories[0]!.create();
    try {
      rightOf(await importJsonLinesFile(target.store, path)());
      expect(portable(await target.store.readAll())).toEqual(portable(await fixture.store.readAll()));
    } finally {
      await target.teardown();
    }
  });

  it('given an export to a folder that does not exist, then EXPORT_FAILED and nothing is written', async () => {
    const path = join(dir, 'missing', 'store.jsonl');
    expect(leftOf(await exportJsonLinesToFile(fixture.store, { all: true }, path)())).toMatchObject({ code: 'EXPORT_FAILED' });
    expect(await readdir(dir)).toEqual([]);
  });

  it('given a file that does not exist, then JSONL_SOURCE_FAILED', async () => {
    expect(leftOf(await verifyJsonLinesFile(join(dir, 'nope.jsonl'))())).toMatchObject({ code: 'JSONL_SOURCE_FAILED' });
  });

  it('given a one-shot stream of tiny byte chunks splitting multi-byte characters, when imported, then it round-trips exactly', async () => {
    const text = (await exportText(fixture.store, { all: true })).replace('Patch actively exploited auth bypass', 'Patch the auth bypass — “exploité” 🔒');
    // The edit breaks the chain on purpose: check that it is refused, then import the untouched export the same way.
    const bytes = (s: string) => Readable.from(chunked(Buffer.from(s, 'utf8'), 7));
    const target = await storeFactories[0]!.create();
    try {
      expect(leftOf(await importJsonLines(target.store, bytes(text))())).toMatchObject({ code: 'JSONL_CHAIN_BROKEN' });
      const original = await exportText(fixture.store, { all: true });
      rightOf(await importJsonLines(target.store, bytes(original))());
      expect(portable(await target.store.readAll())).toEqual(portable(await fixture.store.readAll()));
      expect(await readdir(tmpdir()).then((names) => names.filter((n) => n.startsWith('cm-import-')))).toEqual([]);
    } finally {
      await target.teardown();
    }
  });

  it('given the lines of a file as readline yields them (no line ends), when imported, then it is the same as the file', async () => {
    const path = join(dir, 'store.jsonl');
    rightOf(await exportJsonLinesToFile(fixture.store, { all: true }, path)());
    const target = await storeFactories[0]!.create();
    try {
      const lines = createInterface({ input: createReadStream(path), crlfDelay: Infinity });
      rightOf(await importJsonLines(target.store, fromLines(lines))());
      expect(portable(await target.store.readAll())).toEqual(portable(await fixture.store.readAll()));
    } finally {
      await target.teardown();
    }
  });

  it('given invalid UTF-8 or an over-long line, then typed errors name the line', async () => {
    const text = await exportText(fixture.store, { all: true });
    const broken = Buffer.concat([Buffer.from(linesOf(text)[0]! + '\n'), Buffer.from([0xc3, 0x28, 0x0a])]);
    expect(leftOf(await verifyJsonLines([broken])())).toMatchObject({ code: 'JSONL_NOT_UTF8', line: 2 });
    expect(leftOf(await verifyJsonLines([text], { maxLineBytes: 200 })())).toMatchObject({ code: 'JSONL_LINE_TOO_LONG', line: 2 });
  });

  it('given a file written with CRLF line ends, then it is read the same', async () => {
    const text = await exportText(fixture.store, { all: true });
    const path = join(dir, 'crlf.jsonl');
    await writeFile(path, text.replace(/\n/g, '\r\n'));
    expect(rightOf(await verifyJsonLinesFile(path)()).events).toBe((await fixture.store.readAll()).length);
    expect((await readFile(path, 'utf8')).includes('\r\n')).toBe(true);
  });
});

function* chunked(buffer: Buffer, size: number): Generator<Buffer> {
  for (let i = 0; i < buffer.length; i += size) yield buffer.subarray(i, i + size);
}
