import type { Clock } from '../../domain/ports.js';
import type { StoredEvent } from '../../events/serialization.js';
import type { Projection } from '../projection.js';
import { computeMetrics, type ChangeMetrics } from './compute.js';
import { foldTimeline, type Timeline } from './timeline.js';

export interface MonthlyMetrics extends ChangeMetrics {
  /** YYYY-MM (UTC). */
  readonly month: string;
}

export interface Metrics extends Projection {
  position(): number;
  /** Metrics over [from, to) (ISO instants). */
  forRange(range: { readonly from: string; readonly to: string }): ChangeMetrics;
  /** Metrics of one calendar month (UTC), e.g. '2025-12'. */
  forMonth(month: string): MonthlyMetrics;
  /** Every month from the first to the last in which a CR was submitted, approved, deployed, tested or restored. */
  byMonth(): readonly MonthlyMetrics[];
}

export class MetricsQueryError extends Error {
  readonly code = 'INVALID_METRICS_RANGE';
  constructor(message: string) {
    super(message);
    this.name = 'MetricsQueryError';
  }
}

const monthStart = (year: number, month: number): number => Date.UTC(year, month, 1);
const monthKey = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

const parseMonth = (month: string): [number, number] => {
  const m = /^(\d{4})-(\d{2})$/.exec(month);
  const mm = m === null ? NaN : Number(m[2]);
  if (m === null || mm < 1 || mm > 12) throw new MetricsQueryError(`Expected a month as YYYY-MM, got ${JSON.stringify(month)}`);
  return [monthStart(Number(m[1]), mm - 1), monthStart(Number(m[1]), mm)];
};

/** Change-management metrics (spec 16.1); `clock` decides which emergency retrospectives are overdue. */
export const createMetrics = (options: { readonly clock?: Clock } = {}): Metrics => {
  const clock = options.clock ?? (() => new Date());
  const timelines = new Map<string, Timeline>();
  let position = -1;

  const forRange = (from: number, to: number): ChangeMetrics => computeMetrics(timelines.values(), from, to, clock().getTime());

  const forMonth = (month: string): MonthlyMetrics => {
    const [from, to] = parseMonth(month);
    return { month, ...forRange(from, to) };
  };

  return {
    name: 'change_metrics',
    apply: (e: StoredEvent) => {
      if (e.position <= position) return;
      foldTimeline(timelines, e.streamName, e);
      position = e.position;
    },
    reset: () => {
      timelines.clear();
      position = -1;
    },
    position: () => position,
    forRange: ({ from, to }) => {
      const f = Date.parse(from);
      const t = Date.parse(to);
      if (Number.isNaN(f) || Number.isNaN(t) || t < f) throw new MetricsQueryError(`Invalid range ${from} .. ${to}`);
      return forRange(f, t);
    },
    forMonth,
    byMonth: () => {
      let first = Infinity;
      let last = -Infinity;
      const see = (t: number | undefined): void => {
        if (t === undefined) return;
        if (t < first) first = t;
        if (t > last) last = t;
      };
      for (const t of timelines.values()) {
        see(t.submittedAt);
        see(t.approvedAt);
        see(t.deployedAt);
        see(t.rollbackValidatedAt);
        see(t.retrospectiveAt);
        for (const [at] of t.testRuns) see(at);
      }
      if (first === Infinity) return [];
      const out: MonthlyMetrics[] = [];
      const end = monthKey(last);
      for (let d = new Date(first), key = monthKey(first); ; ) {
        out.push(forMonth(key));
        if (key === end) break;
        d = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1));
        key = monthKey(d.getTime());
      }
      return out;
    },
  };
};
