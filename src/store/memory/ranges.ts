import type { EventFilter, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../port.js';
import { categoryOf } from '../port.js';

const limitOf = (maxCount: number | undefined): number =>
  maxCount === undefined ? Number.POSITIVE_INFINITY : Math.max(0, Math.floor(maxCount));

/**
 * Reads a stream's records. `start` is revision 0 and `end` the position after
 * the last event (as in EventStoreDB): forwards from `end` reads nothing,
 * backwards from it starts at the last event. A numeric revision is inclusive.
 */
export const readStreamRange = (
  records: readonly RecordedEvent[],
  options: ReadStreamOptions | undefined,
): RecordedEvent[] => {
  if (options === undefined) return records.slice();
  const limit = limitOf(options.maxCount);
  const from = options.fromRevision;
  if (options.direction === 'backwards') {
    const last = records.length - 1;
    const start = from === undefined || from === 'end' ? last : from === 'start' ? 0 : Math.min(last, Math.floor(from));
    const out: RecordedEvent[] = [];
    for (let i = start; i >= 0 && out.length < limit; i--) out.push(records[i]!);
    return out;
  }
  const start = from === undefined || from === 'start' ? 0 : from === 'end' ? records.length : Math.max(0, Math.ceil(from));
  return records.slice(start, limit === Number.POSITIVE_INFINITY ? undefined : start + limit);
};

/** Builds a predicate for a filter, remembering each stream's verdict so a category is cut out once per stream. */
export const compileFilter = (filter: EventFilter | undefined): ((e: RecordedEvent) => boolean) | undefined => {
  if (filter === undefined) return undefined;
  if (filter.by === 'eventType') {
    const types = new Set(filter.types);
    return (e) => types.has(e.type);
  }
  const categories = new Set(filter.categories);
  const verdicts = new Map<string, boolean>();
  return (e) => {
    let keep = verdicts.get(e.streamName);
    if (keep === undefined) {
      keep = categories.has(categoryOf(e.streamName));
      verdicts.set(e.streamName, keep);
    }
    return keep;
  };
};

/**
 * Reads the global log, where a record's position is its index. Forwards from
 * P includes P; backwards from P excludes it.
 */
export const readAllRange = (log: readonly RecordedEvent[], options: ReadAllOptions | undefined): RecordedEvent[] => {
  const limit = limitOf(options?.maxCount);
  const keep = compileFilter(options?.filter);
  const from = options?.fromPosition;
  const out: RecordedEvent[] = [];
  if (options?.direction === 'backwards') {
    const before = from === undefined || from === 'end' ? log.length : from === 'start' ? 0 : Math.min(log.length, Math.ceil(from));
    for (let i = before - 1; i >= 0 && out.length < limit; i--) {
      const e = log[i]!;
      if (keep === undefined || keep(e)) out.push(e);
    }
    return out;
  }
  const start = from === undefined || from === 'start' ? 0 : from === 'end' ? log.length : Math.max(0, Math.ceil(from));
  if (keep === undefined) return log.slice(start, limit === Number.POSITIVE_INFINITY ? undefined : start + limit);
  for (let i = start; i < log.length && out.length < limit; i++) {
    const e = log[i]!;
    if (keep(e)) out.push(e);
  }
  return out;
};
