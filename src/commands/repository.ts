import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { evolve } from '../domain/evolve.js';
import { initialState, type ChangeRequestState } from '../domain/state.js';
import type { DomainEvent } from '../events/catalogue.js';
import { decodeRecordedEvent, type EventDecodeError } from '../events/serialization.js';
import { changeRequestStream } from '../events/streams.js';
import type { EventStore } from '../store/port.js';

/** A CR as loaded for a decision: its state, where its stream ends, and the commands already applied. */
export interface LoadedChangeRequest {
  readonly state: ChangeRequestState;
  /** Revision of the stream's last event; -1 when the stream does not exist. */
  readonly revision: number;
  readonly lastHash: string | null;
  /** Command id -> the command type and the revisions of the events it appended (for idempotent retries). */
  readonly commands: ReadonlyMap<string, { readonly type: string; readonly first: number; readonly last: number }>;
}

/**
 * Loads CRs and keeps recent ones in memory, so a command reads only the
 * events appended since the last time (usually none) instead of the whole
 * stream. The cache is only a shortcut: the store stays the authority, and
 * an append with a stale revision fails and reloads.
 */
export const createRepository = (store: EventStore, capacity = 10_000) => {
  const cache = new Map<string, LoadedChangeRequest>();

  const remember = (id: string, loaded: LoadedChangeRequest): void => {
    cache.delete(id);
    cache.set(id, loaded);
    if (cache.size > capacity) {
      const oldest = cache.keys().next();
      if (oldest.done !== true) cache.delete(oldest.value);
    }
  };

  const load = async (id: string): Promise<Either<EventDecodeError, LoadedChangeRequest>> => {
    const cached = cache.get(id);
    let loaded: LoadedChangeRequest = cached ?? { state: initialState(id), revision: -1, lastHash: null, commands: new Map() };
    const recorded = await store.readStream(changeRequestStream(id), { fromRevision: loaded.revision + 1 });
    if (recorded.length === 0) return E.right(loaded);
    let state = loaded.state;
    let lastHash = loaded.lastHash;
    const commands = new Map(loaded.commands);
    for (const r of recorded) {
      const decoded = decodeRecordedEvent(r);
      if (E.isLeft(decoded)) return decoded;
      const event = decoded.right;
      state = evolve(state, event);
      lastHash = event.metadata.hash;
      const commandId = event.metadata.commandId;
      if (commandId !== undefined) {
        const seen = commands.get(commandId);
        commands.set(commandId, { type: event.metadata.commandType, first: seen?.first ?? r.revision, last: r.revision });
      }
    }
    const last = recorded[recorded.length - 1];
    loaded = { state, revision: last?.revision ?? loaded.revision, lastHash, commands };
    remember(id, loaded);
    return E.right(loaded);
  };

  /** Records what a successful append wrote, so the next command needs no read-back of it. */
  const appended = (
    id: string,
    before: LoadedChangeRequest,
    events: readonly DomainEvent[],
    lastHash: string | null,
    revision: number,
    command: { readonly id: string | undefined; readonly type: string },
  ): LoadedChangeRequest => {
    let state = before.state;
    for (const e of events) state = evolve(state, e);
    const commands = new Map(before.commands);
    if (command.id !== undefined) commands.set(command.id, { type: command.type, first: revision - events.length + 1, last: revision });
    const loaded = { state, revision, lastHash, commands };
    remember(id, loaded);
    return loaded;
  };

  const forget = (id: string): void => {
    cache.delete(id);
  };

  return { load, appended, forget };
};
export type Repository = ReturnType<typeof createRepository>;
