import { createHash, randomUUID } from 'node:crypto';
import type { DomainEvent } from '../src/events/catalogue.js';
import { canonicalJson, computeEventHash } from '../src/events/integrity.js';
import { schemaVersionOf } from '../src/events/upcasting.js';
import { changeRequestStream } from '../src/events/streams.js';
import { createInMemoryEventStore } from '../src/store/inMemoryEventStore.js';
import type { EventStore, EventToAppend, JsonObject } from '../src/store/port.js';
import { manualSuccess, type FixtureStream } from '../test/support/eventFixtures.js';

/**
 * The projection benchmark's workload: CRs of 20 events each (50,000 by
 * default, BENCH_PROJECTION_CRS to change), seeded into an in-memory store
 * with real ids, numbers, instants and hash chains.
 */
export const CRS = Number(process.env['BENCH_PROJECTION_CRS'] ?? 50_000);
const HOUR = 3_600_000;

/**
 * Twelve 20-event lifecycles (two risk levels x three approval times x two
 * deployment times) built by the test fixtures, then replayed for each CR
 * with its own id, number, event ids, hash chain and instants shifted by up
 * to a year. Event data the CRs share stays shared, as it would in a store
 * that deduplicates nothing but holds the same assessment shapes.
 */
const templates: FixtureStream[] = (['low', 'medium'] as const).flatMap((level) =>
  [4, 24, 72].flatMap((approvalHours) =>
    [24, 48].map((deploymentHours) =>
      manualSuccess({ minimal: true, level, approvalHours, deploymentHours, start: '2025-01-01T00:00:00.000Z', modules: level === 'low' ? ['Assets'] : ['WRAC', 'Vendors'] }),
    ),
  ),
);

const shifted = (iso: string, by: number): string => new Date(Date.parse(iso) + by).toISOString();

/** The template's event for CR `i`: its ids and instants; everything else shared. */
const retarget = (e: DomainEvent, id: string, number: string, by: number): DomainEvent => {
  switch (e.type) {
    case 'ChangeRequestDrafted':
      return { type: e.type, data: { ...e.data, changeRequestId: id } };
    case 'ChangeRequestSubmitted':
      return { type: e.type, data: { number, submittedAt: shifted(e.data.submittedAt, by) } };
    case 'ChangeRequestApproved':
      return { type: e.type, data: { ...e.data, approvedAt: shifted(e.data.approvedAt, by) } };
    case 'ChangeRequestScheduled':
      return { type: e.type, data: { ...e.data, window: { start: shifted(e.data.window.start, by), end: shifted(e.data.window.end, by) } } };
    case 'DeployedToProduction':
      return { type: e.type, data: { ...e.data, release: `release-${number}`, deployedAt: shifted(e.data.deployedAt, by) } };
    default:
      return e;
  }
};

/**
 * The hash of an event exactly as computeEventHash makes it (checked on the
 * first CR), with each shared data object canonicalised once instead of once
 * per event: seeding a million events stays a small part of the run.
 */
const canonicalData = new WeakMap<object, string>();
const eventHash = (type: string, data: object, metadata: object): string => {
  let canon = canonicalData.get(data);
  if (canon === undefined) {
    canon = canonicalJson(data);
    canonicalData.set(data, canon);
  }
  return createHash('sha256').update(`{"data":${canon},"metadata":${canonicalJson(metadata)},"type":${JSON.stringify(type)}}`).digest('hex');
};

export const seed = async (): Promise<{ store: EventStore; events: number; seedMs: number }> => {
  const started = performance.now();
  const store = createInMemoryEventStore();
  let events = 0;
  for (let i = 0; i < CRS; i++) {
    const template = templates[i % templates.length]!;
    const id = `cr_2025_${i + 1}`;
    const number = `CR-2025-${String(i + 1).padStart(3, '0')}`;
    const by = ((i * 7919) % 8760) * HOUR;
    const correlationId = randomUUID();
    const appends: EventToAppend[] = [];
    let previousHash: string | null = null;
    for (const step of template.steps) {
      const commandId = randomUUID();
      const occurredAt = shifted(step.occurredAt, by);
      for (const original of step.events) {
        const event = retarget(original, id, number, by);
        const base = {
          actor: step.actor,
          occurredAt,
          correlationId,
          causationId: commandId,
          schemaVersion: schemaVersionOf(event.type),
          commandType: step.commandType,
          commandId,
          previousHash,
        };
        const hash = eventHash(event.type, event.data, base);
        const metadata = { ...base, hash };
        if (i === 0 && computeEventHash({ type: event.type, data: event.data, metadata }) !== hash) throw new Error('bench hashing differs from computeEventHash');
        appends.push({ id: randomUUID(), type: event.type, data: event.data as unknown as JsonObject, metadata: metadata as unknown as JsonObject });
        previousHash = hash;
      }
    }
    await store.appendToStream(changeRequestStream(id), appends, { expectedRevision: 'no_stream' });
    events += appends.length;
  }
  return { store, events, seedMs: performance.now() - started };
};

