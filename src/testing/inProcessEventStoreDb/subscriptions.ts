import { randomUUID } from 'node:crypto';
import type { ServerFilter } from './eventFilter.js';
import type { ResponseWriter } from './responseWriter.js';
import { streamDeletedError } from './rpcErrors.js';
import type { TransactionLog } from './transactionLog.js';
import { caughtUpResponse, checkpointResponse, confirmationResponse, eventResponseBytes } from './wire.js';

/** Exclusive start points, as subscriptions take them. */
export type StreamStart = { readonly kind: 'start' } | { readonly kind: 'end' } | { readonly kind: 'revision'; readonly revision: number };
export type AllStart = { readonly kind: 'start' } | { readonly kind: 'end' } | { readonly kind: 'position'; readonly position: number };

const YIELD_EVERY = 512;
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

/**
 * One cursor walks the log from the start point to its end and then waits
 * for commits, so historical and live events come from the same place and
 * there is no seam where one could be lost or sent twice. `caught_up` is sent
 * once, the first time the cursor reaches the end.
 */
const follow = async (
  log: TransactionLog,
  writer: ResponseWriter,
  step: () => Promise<'moved' | 'at_end' | 'stop'>,
  onFirstCatchUp: () => Promise<void> | undefined,
): Promise<void> => {
  let caughtUp = false;
  let sinceYield = 0;
  while (writer.open()) {
    // Taken before looking at the log: a commit made while we look resolves it.
    const commit = log.nextCommit();
    const result = await step();
    if (result === 'stop') return;
    if (result === 'moved') {
      if (++sinceYield >= YIELD_EVERY) {
        sinceYield = 0;
        await yieldToLoop();
      }
      continue;
    }
    if (!caughtUp) {
      caughtUp = true;
      await onFirstCatchUp();
      await writer.send(caughtUpResponse());
      continue;
    }
    await commit; // the log also wakes followers when a call closes

  }
};

export const subscribeToAll = async (
  log: TransactionLog,
  writer: ResponseWriter,
  start: AllStart,
  filter: ServerFilter | undefined,
  structured: boolean,
): Promise<void> => {
  const { records } = log;
  let cursor =
    start.kind === 'start' ? 0 : start.kind === 'end' ? records.length : log.indexAtOrAfter(start.position + 1);
  let considered = 0;
  let lastConsidered: number | undefined;
  await writer.send(confirmationResponse(randomUUID()));

  await follow(
    log,
    writer,
    async () => {
      if (cursor >= records.length) return 'at_end';
      const record = records[cursor++]!;
      if (filter === undefined) {
        await writer.send(eventResponseBytes(record, structured));
        return 'moved';
      }
      if (filter.matches(record)) await writer.send(eventResponseBytes(record, structured));
      lastConsidered = record.position;
      if (++considered >= filter.checkpointInterval) {
        considered = 0;
        await writer.send(checkpointResponse(record.position));
      }
      return 'moved';
    },
    () => (filter !== undefined && lastConsidered !== undefined ? writer.send(checkpointResponse(lastConsidered)) : undefined),
  );
};

export const subscribeToStream = async (
  log: TransactionLog,
  writer: ResponseWriter,
  streamName: string,
  start: StreamStart,
  structured: boolean,
): Promise<void> => {
  let next =
    start.kind === 'start' ? 0 : start.kind === 'end' ? log.currentRevision(streamName) + 1 : start.revision + 1;
  await writer.send(confirmationResponse(randomUUID()));

  await follow(
    log,
    writer,
    async () => {
      const view = log.viewStream(streamName);
      if (view.kind === 'deleted') {
        writer.fail(streamDeletedError(streamName));
        return 'stop';
      }
      if (view.kind === 'not_found') return 'at_end';
      next = Math.max(next, view.firstVisible);
      const record = view.records[next];
      if (record === undefined) return 'at_end';
      next += 1;
      await writer.send(eventResponseBytes(record, structured));
      return 'moved';
    },
    () => undefined,
  );
};
