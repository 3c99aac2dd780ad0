import type { EventToAppend } from '../store/port.js';
import type { DomainEvent } from './catalogue.js';
import { sealEvent } from './integrity.js';
import type { EventMetadata } from './metadata.js';
import { toEventToAppend } from './serialization.js';
import { schemaVersionOf } from './upcasting.js';
import type { Actor } from './values.js';
import { deepFreeze } from './freeze.js';

/** What every event of one command shares in its envelope. */
export interface EnvelopeContext {
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly correlationId: string;
  readonly causationId: string;
  readonly commandType: string;
  readonly commandId?: string;
}

/**
 * Wraps the events a decision produced into store appends: current schema
 * version, envelope metadata, and the hash chain continuing from
 * `previousHash` (the hash of the stream's last event, null for a new
 * stream). Events are frozen here, once, where they are created.
 */
export const sealDomainEvents = (
  events: readonly DomainEvent[],
  context: EnvelopeContext,
  previousHash: string | null,
  newId: () => string,
): { readonly appends: readonly EventToAppend[]; readonly lastHash: string | null } => {
  const appends: EventToAppend[] = [];
  let chain = previousHash;
  for (const event of events) {
    const base: Omit<EventMetadata, 'previousHash' | 'hash'> = {
      actor: context.actor,
      occurredAt: context.occurredAt,
      correlationId: context.correlationId,
      causationId: context.causationId,
      schemaVersion: schemaVersionOf(event.type),
      commandType: context.commandType,
      ...(context.commandId === undefined ? {} : { commandId: context.commandId }),
    };
    const metadata = sealEvent(event.type, event.data, base, chain);
    chain = metadata.hash;
    appends.push(deepFreeze(toEventToAppend(newId(), event, metadata)));
  }
  return { appends, lastHash: chain };
};
