import { InvalidArgumentError, Option } from 'commander';

/** Accepts an ISO 8601 date or instant (`2025-12-01`, `2025-12-01T09:00:00Z`) and returns it as a full UTC instant. */
export const parseInstant = (value: string): string => {
  const ok = /^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value.trim());
  const ms = ok ? Date.parse(value.trim()) : Number.NaN;
  if (Number.isNaN(ms)) throw new InvalidArgumentError(`expected an ISO 8601 date or instant, e.g. 2025-12-01 or 2025-12-01T09:00:00Z`);
  return new Date(ms).toISOString();
};

/** An option whose value is an instant, checked by commander (a bad value is a usage error). */
export const instantOption = (flags: string, description: string): Option => new Option(flags, description).argParser(parseInstant);
