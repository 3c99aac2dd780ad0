import type { handleUnaryCall } from '@grpc/grpc-js';
import { serverFeaturesPb } from './generated.js';
import type { sharedPb } from './generated.js';

type Empty = InstanceType<typeof sharedPb.Empty>;
type SupportedMethods = InstanceType<typeof serverFeaturesPb.SupportedMethods>;

/** The server version reported to clients. */
export const SERVER_VERSION = '23.10.0';

const STREAMS = 'event_store.client.streams.streams';

/**
 * GetSupportedMethods lists, in lower case as the real server does, the
 * methods a client may rely on. The client appends with BatchAppend only when
 * `batchappend` is listed; otherwise it uses Append.
 */
export const serverFeaturesHandler =
  (advertiseBatchAppend: boolean): handleUnaryCall<Empty, SupportedMethods> =>
  (_call, callback) => {
    const result = new serverFeaturesPb.SupportedMethods().setEventStoreServerVersion(SERVER_VERSION);
    const add = (serviceName: string, methodName: string, features: string[] = []): void => {
      result.addMethods(
        new serverFeaturesPb.SupportedMethod().setServiceName(serviceName).setMethodName(methodName).setFeaturesList(features),
      );
    };
    add(STREAMS, 'read', ['position', 'events']);
    add(STREAMS, 'append');
    if (advertiseBatchAppend) add(STREAMS, 'batchappend');
    add(STREAMS, 'delete');
    add(STREAMS, 'tombstone');
    add('event_store.client.server_features.serverfeatures', 'getsupportedmethods');
    callback(null, result);
  };
