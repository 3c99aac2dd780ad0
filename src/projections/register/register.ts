import type { StoredEvent } from '../../events/serialization.js';
import { changeRequestIdOfStream, changeRequestStream } from '../../events/streams.js';
import type { Projection } from '../projection.js';
import { frozenCopy, type DeepReadonly } from '../readonly.js';
import { applyToEntry, openEntry } from './fold.js';
import { matcher, type RegisterQuery } from './query.js';
import type { ChangeRegisterDocument, ChangeRegisterEntry } from './schema.js';

export interface ChangeRegister extends Projection {
  /** One CR by its stream id or its number. */
  get(idOrNumber: string): DeepReadonly<ChangeRegisterEntry> | undefined;
  /** The entries matching the query, in the order the CRs first appeared. */
  query(query?: RegisterQuery): readonly DeepReadonly<ChangeRegisterEntry>[];
  size(): number;
  position(): number;
  /** The whole register as a document (camelCase; `toSnakeKeys` gives the on-disk shape). */
  document(generatedAt: string): DeepReadonly<ChangeRegisterDocument>;
}

interface Slot {
  readonly entry: ChangeRegisterEntry;
  frozen: DeepReadonly<ChangeRegisterEntry> | undefined;
}

export class RegisterFoldError extends Error {
  readonly code = 'REGISTER_STREAM_MALFORMED';
  constructor(message: string) {
    super(message);
    this.name = 'RegisterFoldError';
  }
}

/**
 * The change register (spec 12.1). Folds mutably, one entry per CR; every
 * query result is a frozen copy made once per change of the entry.
 */
export const createChangeRegister = (): ChangeRegister => {
  const slots = new Map<string, Slot>();
  const byNumber = new Map<string, string>();
  let position = -1;

  const snapshot = (slot: Slot): DeepReadonly<ChangeRegisterEntry> => (slot.frozen ??= frozenCopy(slot.entry));

  // Keyed by stream name: the store hands out the same string for every event of a stream, so no id is sliced per event.
  const apply = (e: StoredEvent): void => {
    if (e.position <= position) return;
    let slot = slots.get(e.streamName);
    if (slot === undefined) {
      const id = changeRequestIdOfStream(e.streamName);
      if (id === undefined) return;
      const entry = openEntry(e, id);
      if (entry === undefined) throw new RegisterFoldError(`${e.streamName} starts with ${e.type}, not a draft or an emergency declaration`);
      slot = { entry, frozen: undefined };
      slots.set(e.streamName, slot);
      if (entry.crId !== null) byNumber.set(entry.crId, e.streamName);
    }
    const numbered = slot.entry.crId;
    applyToEntry(slot.entry, e);
    slot.frozen = undefined;
    if (slot.entry.crId !== numbered && slot.entry.crId !== null) byNumber.set(slot.entry.crId, e.streamName);
    position = e.position;
  };

  return {
    name: 'change_register',
    apply,
    reset: () => {
      slots.clear();
      byNumber.clear();
      position = -1;
    },
    position: () => position,
    size: () => slots.size,
    get: (idOrNumber) => {
      const slot = slots.get(changeRequestStream(idOrNumber)) ?? slots.get(byNumber.get(idOrNumber) ?? '');
      return slot === undefined ? undefined : snapshot(slot);
    },
    query: (query = {}) => {
      const keep = matcher(query);
      const out: DeepReadonly<ChangeRegisterEntry>[] = [];
      for (const slot of slots.values()) if (keep(slot.entry)) out.push(snapshot(slot));
      return out;
    },
    document: (generatedAt) =>
      Object.freeze({
        schemaVersion: 1 as const,
        generatedAt,
        lastPosition: position,
        changeRequests: Object.freeze([...slots.values()].map(snapshot)),
      }),
  };
};
