import type { EventType } from '../../events/catalogue.js';
import type { StoredEvent } from '../../events/serialization.js';
import type { EvidenceRef } from './types.js';

export type Stored<K extends EventType> = Extract<StoredEvent, { type: K }>;

/** Read-only queries over one CR's events in stream order, for the compliance rules. */
export interface History {
  readonly events: readonly StoredEvent[];
  all<K extends EventType>(type: K): Stored<K>[];
  first<K extends EventType>(type: K): Stored<K> | undefined;
  last<K extends EventType>(type: K): Stored<K> | undefined;
  /** The last event of `type` strictly before `event` in the stream. */
  lastBefore<K extends EventType>(type: K, event: StoredEvent): Stored<K> | undefined;
  /** Every event of `type` strictly before `event`. */
  allBefore<K extends EventType>(type: K, event: StoredEvent): Stored<K>[];
  /** The earliest event of any of the types. */
  firstOf(types: readonly EventType[]): StoredEvent | undefined;
}

const is =
  <K extends EventType>(type: K) =>
  (e: StoredEvent): e is Stored<K> =>
    e.type === type;

export const history = (events: readonly StoredEvent[]): History => ({
  events,
  all: (type) => events.filter(is(type)),
  first: (type) => events.find(is(type)),
  last: (type) => events.findLast(is(type)),
  lastBefore: (type, event) => events.findLast((e): e is Stored<typeof type> => e.revision < event.revision && e.type === type),
  allBefore: (type, event) => events.filter((e): e is Stored<typeof type> => e.revision < event.revision && e.type === type),
  firstOf: (types) => events.find((e) => types.includes(e.type)),
});

export const ref = (e: StoredEvent): EvidenceRef => ({
  revision: e.revision,
  position: e.position,
  type: e.type,
  occurredAt: e.metadata.occurredAt,
});

/** Evidence from several optional events, in stream order, without duplicates. */
export const refs = (...events: readonly (StoredEvent | undefined | readonly StoredEvent[])[]): EvidenceRef[] => {
  const seen = new Map<number, StoredEvent>();
  for (const item of events) {
    if (item === undefined) continue;
    for (const e of Array.isArray(item) ? (item as readonly StoredEvent[]) : [item as StoredEvent]) seen.set(e.revision, e);
  }
  return [...seen.values()].sort((a, b) => a.revision - b.revision).map(ref);
};

export const before = (a: StoredEvent | undefined, b: StoredEvent): a is StoredEvent => a !== undefined && a.revision < b.revision;

/** Several evidence lists as one, in stream order, without duplicates. */
export const mergeRefs = (lists: readonly (readonly EvidenceRef[])[]): EvidenceRef[] => {
  const seen = new Map<number, EvidenceRef>();
  for (const list of lists) for (const r of list) seen.set(r.revision, r);
  return [...seen.values()].sort((a, b) => a.revision - b.revision);
};
