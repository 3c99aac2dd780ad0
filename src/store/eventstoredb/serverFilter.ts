import { eventTypeFilter, excludeSystemEvents, streamNameFilter } from '@eventstore/db-client';
import type { Filter } from '@eventstore/db-client';
import type { EventFilter } from '../port.js';

const escapeRegex = (text: string): string => text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

export type CheckpointReached = NonNullable<Filter['checkpointReached']>;

/**
 * The server-side filter of a subscription to $all, so the server skips what
 * the subscriber does not want instead of sending it:
 * - by category: stream names `<category>-…` or exactly `<category>` (the
 *   category of a stream is its name up to the first '-'), as a regex;
 * - by event type: the exact types, as a regex;
 * - none: every event whose type is not `$`-prefixed.
 * A category containing '-' or `$`, or a `$`-prefixed type, can only name
 * system events and is dropped; `undefined` means nothing can match.
 * System events are also dropped on arrival (a `$`-stream may hold events of
 * ordinary types, a user stream `$`-typed tombstones), so this filter only
 * has to be selective, not exact.
 */
export const serverFilterFor = (filter: EventFilter | undefined, checkpointReached: CheckpointReached): Filter | undefined => {
  if (filter === undefined) return excludeSystemEvents({ checkpointReached });
  if (filter.by === 'category') {
    const categories = filter.categories.filter((c) => c.length > 0 && !c.includes('-') && !c.startsWith('$'));
    if (categories.length === 0) return undefined;
    return streamNameFilter({ regex: `^(?:${categories.map(escapeRegex).join('|')})(?:-|$)`, checkpointReached });
  }
  const types = filter.types.filter((t) => t.length > 0 && !t.startsWith('$'));
  if (types.length === 0) return undefined;
  return eventTypeFilter({ regex: `^(?:${types.map(escapeRegex).join('|')})$`, checkpointReached });
};
