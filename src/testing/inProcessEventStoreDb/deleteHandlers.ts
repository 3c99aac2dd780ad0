import type { handleUnaryCall } from '@grpc/grpc-js';
import type { ServerContext } from './context.js';
import { expectedStateOf } from './expectedState.js';
import { streamsPb } from './generated.js';
import type { DeleteReq, DeleteResp, TombstoneReq, TombstoneResp } from './generated.js';
import { invalidArgumentError, streamDeletedError, wrongExpectedVersionError } from './rpcErrors.js';
import { streamNameOf } from './wire.js';

/**
 * Delete (soft: `$tb` = deleted in the stream's metadata; a later append
 * recreates the stream, numbering continuing) and Tombstone (final). A
 * conflict or an already tombstoned stream is a failed call with the details
 * in its trailers.
 */
export const deleteHandler =
  (ctx: ServerContext): handleUnaryCall<DeleteReq, DeleteResp> =>
  (call, callback) => {
    const options = call.request.getOptions();
    const streamName = streamNameOf(options?.getStreamIdentifier());
    const expected = options === undefined ? undefined : expectedStateOf(options);
    if (streamName === undefined || expected === undefined) {
      callback(invalidArgumentError('Delete needs a stream and an expected revision.'));
      return;
    }
    const outcome = ctx.log.softDelete(streamName, expected);
    if (outcome.kind === 'stream_deleted') callback(streamDeletedError(streamName));
    else if (outcome.kind === 'wrong_expected_version') {
      callback(wrongExpectedVersionError('Delete', streamName, expected, outcome.currentRevision));
    } else {
      const position = String(outcome.position);
      callback(
        null,
        new streamsPb.DeleteResp().setPosition(
          new streamsPb.DeleteResp.Position().setCommitPosition(position).setPreparePosition(position),
        ),
      );
    }
  };

export const tombstoneHandler =
  (ctx: ServerContext): handleUnaryCall<TombstoneReq, TombstoneResp> =>
  (call, callback) => {
    const options = call.request.getOptions();
    const streamName = streamNameOf(options?.getStreamIdentifier());
    const expected = options === undefined ? undefined : expectedStateOf(options);
    if (streamName === undefined || expected === undefined) {
      callback(invalidArgumentError('Tombstone needs a stream and an expected revision.'));
      return;
    }
    const outcome = ctx.log.tombstone(streamName, expected);
    if (outcome.kind === 'stream_deleted') callback(streamDeletedError(streamName));
    else if (outcome.kind === 'wrong_expected_version') {
      callback(wrongExpectedVersionError('Delete', streamName, expected, outcome.currentRevision));
    } else {
      const position = String(outcome.position);
      callback(
        null,
        new streamsPb.TombstoneResp().setPosition(
          new streamsPb.TombstoneResp.Position().setCommitPosition(position).setPreparePosition(position),
        ),
      );
    }
  };
