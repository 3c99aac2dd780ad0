import { z } from 'zod';
import { Actor, Instant } from './values.js';

/** The envelope every stored event carries: who, when, why-chain, schema version and hash chain. */
export const EventMetadata = z.object({
  actor: Actor,
  occurredAt: Instant,
  correlationId: z.string().min(1),
  causationId: z.string().min(1),
  schemaVersion: z.number().int().min(1),
  commandType: z.string().min(1),
  commandId: z.string().min(1).optional(),
  previousHash: z.string().nullable(),
  hash: z.string().regex(/^[0-9a-f]{64}$/),
});
export type EventMetadata = z.infer<typeof EventMetadata>;
