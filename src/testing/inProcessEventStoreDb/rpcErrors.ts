import { Metadata, status } from '@grpc/grpc-js';
import type { ServerErrorResponse } from '@grpc/grpc-js';
import type { Code } from '@eventstore/db-client/generated/code_pb.js';
import type { ExpectedState } from './expectedState.js';
import { expectedVersionNumber } from './expectedState.js';
import { ProtobufAny, WellKnownEmpty, sharedPb, statusPb } from './generated.js';
import { streamIdentifier } from './wire.js';

/**
 * Errors as EventStoreDB sends them. A failed call carries its kind in the
 * trailing metadata (`exception` plus details), which the client turns into a
 * typed error. BatchAppend instead answers in-band with a google.rpc.Status
 * whose `details` pack the specific message.
 */

const rpcError = (code: status, details: string, trailers: Record<string, string> = {}): ServerErrorResponse => {
  const metadata = new Metadata();
  for (const [key, value] of Object.entries(trailers)) metadata.set(key, value);
  return Object.assign(new Error(details), { code, details, metadata });
};

export const streamDeletedError = (streamName: string): ServerErrorResponse =>
  rpcError(status.FAILED_PRECONDITION, `Event stream '${streamName}' is deleted.`, {
    exception: 'stream-deleted',
    'stream-name': streamName,
  });

export const wrongExpectedVersionError = (
  operation: string,
  streamName: string,
  expected: ExpectedState,
  currentRevision: number,
): ServerErrorResponse => {
  const expectedNumber = expectedVersionNumber(expected).toString();
  return rpcError(
    status.FAILED_PRECONDITION,
    `${operation} failed due to WrongExpectedVersion. Stream: ${streamName}, Expected version: ${expectedNumber}, Actual version: ${currentRevision}`,
    {
      exception: 'wrong-expected-version',
      'stream-name': streamName,
      'expected-version': expectedNumber,
      'actual-version': String(currentRevision),
    },
  );
};

export const maxAppendSizeExceededError = (maxAppendSize: number): ServerErrorResponse =>
  rpcError(status.INVALID_ARGUMENT, `Maximum Append Size of ${maxAppendSize} Exceeded.`, {
    exception: 'maximum-append-size-exceeded',
    'maximum-append-size': String(maxAppendSize),
  });

export const missingMetadataPropertyError = (property: string): ServerErrorResponse =>
  rpcError(status.INVALID_ARGUMENT, `Required Metadata Property '${property}' is missing`, {
    exception: 'missing-required-metadata-property',
    'required-metadata-properties': 'type,content-type',
  });

export const serverStoppingError = (): ServerErrorResponse => rpcError(status.UNAVAILABLE, 'Server is shutting down.');

export const invalidArgumentError = (message: string): ServerErrorResponse => rpcError(status.INVALID_ARGUMENT, message);

export const invalidPositionError = (): ServerErrorResponse =>
  rpcError(status.INVALID_ARGUMENT, 'Trying to read from an invalid position.');

export const internalError = (message: string): ServerErrorResponse => rpcError(status.UNKNOWN, message);

type RpcStatus = InstanceType<typeof statusPb.Status>;

const packedStatus = (code: status, message: string, typeName: string, detail: { serializeBinary(): Uint8Array }): RpcStatus => {
  const details = new ProtobufAny();
  details.pack(detail.serializeBinary(), typeName);
  // google.rpc.Code and gRPC status codes share their numbers.
  return new statusPb.Status().setCode(code as number as Code).setMessage(message).setDetails(details);
};

export const wrongExpectedVersionStatus = (expected: ExpectedState, currentRevision: number): RpcStatus => {
  const detail = new sharedPb.WrongExpectedVersion();
  if (currentRevision < 0) detail.setCurrentNoStream(new WellKnownEmpty());
  else detail.setCurrentStreamRevision(String(currentRevision));
  switch (expected.kind) {
    case 'any':
      detail.setExpectedAny(new WellKnownEmpty());
      break;
    case 'no_stream':
      detail.setExpectedNoStream(new WellKnownEmpty());
      break;
    case 'stream_exists':
      detail.setExpectedStreamExists(new WellKnownEmpty());
      break;
    case 'revision':
      detail.setExpectedStreamPosition(expected.revision.toString());
      break;
  }
  return packedStatus(status.ALREADY_EXISTS, 'WrongExpectedVersion', 'event_store.client.WrongExpectedVersion', detail);
};

export const streamDeletedStatus = (streamName: string): RpcStatus =>
  packedStatus(
    status.NOT_FOUND,
    'StreamDeleted',
    'event_store.client.StreamDeleted',
    new sharedPb.StreamDeleted().setStreamIdentifier(streamIdentifier(streamName)),
  );

export const timeoutStatus = (): RpcStatus =>
  packedStatus(status.DEADLINE_EXCEEDED, 'Timeout', 'event_store.client.Timeout', new sharedPb.Timeout());

export const maxAppendSizeExceededStatus = (maxAppendSize: number): RpcStatus =>
  packedStatus(
    status.INVALID_ARGUMENT,
    'MaximumAppendSizeExceeded',
    'event_store.client.MaximumAppendSizeExceeded',
    new sharedPb.MaximumAppendSizeExceeded().setMaxappendsize(maxAppendSize),
  );

export const badRequestStatus = (message: string): RpcStatus =>
  packedStatus(status.INVALID_ARGUMENT, 'BadRequest', 'event_store.client.BadRequest', new sharedPb.BadRequest().setMessage(message));
