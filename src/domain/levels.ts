import { levels, type Level } from '../events/values.js';

export const levelRank = (level: Level): number => levels.indexOf(level);

export const higherLevel = <L extends Level>(a: L, b: L): L => (levelRank(a) >= levelRank(b) ? a : b);

/** The highest of the given levels; `low` for none. */
export const highestLevel = <L extends Level>(all: readonly L[]): L | 'low' =>
  all.reduce<L | 'low'>((max, l) => (levelRank(l) > levelRank(max) ? l : max), 'low');
