import type { EventStore } from '../store/port.js';
import { numberAllocatedEventType, numberStream, parseChangeRequestNumber } from './streams.js';

/**
 * The CR id a number was allocated to, read from its counter stream (one
 * event: the number's sequence is the allocation's revision plus one), or
 * undefined when the number is not canonical or was never allocated here.
 */
export const allocatedChangeRequestId = async (store: EventStore, number: string): Promise<string | undefined> => {
  const parsed = parseChangeRequestNumber(number);
  if (parsed === undefined) return undefined;
  const [allocation] = await store.readStream(numberStream(parsed.prefix, parsed.year), { fromRevision: parsed.sequence - 1, maxCount: 1 });
  if (allocation === undefined || allocation.type !== numberAllocatedEventType || allocation.data['number'] !== number) return undefined;
  const id = allocation.data['changeRequestId'];
  return typeof id === 'string' ? id : undefined;
};
