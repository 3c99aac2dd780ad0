import type { handleBidiStreamingCall } from '@grpc/grpc-js';
import type { ServerContext } from './context.js';
import type { ExpectedState } from './expectedState.js';
import { WellKnownEmpty, sharedPb, streamsPb } from './generated.js';
import type { BatchAppendReq, BatchAppendResp, Uuid } from './generated.js';
import { parseProposedMessage } from './proposedMessage.js';
import {
  badRequestStatus,
  maxAppendSizeExceededStatus,
  streamDeletedStatus,
  timeoutStatus,
  wrongExpectedVersionStatus,
} from './rpcErrors.js';
import type { ProposedEvent, WriteOutcome } from './transactionLog.js';
import { streamIdentifier, streamNameOf, uuidToString } from './wire.js';

type BatchOptions = InstanceType<typeof streamsPb.BatchAppendReq.Options>;

interface PendingWrite {
  readonly correlationId: Uuid;
  readonly streamName: string;
  readonly expected: ExpectedState;
  /** Milliseconds since the epoch; Infinity when the client gave none. */
  readonly deadline: number;
  readonly events: ProposedEvent[];
  size: number;
}

const expectedOf = (options: BatchOptions): ExpectedState | undefined => {
  if (options.hasStreamPosition()) return { kind: 'revision', revision: BigInt(options.getStreamPosition()) };
  if (options.hasNoStream()) return { kind: 'no_stream' };
  if (options.hasAny()) return { kind: 'any' };
  if (options.hasStreamExists()) return { kind: 'stream_exists' };
  return undefined;
};

const response = (correlationId: Uuid | undefined, streamName: string): BatchAppendResp => {
  const resp = new streamsPb.BatchAppendResp().setStreamIdentifier(streamIdentifier(streamName));
  return correlationId === undefined ? resp : resp.setCorrelationId(correlationId);
};

const outcomeResponse = (write: PendingWrite, outcome: WriteOutcome): BatchAppendResp => {
  const resp = response(write.correlationId, write.streamName);
  switch (outcome.kind) {
    case 'stream_deleted':
      return resp.setError(streamDeletedStatus(write.streamName));
    case 'wrong_expected_version':
      return resp.setError(wrongExpectedVersionStatus(write.expected, outcome.currentRevision));
    default: {
      const success = new streamsPb.BatchAppendResp.Success();
      if (outcome.lastRevision < 0) success.setNoStream(new WellKnownEmpty());
      else success.setCurrentRevision(String(outcome.lastRevision));
      if (outcome.lastPosition < 0) success.setNoPosition(new WellKnownEmpty());
      else {
        const position = String(outcome.lastPosition);
        success.setPosition(new sharedPb.AllStreamPosition().setCommitPosition(position).setPreparePosition(position));
      }
      return resp.setSuccess(success);
    }
  }
};

/**
 * BatchAppend: one long-lived bidirectional stream multiplexing appends by
 * correlation id. A batch may span several messages (until `is_final`);
 * every failure is answered in-band with a google.rpc.Status. A write that
 * cannot be acknowledged before the deadline in its options is answered with
 * a Timeout status (it may still have been committed).
 */
export const batchAppendHandler =
  (ctx: ServerContext): handleBidiStreamingCall<BatchAppendReq, BatchAppendResp> =>
  (call) => {
    const pending = new Map<string, PendingWrite>();
    let inFlight = 0;
    let clientDone = false;
    const unregister = ctx.onStop('BatchAppend', (error) => call.emit('error', error));
    call.on('finish', unregister);
    call.on('cancelled', unregister);
    call.on('error', unregister);

    const send = (resp: BatchAppendResp): void => {
      if (!call.cancelled && !ctx.stopped()) call.write(resp);
    };
    const settle = (): void => {
      inFlight -= 1;
      if (clientDone && inFlight === 0 && !call.cancelled) call.end();
    };

    call.on('data', (req: BatchAppendReq) => {
      const correlationId = req.getCorrelationId();
      const key = uuidToString(correlationId);
      if (key === undefined) return;
      const options = req.getOptions();
      if (options !== undefined && !pending.has(key)) {
        const streamName = streamNameOf(options.getStreamIdentifier());
        const expected = expectedOf(options);
        if (streamName === undefined || expected === undefined) {
          send(response(correlationId, streamName ?? '').setError(badRequestStatus('Stream identifier or expected position missing.')));
          return;
        }
        const deadline = options.hasDeadline() ? options.getDeadline()!.toDate().getTime() : Number.POSITIVE_INFINITY;
        if (deadline <= Date.now()) {
          send(response(correlationId, streamName).setError(timeoutStatus()));
          return;
        }
        pending.set(key, { correlationId: correlationId!, streamName, expected, deadline, events: [], size: 0 });
      }
      const write = pending.get(key);
      if (write === undefined) return;

      for (const message of req.getProposedMessagesList()) {
        const parsed = parseProposedMessage(message);
        if (!parsed.ok) {
          pending.delete(key);
          send(response(correlationId, write.streamName).setError(badRequestStatus(`Proposed message lacks ${parsed.missing}.`)));
          return;
        }
        write.size += parsed.size;
        write.events.push(parsed.event);
      }
      if (write.size > ctx.maxAppendSize) {
        pending.delete(key);
        send(response(correlationId, write.streamName).setError(maxAppendSizeExceededStatus(ctx.maxAppendSize)));
        return;
      }
      if (!req.getIsFinal()) return;
      pending.delete(key);

      const answer = outcomeResponse(write, ctx.log.write(write.streamName, write.expected, write.events));
      const delay = ctx.faults.appendReplyDelayMs;
      const untilDeadline = write.deadline - Date.now();
      inFlight += 1;
      if (delay > 0 && untilDeadline <= delay) {
        ctx.later(Math.max(0, untilDeadline), () => {
          send(response(write.correlationId, write.streamName).setError(timeoutStatus()));
          settle();
        });
      } else {
        ctx.later(delay, () => {
          send(answer);
          settle();
        });
      }
    });

    call.on('end', () => {
      clientDone = true;
      if (inFlight === 0 && !call.cancelled) call.end();
    });
  };
