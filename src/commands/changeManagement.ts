import { randomUUID } from 'node:crypto';
import { resolvePolicy, type Policy, type PolicyOverrides } from '../domain/policy.js';
import type { Clock, IdGenerator } from '../domain/ports.js';
import type { EventStore } from '../store/port.js';
import { createCommandHandler } from './handler.js';

/**
 * crypto.randomUUID() hands back a string V8 stores as a tree of pieces
 * (~480 bytes); reading a character flattens it (~60 bytes). Every stored
 * event keeps its id, so flatten once, here, where the id is born.
 */
const flatRandomUuid = (): string => {
  const id = randomUUID();
  id.charCodeAt(0);
  return id;
};

export interface ChangeManagementOptions {
  readonly store: EventStore;
  /** Defaults to the system clock. Inject one in tests and replays. */
  readonly clock?: Clock;
  /** Defaults to random UUIDs. Used for event ids and new CR stream ids. */
  readonly newId?: IdGenerator;
  /** Overrides of the default policy (permissions, monitoring windows, thresholds). */
  readonly policy?: PolicyOverrides;
  /** Attempts on an optimistic-concurrency conflict before giving up (default 10). */
  readonly maxAttempts?: number;
}

/**
 * The library's entry point: issue commands on behalf of actors, read a
 * CR's current state, and watch refused commands.
 *
 * ```ts
 * const cm = createChangeManagement({ store: createInMemoryEventStore() });
 * const result = await cm.execute({ type: 'DraftChangeRequest', actor, data });
 * ```
 */
export const createChangeManagement = (options: ChangeManagementOptions) => {
  const policy: Policy = resolvePolicy(options.policy);
  const handler = createCommandHandler({
    store: options.store,
    clock: options.clock ?? (() => new Date()),
    newId: options.newId ?? flatRandomUuid,
    policy,
    ...(options.maxAttempts === undefined ? {} : { maxAttempts: options.maxAttempts }),
  });
  return { ...handler, policy, store: options.store };
};
export type ChangeManagement = ReturnType<typeof createChangeManagement>;
