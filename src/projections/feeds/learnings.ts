import type { Observable } from 'rxjs';
import type { StoredEvent } from '../../events/serialization.js';
import { changeRequestIdOfStream } from '../../events/streams.js';
import type { ChangeRequestType, ClosureOutcome } from '../../events/values.js';
import type { EventStore } from '../../store/port.js';
import { afterHead, decodedChangeRequestEvents } from '../changeRequestEvents.js';
import { applyToEntry, entryFor } from '../register/fold.js';
import type { ChangeRegisterEntry } from '../register/schema.js';

interface FeedItemBase {
  readonly crId: string | null;
  readonly changeRequestId: string;
  readonly crType: ChangeRequestType;
  readonly title: string;
  /** Global position of the event behind the item: resume after it with `after`. */
  readonly position: number;
  readonly at: string;
}

export type LearningFeedItem =
  | (FeedItemBase & { readonly kind: 'learning'; readonly topic: string; readonly insight: string })
  | (FeedItemBase & {
      readonly kind: 'ai_outcome';
      readonly trigger: ChangeRegisterEntry['trigger'];
      readonly outcome: ClosureOutcome;
      readonly deployed: boolean;
      readonly rolledBack: boolean;
      readonly regressionDetected: boolean;
      readonly autoApproved: boolean | null;
      readonly approvalLevel: ChangeRegisterEntry['approvalLevel'];
      readonly learnings: readonly { readonly topic: string; readonly insight: string }[];
    });

export interface LearningsOptions {
  readonly store: EventStore;
  /** Emit only items from events after this position (the last item a consumer handled); default: everything. */
  readonly after?: number;
  /** Complete once the history is read instead of staying live (for a batch export). */
  readonly historyOnly?: boolean;
}

const base = (e: ChangeRegisterEntry, ev: StoredEvent): FeedItemBase => ({
  crId: e.crId,
  changeRequestId: e.changeRequestId,
  crType: e.crType,
  title: e.title,
  position: ev.position,
  at: ev.metadata.occurredAt,
});

/**
 * The runtime -> build-time feedback feed (spec 11): each learning recorded
 * at closure, and the outcome of every closed AI-generated CR (deployed?
 * rolled back? regression found?), for the build-time Foreman. State is
 * always rebuilt from the start so items after `after` are complete.
 */
export const learnings$ = (options: LearningsOptions): Observable<LearningFeedItem> =>
  afterHead<LearningFeedItem>(options.store, (head, subscriber) => {
    const after = options.after ?? -1;
    const entries = new Map<string, ChangeRegisterEntry>();
    if (options.historyOnly && head === -1) {
      subscriber.complete();
      return undefined;
    }
    const onEvent = (ev: StoredEvent): void => {
      const id = changeRequestIdOfStream(ev.streamName)!;
      const entry = entryFor(entries, ev, id);
      if (entry === undefined) return;
      applyToEntry(entry, ev);
      if (ev.position > after) {
        if (ev.type === 'LearningsRecorded') {
          for (const l of ev.data.learnings) subscriber.next({ kind: 'learning', ...base(entry, ev), topic: l.topic, insight: l.insight });
        }
        if (ev.type === 'ChangeRequestClosed' && entry.crType === 'ai_generated') {
          subscriber.next({
            kind: 'ai_outcome',
            ...base(entry, ev),
            trigger: entry.trigger,
            outcome: ev.data.outcome,
            deployed: entry.deploymentLogs.length > 0,
            rolledBack: entry.rollbackEvents.length > 0,
            regressionDetected: entry.testResults.some((r) => r.regressionDetected),
            autoApproved: entry.autoApproved,
            approvalLevel: entry.approvalLevel,
            learnings: [...entry.learnings],
          });
        }
      }
      if (options.historyOnly && ev.position >= head) subscriber.complete();
    };
    const events = decodedChangeRequestEvents(options.store).subscribe({ next: onEvent, error: (e: unknown) => subscriber.error(e) });
    return () => events.unsubscribe();
  });
