import type { handleServerStreamingCall } from '@grpc/grpc-js';
import type { ServerContext } from './context.js';
import { compileServerFilter } from './eventFilter.js';
import type { ServerFilter } from './eventFilter.js';
import { streamsPb } from './generated.js';
import type { ReadReq, ReadResp } from './generated.js';
import { responseWriter } from './responseWriter.js';
import type { ResponseWriter } from './responseWriter.js';
import { internalError, invalidArgumentError, invalidPositionError, streamDeletedError } from './rpcErrors.js';
import { subscribeToAll, subscribeToStream } from './subscriptions.js';
import type { AllStart, StreamStart } from './subscriptions.js';
import type { TransactionLog } from './transactionLog.js';
import { eventResponseBytes, streamNameOf, streamNotFoundResponse } from './wire.js';

type Options = InstanceType<typeof streamsPb.ReadReq.Options>;
type StreamOptions = InstanceType<typeof streamsPb.ReadReq.Options.StreamOptions>;
type AllOptions = InstanceType<typeof streamsPb.ReadReq.Options.AllOptions>;

const { ReadDirection } = streamsPb.ReadReq.Options;

const streamStart = (options: StreamOptions): StreamStart =>
  options.hasStart() ? { kind: 'start' } : options.hasEnd() ? { kind: 'end' } : { kind: 'revision', revision: Number(options.getRevision()) };

const allStart = (options: AllOptions): AllStart =>
  options.hasStart()
    ? { kind: 'start' }
    : options.hasEnd()
      ? { kind: 'end' }
      : { kind: 'position', position: Number(options.getPosition()?.getCommitPosition() ?? '0') };

const countOf = (options: Options): number => {
  const count = Number(options.getCount());
  return Number.isFinite(count) ? count : Number.MAX_SAFE_INTEGER;
};

/** Yields to the event loop every so often, so one long read does not starve the others. */
const YIELD_EVERY = 512;
const yieldToLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

const readStream = async (
  log: TransactionLog,
  writer: ResponseWriter,
  streamName: string,
  start: StreamStart,
  backwards: boolean,
  count: number,
  structured: boolean,
): Promise<void> => {
  const view = log.viewStream(streamName);
  if (view.kind === 'deleted') return writer.fail(streamDeletedError(streamName));
  if (view.kind === 'not_found') {
    await writer.send(streamNotFoundResponse(streamName));
    return writer.end();
  }
  const { records, firstVisible } = view;
  const last = records.length - 1;
  let sent = 0;
  if (backwards) {
    let r = start.kind === 'end' ? last : start.kind === 'start' ? 0 : Math.min(start.revision, last);
    for (; r >= firstVisible && sent < count && writer.open(); r--, sent++) {
      await writer.send(eventResponseBytes(records[r]!, structured));
      if (sent % YIELD_EVERY === YIELD_EVERY - 1) await yieldToLoop();
    }
  } else {
    let r = start.kind === 'start' ? firstVisible : start.kind === 'end' ? records.length : Math.max(start.revision, firstVisible);
    for (; r <= last && sent < count && writer.open(); r++, sent++) {
      await writer.send(eventResponseBytes(records[r]!, structured));
      if (sent % YIELD_EVERY === YIELD_EVERY - 1) await yieldToLoop();
    }
  }
  writer.end();
};

const readAll = async (
  log: TransactionLog,
  writer: ResponseWriter,
  start: AllStart,
  backwards: boolean,
  count: number,
  filter: ServerFilter | undefined,
  structured: boolean,
): Promise<void> => {
  const { records } = log;
  let sent = 0;
  let scanned = 0;
  const visit = async (index: number): Promise<void> => {
    const record = records[index]!;
    if (filter === undefined || filter.matches(record)) {
      sent++;
      await writer.send(eventResponseBytes(record, structured));
    }
    if (++scanned % YIELD_EVERY === 0) await yieldToLoop();
  };
  if (backwards) {
    let i =
      start.kind === 'end' ? records.length - 1 : start.kind === 'start' ? -1 : log.indexAtOrAfter(start.position) - 1;
    for (; i >= 0 && sent < count && writer.open(); i--) await visit(i);
  } else {
    let i = start.kind === 'start' ? 0 : start.kind === 'end' ? records.length : log.indexAtOrAfter(start.position);
    for (; i < records.length && sent < count && writer.open(); i++) await visit(i);
  }
  writer.end();
};

/**
 * Read: finite reads of a stream or of $all in either direction (a missing
 * stream answers in-band with `stream_not_found`), and catch-up subscriptions
 * to a stream or to $all (optionally filtered on the server).
 */
export const readHandler =
  (ctx: ServerContext): handleServerStreamingCall<ReadReq, ReadResp | Buffer> =>
  (call) => {
    const writer = responseWriter(call, ctx.log.wake);
    const unregister = ctx.onStop('Read', writer.fail);
    void writer.closed.then(unregister);
    const options = call.request.getOptions();
    if (options === undefined) return writer.fail(invalidArgumentError('Read options are required.'));
    const structured = options.getUuidOption()?.hasStructured() ?? false;
    const backwards = options.getReadDirection() === ReadDirection.BACKWARDS;
    const subscription = options.hasSubscription();
    let filter: ServerFilter | undefined;
    if (options.hasFilter()) {
      const compiled = compileServerFilter(options.getFilter()!);
      if (typeof compiled === 'string') return writer.fail(invalidArgumentError(compiled));
      filter = compiled;
    }

    let work: Promise<void>;
    const stream = options.getStream();
    const all = options.getAll();
    if (stream !== undefined) {
      const streamName = streamNameOf(stream.getStreamIdentifier());
      if (streamName === undefined || filter !== undefined) {
        return writer.fail(invalidArgumentError('A stream read needs a stream name and takes no filter.'));
      }
      const start = streamStart(stream);
      if (subscription) {
        if (backwards) return writer.fail(invalidArgumentError('Subscriptions read forwards.'));
        work = subscribeToStream(ctx.log, writer, streamName, start, structured);
      } else work = readStream(ctx.log, writer, streamName, start, backwards, countOf(options), structured);
    } else if (all !== undefined) {
      const start = allStart(all);
      if (start.kind === 'position' && !ctx.log.isReadablePosition(start.position)) return writer.fail(invalidPositionError());
      if (subscription) {
        if (backwards) return writer.fail(invalidArgumentError('Subscriptions read forwards.'));
        work = subscribeToAll(ctx.log, writer, start, filter, structured);
      } else work = readAll(ctx.log, writer, start, backwards, countOf(options), filter, structured);
    } else return writer.fail(invalidArgumentError('Read either a stream or $all.'));

    work.catch((error: unknown) => writer.fail(internalError(String(error))));
  };
