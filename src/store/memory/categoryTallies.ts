import type { AllCount } from '../port.js';
import { categoryOf } from '../port.js';

/** How many events the streams of one category hold, and the position of the latest. */
export interface CategoryTally {
  count: number;
  lastPosition: number;
}

/** The tally of a new stream's category, opened on its first stream. */
export const tallyOf = (tallies: Map<string, CategoryTally>, streamName: string): CategoryTally => {
  const category = categoryOf(streamName);
  let tally = tallies.get(category);
  if (tally === undefined) {
    tally = { count: 0, lastPosition: -1 };
    tallies.set(category, tally);
  }
  return tally;
};

/** A category-filtered count from the running tallies: no pass over the log. */
export const countCategories = (tallies: ReadonlyMap<string, CategoryTally>, categories: readonly string[]): AllCount => {
  let count = 0;
  let lastPosition = -1;
  for (const category of new Set(categories)) {
    const tally = tallies.get(category);
    if (tally === undefined) continue;
    count += tally.count;
    if (tally.lastPosition > lastPosition) lastPosition = tally.lastPosition;
  }
  return { count, lastPosition };
};
