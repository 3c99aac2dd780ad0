import { interval, type Observable } from 'rxjs';
import { defaultPolicy, type Policy } from '../../domain/policy.js';
import type { Clock } from '../../domain/ports.js';
import type { GateResult } from '../../events/assessments.js';
import type { StoredEvent } from '../../events/serialization.js';
import { changeRequestIdOfStream } from '../../events/streams.js';
import type { Level, Role } from '../../events/values.js';
import type { EventStore } from '../../store/port.js';
import { afterHead, decodedChangeRequestEvents } from '../changeRequestEvents.js';
import { applyToEntry, entryFor } from '../register/fold.js';
import type { ChangeRegisterEntry } from '../register/schema.js';

interface About {
  readonly crId: string | null;
  readonly changeRequestId: string;
  readonly title: string;
  /** When the notification was raised: the event's time, or the clock's for time-based ones. */
  readonly at: string;
}

export type Notification =
  | (About & {
      readonly kind: 'approval_required';
      readonly approvalLevel: Level | null;
      /** Roles whose approval (or, for stakeholders, concurrence) is still needed. */
      readonly awaiting: readonly Role[];
      readonly stakeholderConcurrenceRequired: boolean;
      readonly escalationRequired: boolean;
    })
  | (About & { readonly kind: 'gate_evaluation_failed'; readonly failedGates: readonly Pick<GateResult, 'gate' | 'number' | 'unmet'>[] })
  | (About & { readonly kind: 'emergency_retrospective_overdue'; readonly fixAppliedAt: string; readonly dueAt: string })
  | (About & { readonly kind: 'verification_window_elapsed'; readonly deployedAt: string; readonly windowEndedAt: string });

export interface NotificationOptions {
  readonly store: EventStore;
  readonly clock?: Clock;
  /** When to check the time-based conditions (default every minute). Tests inject a Subject. */
  readonly tick$?: Observable<unknown>;
  readonly policy?: Pick<Policy, 'verificationWindowHours'>;
  /**
   * false (default): history only builds state; once caught up, every CR
   * then awaiting approval is announced, and from then on each event that
   * raises a notification. true: history's notifications are emitted as well.
   */
  readonly replayHistory?: boolean;
}

const HOUR = 3_600_000;

const about = (e: ChangeRegisterEntry, at: string): About => ({ crId: e.crId, changeRequestId: e.changeRequestId, title: e.title, at });

const approvalRequired = (e: ChangeRegisterEntry, at: string): Notification => ({
  kind: 'approval_required',
  ...about(e, at),
  approvalLevel: e.approvalLevel,
  awaiting: [...e.awaitingApprovalFrom],
  stakeholderConcurrenceRequired: e.stakeholderConcurrenceRequired === true,
  escalationRequired: e.escalationRequired === true,
});

/**
 * Live notifications for people and services:
 * - approval_required: a CR is assessed and awaits approval; raised again
 *   when the authority still needed changes (e.g. after a first approval);
 * - gate_evaluation_failed: an explicit gate evaluation did not pass;
 * - emergency_retrospective_overdue: an emergency fix's retrospective
 *   assessment was due (EmergencyFixApplied.retrospectiveDueAt) and is
 *   still missing, once per CR;
 * - verification_window_elapsed: the monitoring window after a deployment
 *   (policy.verificationWindowHours) has passed and the CR is not yet
 *   verified, failed or rolled back, once per deployment.
 * Time-based ones are checked on each tick with the injected clock, and
 * once when the history has been read.
 */
export const notifications$ = (options: NotificationOptions): Observable<Notification> => {
  const { store } = options;
  const clock = options.clock ?? (() => new Date());
  const windowMs = (options.policy ?? defaultPolicy).verificationWindowHours * HOUR;
  const tick$ = options.tick$ ?? interval(60_000);

  return afterHead<Notification>(store, (head, subscriber) => {
    const entries = new Map<string, ChangeRegisterEntry>();
    /** CRs with a deployment awaiting its verdict: the only ones time can make due. */
    const deployed = new Set<string>();
    const raised = new Set<string>();
    let live = false;

    const emit = (n: Notification): void => subscriber.next(n);

    const checkTime = (): void => {
      const now = clock();
      const nowMs = now.getTime();
      for (const id of deployed) {
        const e = entries.get(id)!;
        const em = e.emergency;
        if (em !== null && em.fixAppliedAt !== null && em.retrospectiveDueAt !== null && em.retrospectiveAssessedAt === null) {
          const key = `${id}/retrospective`;
          if (nowMs > Date.parse(em.retrospectiveDueAt) && !raised.has(key)) {
            raised.add(key);
            emit({ kind: 'emergency_retrospective_overdue', ...about(e, now.toISOString()), fixAppliedAt: em.fixAppliedAt, dueAt: em.retrospectiveDueAt });
          }
        }
        const last = e.deploymentLogs[e.deploymentLogs.length - 1];
        if (last !== undefined && last.result === 'deployed') {
          const endsAt = Date.parse(last.deployedAt) + windowMs;
          const key = `${id}/verify/${last.deployedAt}`;
          if (nowMs >= endsAt && !raised.has(key)) {
            raised.add(key);
            emit({
              kind: 'verification_window_elapsed',
              ...about(e, now.toISOString()),
              deployedAt: last.deployedAt,
              windowEndedAt: new Date(endsAt).toISOString(),
            });
          }
        }
      }
    };

    const goLive = (): void => {
      if (live) return;
      live = true;
      if (!options.replayHistory) {
        for (const e of entries.values()) if (e.awaitingApprovalFrom.length > 0) emit(approvalRequired(e, e.lastUpdated));
      }
      checkTime();
    };

    const onEvent = (ev: StoredEvent): void => {
      const id = changeRequestIdOfStream(ev.streamName)!;
      const entry = entryFor(entries, ev, id);
      if (entry === undefined) return;
      const awaitingBefore = entry.awaitingApprovalFrom.join(',');
      applyToEntry(entry, ev);
      const last = entry.deploymentLogs[entry.deploymentLogs.length - 1];
      const em = entry.emergency;
      const retrospectivePending = em !== null && em.fixAppliedAt !== null && em.retrospectiveAssessedAt === null;
      if (last?.result === 'deployed' || retrospectivePending) deployed.add(id);
      else deployed.delete(id);
      if (live || options.replayHistory) {
        const awaiting = entry.awaitingApprovalFrom.join(',');
        if (awaiting !== '' && awaiting !== awaitingBefore) emit(approvalRequired(entry, ev.metadata.occurredAt));
        if (ev.type === 'GatesEvaluated' && !ev.data.allPassed) {
          emit({
            kind: 'gate_evaluation_failed',
            ...about(entry, ev.metadata.occurredAt),
            failedGates: ev.data.results.filter((g) => !g.passed).map(({ gate, number, unmet }) => ({ gate, number, unmet })),
          });
        }
      }
      if (!live && ev.position >= head) goLive();
    };

    const events = decodedChangeRequestEvents(store).subscribe({ next: onEvent, error: (e: unknown) => subscriber.error(e) });
    if (head === -1) goLive();
    const ticks = tick$.subscribe(() => {
      if (live) checkTime();
    });
    return () => {
      events.unsubscribe();
      ticks.unsubscribe();
    };
  });
};
