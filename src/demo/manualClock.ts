import type { Clock } from '../domain/ports.js';

/** A clock that only moves when told to: for tests, demos and replays. */
export interface ManualClock {
  readonly now: Clock;
  advanceHours(hours: number): void;
  advanceMinutes(minutes: number): void;
  set(at: Date | string): void;
}

export const createManualClock = (start: Date | string): ManualClock => {
  let current = new Date(start).getTime();
  if (Number.isNaN(current)) throw new RangeError(`Invalid start time: ${String(start)}`);
  return {
    now: () => new Date(current),
    advanceHours: (hours) => {
      current += hours * 3_600_000;
    },
    advanceMinutes: (minutes) => {
      current += minutes * 60_000;
    },
    set: (at) => {
      const t = new Date(at).getTime();
      if (Number.isNaN(t)) throw new RangeError(`Invalid time: ${String(at)}`);
      current = t;
    },
  };
};
