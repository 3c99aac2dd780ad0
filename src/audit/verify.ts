import * as TE from 'fp-ts/lib/TaskEither.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { changeRequestCategory } from '../events/streams.js';
import type { EventStore } from '../store/port.js';
import { categoryOf } from '../store/port.js';
import { carriesChain, checkNext, verifyRecords, type StreamVerification, type VerifyRecordsOptions } from './chain.js';
import { fromStoreFailure, type AuditError } from './errors.js';
import type { ChainHead, IntegrityFinding } from './findings.js';
import { allPages, readWholeStream } from './read.js';

/** Verifies the hash chain of one stream as the store holds it. */
export const verifyStream = (
  store: EventStore,
  streamName: string,
  options: VerifyRecordsOptions = {},
): TaskEither<AuditError, StreamVerification> =>
  TE.tryCatch(
    async () => verifyRecords(streamName, await readWholeStream(store, streamName), options),
    (e) => fromStoreFailure(e, streamName),
  );

export interface VerifyStoreOptions {
  /**
   * Categories whose streams must carry a hash chain (default: change
   * requests). Streams of other categories are verified when their first
   * event carries one, and skipped otherwise (counters, checkpoints).
   */
  readonly chainedCategories?: readonly string[];
  /** Heads kept from an earlier verification, by stream name: each stream must still contain its anchor. */
  readonly anchors?: ReadonlyMap<string, ChainHead>;
  readonly pageSize?: number;
}

export interface StoreVerification {
  readonly ok: boolean;
  readonly streamsChecked: number;
  readonly streamsSkipped: number;
  readonly eventsChecked: number;
  /** The first finding of each broken stream, in global order of the event they name. */
  readonly findings: readonly IntegrityFinding[];
  /** The head of every verified stream: keep them as anchors for the next verification. */
  readonly heads: ReadonlyMap<string, ChainHead>;
}

type Tracked = { readonly chained: true; head: ChainHead | undefined; broken: boolean } | { readonly chained: false };

/**
 * Verifies every chained stream of the store in one pass over the global log,
 * keeping one head per stream. A stream that fails is read again on its own
 * to diagnose its first finding.
 */
export const verifyStore = (store: EventStore, options: VerifyStoreOptions = {}): TaskEither<AuditError, StoreVerification> =>
  TE.tryCatch(
    async () => {
      const chainedCategories = new Set(options.chainedCategories ?? [changeRequestCategory]);
      const streams = new Map<string, Tracked>();
      let eventsChecked = 0;
      const broken: string[] = [];
      for await (const page of allPages(store, options.pageSize === undefined ? {} : { pageSize: options.pageSize })) {
        for (const record of page) {
          let tracked = streams.get(record.streamName);
          if (tracked === undefined) {
            const chained = chainedCategories.has(categoryOf(record.streamName)) || carriesChain(record);
            tracked = chained ? { chained: true, head: undefined, broken: false } : { chained: false };
            streams.set(record.streamName, tracked);
          }
          if (!tracked.chained || tracked.broken) continue;
          eventsChecked += 1;
          const step = checkNext(tracked.head, record);
          if (step.ok) tracked.head = step.head;
          else {
            tracked.broken = true;
            broken.push(record.streamName);
          }
        }
      }
      const findings: IntegrityFinding[] = [];
      const heads = new Map<string, ChainHead>();
      let streamsChecked = 0;
      for (const [streamName, tracked] of streams) {
        if (!tracked.chained) continue;
        streamsChecked += 1;
        const anchor = options.anchors?.get(streamName);
        if (!tracked.broken && anchor === undefined) {
          if (tracked.head !== undefined) heads.set(streamName, tracked.head);
          continue;
        }
        const verification = verifyRecords(streamName, await readWholeStream(store, streamName), anchor === undefined ? {} : { anchor });
        if (verification.finding !== undefined) findings.push(verification.finding);
        else if (verification.head !== undefined) heads.set(streamName, verification.head);
      }
      for (const [streamName, anchor] of options.anchors ?? []) {
        if (streams.has(streamName)) continue;
        findings.push(verifyRecords(streamName, [], { anchor }).finding as IntegrityFinding);
        streamsChecked += 1;
      }
      findings.sort((a, b) => a.position - b.position);
      return {
        ok: findings.length === 0,
        streamsChecked,
        streamsSkipped: [...streams.values()].filter((t) => !t.chained).length,
        eventsChecked,
        findings,
        heads,
      };
    },
    (e) => fromStoreFailure(e),
  );
