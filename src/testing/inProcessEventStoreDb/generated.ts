import { createRequire } from 'node:module';
import type { Any } from 'google-protobuf/google/protobuf/any_pb.js';
import type { Empty as ProtobufEmpty } from 'google-protobuf/google/protobuf/empty_pb.js';
import serverFeaturesGrpc from '@eventstore/db-client/generated/serverfeatures_grpc_pb.js';
import serverFeaturesPb from '@eventstore/db-client/generated/serverfeatures_pb.js';
import sharedPb from '@eventstore/db-client/generated/shared_pb.js';
import statusPb from '@eventstore/db-client/generated/status_pb.js';
import streamsGrpc from '@eventstore/db-client/generated/streams_grpc_pb.js';
import streamsPb from '@eventstore/db-client/generated/streams_pb.js';

/**
 * The protocol messages and service definitions generated inside
 * @eventstore/db-client (CommonJS, loaded by default import). Using the
 * client's own generated code means the server speaks exactly the wire
 * format the client was built against.
 */
export { serverFeaturesGrpc, serverFeaturesPb, sharedPb, statusPb, streamsGrpc, streamsPb };

// google-protobuf is a dependency of the client, not of this package: load
// its well-known types from the client's location so both share one copy.
const requireFromClient = createRequire(
  createRequire(import.meta.url).resolve('@eventstore/db-client/generated/status_pb.js'),
);

interface AnyModule {
  readonly Any: new () => Any;
}
interface EmptyModule {
  readonly Empty: new () => ProtobufEmpty;
}

export const ProtobufAny = (requireFromClient('google-protobuf/google/protobuf/any_pb.js') as AnyModule).Any;
export const WellKnownEmpty = (requireFromClient('google-protobuf/google/protobuf/empty_pb.js') as EmptyModule).Empty;

export type ReadReq = InstanceType<typeof streamsPb.ReadReq>;
export type ReadResp = InstanceType<typeof streamsPb.ReadResp>;
export type AppendReq = InstanceType<typeof streamsPb.AppendReq>;
export type AppendResp = InstanceType<typeof streamsPb.AppendResp>;
export type BatchAppendReq = InstanceType<typeof streamsPb.BatchAppendReq>;
export type BatchAppendResp = InstanceType<typeof streamsPb.BatchAppendResp>;
export type DeleteReq = InstanceType<typeof streamsPb.DeleteReq>;
export type DeleteResp = InstanceType<typeof streamsPb.DeleteResp>;
export type TombstoneReq = InstanceType<typeof streamsPb.TombstoneReq>;
export type TombstoneResp = InstanceType<typeof streamsPb.TombstoneResp>;
export type Uuid = InstanceType<typeof sharedPb.UUID>;
export type StreamIdentifier = InstanceType<typeof sharedPb.StreamIdentifier>;
