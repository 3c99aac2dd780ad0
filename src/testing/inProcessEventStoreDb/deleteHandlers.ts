import type { handleUnaryCall } from '@grpc/grpc-js';
import type { ServerContext } from './context.js';
import { expectedStateOf, type ExpectedState } from './expectedState.js';
import { streamsPb } from './generated.js';
import type { DeleteReq, DeleteResp, TombstoneReq, TombstoneResp } from './generated.js';
import { invalidArgumentError, streamDeletedError, wrongExpectedVersionError } from './rpcErrors.js';
import type { DeleteOutcome } from './transactionLog.js';
import { streamNameOf } from './wire.js';

/**
 * Delete (soft: `$tb` = deleted in the stream's metadata; a later append
 * recreates the stream, numbering continuing) and Tombstone (final). A
 * conflict or an already tombstoned stream is a failed call with the details
 * in its trailers.
 */
export const deleteHandler = (ctx: ServerContext): handleUnaryCall<DeleteReq, DeleteResp> =>
  removalHandler(
    'Delete',
    (streamName, expected) => ctx.log.softDelete(streamName, expected),
    (position) =>
      new streamsPb.DeleteResp().setPosition(
        new streamsPb.DeleteResp.Position().setCommitPosition(position).setPreparePosition(position),
      ),
  );

export const tombstoneHandler = (ctx: ServerContext): handleUnaryCall<TombstoneReq, TombstoneResp> =>
  removalHandler(
    'Tombstone',
    (streamName, expected) => ctx.log.tombstone(streamName, expected),
    (position) =>
      new streamsPb.TombstoneResp().setPosition(
        new streamsPb.TombstoneResp.Position().setCommitPosition(position).setPreparePosition(position),
      ),
  );

/** What both calls share: read the stream and expected revision, remove, answer with the commit position or the error. */
const removalHandler =
  <Req extends DeleteReq | TombstoneReq, Resp>(
    operation: 'Delete' | 'Tombstone',
    remove: (streamName: string, expected: ExpectedState) => DeleteOutcome,
    respond: (position: string) => Resp,
  ): handleUnaryCall<Req, Resp> =>
  (call, callback) => {
    const options = call.request.getOptions();
    const streamName = streamNameOf(options?.getStreamIdentifier());
    const expected = options === undefined ? undefined : expectedStateOf(options);
    if (streamName === undefined || expected === undefined) {
      callback(invalidArgumentError(`${operation} needs a stream and an expected revision.`));
      return;
    }
    const outcome = remove(streamName, expected);
    if (outcome.kind === 'stream_deleted') callback(streamDeletedError(streamName));
    // Tombstone's conflict is reported as a failed "Delete" too.
    else if (outcome.kind === 'wrong_expected_version') callback(wrongExpectedVersionError('Delete', streamName, expected, outcome.currentRevision));
    else callback(null, respond(String(outcome.position)));
  };
