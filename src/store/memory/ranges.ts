import type { AllCount, EventFilter, ReadAllOptions, ReadStreamOptions, RecordedEvent } from '../port.js';

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

/**
 * Builds a predicate for a filter. A category matches a stream named exactly
 * so or starting with `<category>-`, which is what categoryOf means, tested
 * without slicing the name or looking it up per event.
 */
export const compileFilter = (filter: EventFilter | undefined): ((e: RecordedEvent) => boolean) | undefined => {
  if (filter === undefined) return undefined;
  if (filter.by === 'eventType') {
    const types = new Set(filter.types);
    return (e) => types.has(e.type);
  }
  // A category holding a dash can never be a stream's category.
  const categories = filter.categories.filter((c) => !c.includes('-'));
  const matches = (name: string, category: string): boolean =>
    name.startsWith(category) && (name.length === category.length || name.charCodeAt(category.length) === 45); /* '-' */
  if (categories.length === 1) {
    const only = categories[0]!;
    return (e) => matches(e.streamName, only);
  }
  // A loop, not categories.some(...): no closure per event.
  return (e) => {
    for (const c of categories) if (matches(e.streamName, c)) return true;
    return false;
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

/**
 * Counts what readAllRange would return for a filter, in one pass without
 * collecting; unfiltered it is the log's length (positions are indexes).
 */
export const countAllRange = (log: readonly RecordedEvent[], filter: EventFilter | undefined): AllCount => {
  const keep = compileFilter(filter);
  if (keep === undefined) return { count: log.length, lastPosition: log.length - 1 };
  let count = 0;
  let lastPosition = -1;
  for (const e of log) {
    if (keep(e)) {
      count++;
      lastPosition = e.position;
    }
  }
  return { count, lastPosition };
};
