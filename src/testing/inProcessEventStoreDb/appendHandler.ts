import type { handleClientStreamingCall, ServerErrorResponse } from '@grpc/grpc-js';
import type { ServerContext } from './context.js';
import type { ExpectedState } from './expectedState.js';
import { expectedStateOf } from './expectedState.js';
import { sharedPb, streamsPb } from './generated.js';
import type { AppendReq, AppendResp } from './generated.js';
import { parseProposedMessage } from './proposedMessage.js';
import {
  invalidArgumentError,
  maxAppendSizeExceededError,
  missingMetadataPropertyError,
  streamDeletedError,
} from './rpcErrors.js';
import type { ProposedEvent, WriteOutcome } from './transactionLog.js';
import { streamNameOf } from './wire.js';

const empty = () => new sharedPb.Empty();

/** A conflict is a successful reply carrying `wrong_expected_version`, filled in both its current and its 20.6.0 fields. */
const wrongExpectedVersionReply = (expected: ExpectedState, currentRevision: number): AppendResp => {
  const wev = new streamsPb.AppendResp.WrongExpectedVersion();
  switch (expected.kind) {
    case 'any':
      wev.setExpectedAny(empty()).setAny2060(empty());
      break;
    case 'stream_exists':
      wev.setExpectedStreamExists(empty()).setStreamExists2060(empty());
      break;
    case 'no_stream':
      wev.setExpectedNoStream(empty());
      break;
    case 'revision':
      wev.setExpectedRevision(expected.revision.toString()).setExpectedRevision2060(Number(expected.revision));
      break;
  }
  if (currentRevision < 0) wev.setCurrentNoStream(empty()).setNoStream2060(empty());
  else wev.setCurrentRevision(String(currentRevision)).setCurrentRevision2060(currentRevision);
  return new streamsPb.AppendResp().setWrongExpectedVersion(wev);
};

const successReply = (lastRevision: number, lastPosition: number): AppendResp => {
  const success = new streamsPb.AppendResp.Success();
  if (lastRevision < 0) success.setNoStream(empty());
  else success.setCurrentRevision(String(lastRevision));
  if (lastPosition < 0) success.setNoPosition(empty());
  else {
    const position = String(lastPosition);
    success.setPosition(new streamsPb.AppendResp.Position().setCommitPosition(position).setPreparePosition(position));
  }
  return new streamsPb.AppendResp().setSuccess(success);
};

const reply = (
  streamName: string,
  expected: ExpectedState,
  outcome: WriteOutcome,
): { error: ServerErrorResponse } | { response: AppendResp } => {
  switch (outcome.kind) {
    case 'stream_deleted':
      return { error: streamDeletedError(streamName) };
    case 'wrong_expected_version':
      return { response: wrongExpectedVersionReply(expected, outcome.currentRevision) };
    default:
      return { response: successReply(outcome.lastRevision, outcome.lastPosition) };
  }
};

/**
 * Append: a client stream of one options message then one message per event,
 * answered once. Oversized batches are refused as soon as the running size
 * passes the limit, before anything is written.
 */
export const appendHandler =
  (ctx: ServerContext): handleClientStreamingCall<AppendReq, AppendResp> =>
  (call, callback) => {
    let target: { streamName: string; expected: ExpectedState } | undefined;
    const events: ProposedEvent[] = [];
    let size = 0;
    let failed = false;
    const fail = (error: ServerErrorResponse): void => {
      if (failed) return;
      failed = true;
      unregister();
      callback(error);
    };
    const unregister = ctx.onStop('Append', fail);
    call.on('cancelled', () => unregister());

    call.on('data', (req: AppendReq) => {
      if (failed) return;
      if (target === undefined) {
        const options = req.getOptions();
        const streamName = streamNameOf(options?.getStreamIdentifier());
        const expected = options === undefined ? undefined : expectedStateOf(options);
        if (streamName === undefined || expected === undefined) {
          fail(invalidArgumentError('The first append message must carry the options.'));
          return;
        }
        target = { streamName, expected };
        return;
      }
      const message = req.getProposedMessage();
      if (message === undefined) {
        fail(invalidArgumentError('Expected a proposed message.'));
        return;
      }
      const parsed = parseProposedMessage(message);
      if (!parsed.ok) {
        fail(parsed.missing === 'id' ? invalidArgumentError('Invalid event id.') : missingMetadataPropertyError(parsed.missing));
        return;
      }
      size += parsed.size;
      if (size > ctx.maxAppendSize) {
        fail(maxAppendSizeExceededError(ctx.maxAppendSize));
        return;
      }
      events.push(parsed.event);
    });

    call.on('end', () => {
      if (failed) return;
      if (target === undefined) {
        fail(invalidArgumentError('No append options received.'));
        return;
      }
      const { streamName, expected } = target;
      const outcome = reply(streamName, expected, ctx.log.write(streamName, expected, events));
      ctx.later(ctx.faults.appendReplyDelayMs, () => {
        if (failed) return;
        failed = true;
        unregister();
        if (call.cancelled) return;
        if ('error' in outcome) callback(outcome.error);
        else callback(null, outcome.response);
      });
    });
  };
