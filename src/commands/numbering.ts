import { sealEvent } from '../events/integrity.js';
import { formatChangeRequestNumber, numberAllocatedEventType, numberStream } from '../events/streams.js';
import type { Actor } from '../events/values.js';
import { isWrongExpectedRevision } from '../store/errors.js';
import type { EventStore } from '../store/port.js';
import type { KeyedMutex } from './keyedMutex.js';

export interface NumberAllocation {
  readonly prefix: 'CR' | 'AI-CR';
  readonly year: number;
  readonly changeRequestId: string;
  readonly actor: Actor;
  readonly occurredAt: string;
  readonly correlationId: string;
}

/**
 * Allocates the next CR number of a prefix and year. The counter stream's
 * revision is the sequence (revision 0 is number 001), and the append
 * expects exactly the revision it read, so two writers can never take the
 * same number; the loser re-reads and takes the next one.
 */
export const allocateChangeRequestNumber = async (
  store: EventStore,
  mutex: KeyedMutex,
  newId: () => string,
  request: NumberAllocation,
  maxAttempts = 100,
): Promise<string> => {
  const stream = numberStream(request.prefix, request.year);
  return mutex(stream, async () => {
    for (let attempt = 1; ; attempt++) {
      const [last] = await store.readStream(stream, { direction: 'backwards', maxCount: 1 });
      const revision = last?.revision ?? -1;
      const number = formatChangeRequestNumber(request.prefix, request.year, revision + 2);
      const data = { number, changeRequestId: request.changeRequestId };
      const previousHash = typeof last?.metadata['hash'] === 'string' ? last.metadata['hash'] : null;
      const metadata = sealEvent(
        numberAllocatedEventType,
        data,
        {
          actor: request.actor,
          occurredAt: request.occurredAt,
          correlationId: request.correlationId,
          causationId: request.correlationId,
          schemaVersion: 1,
          commandType: 'AllocateChangeRequestNumber',
        },
        previousHash,
      );
      try {
        await store.appendToStream(stream, [{ id: newId(), type: numberAllocatedEventType, data, metadata }], {
          expectedRevision: revision === -1 ? 'no_stream' : revision,
        });
        return number;
      } catch (e) {
        if (!isWrongExpectedRevision(e) || attempt >= maxAttempts) throw e;
        await new Promise((resolve) => setTimeout(resolve, Math.min(50, attempt)));
      }
    }
  });
};
