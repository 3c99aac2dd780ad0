import { randomUUID } from 'node:crypto';
import { Server, ServerCredentials } from '@grpc/grpc-js';
import { appendHandler } from './appendHandler.js';
import { batchAppendHandler } from './batchAppendHandler.js';
import type { Faults, ServerContext } from './context.js';
import type { ServerErrorResponse } from '@grpc/grpc-js';
import { deleteHandler, tombstoneHandler } from './deleteHandlers.js';
import { serverFeaturesGrpc, streamsGrpc } from './generated.js';
import type { ReadResp } from './generated.js';
import { readHandler } from './readHandler.js';
import { serverStoppingError } from './rpcErrors.js';
import { serverFeaturesHandler } from './serverFeatures.js';
import { createTransactionLog } from './transactionLog.js';
import type { TransactionLog } from './transactionLog.js';

export interface InProcessEventStoreDbOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  readonly port?: number;
  /**
   * Whether ServerFeatures lists BatchAppend (default true, as servers since
   * 21.10 do). When false, clients append with the older Append call.
   */
  readonly advertiseBatchAppend?: boolean;
  /** Largest total size of one append, in bytes (default 1 MiB, as EventStoreDB). */
  readonly maxAppendSize?: number;
}

/** A running (or stopped) in-process server. Its data survives stop/restart. */
export interface InProcessEventStoreDb {
  /** `esdb://127.0.0.1:<port>?tls=false`: what a client or `createEventStoreDbEventStore` takes. */
  readonly connectionString: string;
  readonly port: number;
  readonly running: boolean;
  /** Faults to inject; change them at any time. */
  readonly faults: Faults;
  /** The log itself, for tests that look under the hood (every record, system ones included). */
  readonly log: TransactionLog;
  /** Calls received per method (`Read`, `Append`, `BatchAppend`, `Delete`, `Tombstone`, `GetSupportedMethods`), over restarts. */
  readonly callCounts: Readonly<Record<string, number>>;
  /** Calls of a method (`Read`, `Append`, `BatchAppend`) still open: a subscription nobody cancelled stays open. */
  openCalls(method: string): number;
  /** Stops: open calls, live subscriptions included, fail with UNAVAILABLE; then the connections close. */
  stop(): Promise<void>;
  /** Starts again on the same port, with the same data (a new epoch is written, as a real node does). */
  start(): Promise<void>;
  /** `stop()` then `start()`. */
  restart(): Promise<void>;
}

const HOST = '127.0.0.1';

/** The generated Streams service, its Read responses also accepted pre-serialized (events are serialized once, then reused). */
const streamsService = {
  ...streamsGrpc.StreamsService,
  read: {
    ...streamsGrpc.StreamsService.read,
    responseSerialize: (value: ReadResp | Buffer): Buffer =>
      Buffer.isBuffer(value) ? value : streamsGrpc.StreamsService.read.responseSerialize(value),
  },
};
const MAX_MESSAGE_BYTES = 17 * 1024 * 1024;
const DEFAULT_MAX_APPEND_SIZE = 1024 * 1024;

const bind = (server: Server, port: number): Promise<number> =>
  new Promise((resolve, reject) => {
    server.bindAsync(`${HOST}:${port}`, ServerCredentials.createInsecure(), (error, boundPort) =>
      error === null ? resolve(boundPort) : reject(error),
    );
  });

/** Binding the port a moment after a forced shutdown may find it not yet released: retry briefly. */
const bindWithRetry = async (server: Server, port: number): Promise<number> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await bind(server, port);
    } catch (error) {
      if (attempt >= 50 || port === 0) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
};

/**
 * Starts a server on loopback that speaks EventStoreDB's gRPC protocol (the
 * streams and server-features services, as @eventstore/db-client 6.x uses
 * them) with EventStoreDB's semantics, keeping its data in memory. For tests
 * and local development where no real server can run; it is not a database.
 *
 * `$all` holds system events as a real node's does: an `$epoch-information`
 * event at every start, stream metadata (`$metadata` in `$$…` streams) and
 * `$streamDeleted` tombstones.
 */
export const startInProcessEventStoreDb = async (
  options: InProcessEventStoreDbOptions = {},
): Promise<InProcessEventStoreDb> => {
  const log = createTransactionLog();
  const faults: Faults = { appendReplyDelayMs: 0 };
  const maxAppendSize = options.maxAppendSize ?? DEFAULT_MAX_APPEND_SIZE;
  const advertiseBatchAppend = options.advertiseBatchAppend ?? true;
  let port = options.port ?? 0;
  let epoch = 0;
  let current: { server: Server; halt: () => number; openCalls: (method: string) => number } | undefined;
  const callCounts: Record<string, number> = {};
  const counted =
    <A extends unknown[]>(method: string, handler: (...args: A) => void) =>
    (...args: A): void => {
      callCounts[method] = (callCounts[method] ?? 0) + 1;
      handler(...args);
    };

  const launch = async (): Promise<void> => {
    let stopped = false;
    const timers = new Set<NodeJS.Timeout>();
    const openCalls = new Map<(error: ServerErrorResponse) => void, string>();
    const ctx: ServerContext = {
      log,
      maxAppendSize,
      faults,
      stopped: () => stopped,
      onStop: (method, failCall) => {
        // Each registration gets its own function, so one call's unregistering cannot remove another's.
        const fail = (error: ServerErrorResponse): void => failCall(error);
        openCalls.set(fail, method);
        return () => openCalls.delete(fail);
      },
      later: (ms, action) => {
        if (ms <= 0) {
          action();
          return;
        }
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (!stopped) action();
        }, ms);
        timers.add(timer);
      },
    };
    const server = new Server({
      'grpc.max_receive_message_length': MAX_MESSAGE_BYTES,
      'grpc.max_send_message_length': MAX_MESSAGE_BYTES,
    });
    server.addService(streamsService, {
      read: counted('Read', readHandler(ctx)),
      append: counted('Append', appendHandler(ctx)),
      batchAppend: counted('BatchAppend', batchAppendHandler(ctx)),
      delete: counted('Delete', deleteHandler(ctx)),
      tombstone: counted('Tombstone', tombstoneHandler(ctx)),
    });
    server.addService(serverFeaturesGrpc.ServerFeaturesService, {
      getSupportedMethods: counted('GetSupportedMethods', serverFeaturesHandler(advertiseBatchAppend)),
    });
    port = await bindWithRetry(server, port);
    current = {
      server,
      halt: () => {
        stopped = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        const failures = [...openCalls.keys()];
        openCalls.clear();
        for (const fail of failures) fail(serverStoppingError());
        return failures.length;
      },
      openCalls: (method) => [...openCalls.values()].filter((m) => m === method).length,
    };
    if (epoch === 0) log.appendSystemEvent(`$$$stats-${HOST}:${port}`, '$metadata', { $maxAge: 86400 });
    log.appendSystemEvent('$epoch-information', '$epoch-information', {
      epochId: randomUUID(),
      epochNumber: epoch++,
      epochPosition: log.records.length === 0 ? 0 : log.records[log.records.length - 1]!.position,
      leaderInstanceId: '00000000-0000-0000-0000-000000000001',
    });
  };

  const stop = async (): Promise<void> => {
    const instance = current;
    if (instance === undefined) return;
    current = undefined;
    const failedCalls = instance.halt();
    log.wake();
    // Let the UNAVAILABLE statuses reach the clients before the connections go.
    if (failedCalls > 0) await new Promise((resolve) => setTimeout(resolve, 10));
    instance.server.forceShutdown();
  };

  const start = async (): Promise<void> => {
    if (current === undefined) await launch();
  };

  await launch();

  return {
    get connectionString() {
      return `esdb://${HOST}:${port}?tls=false`;
    },
    get port() {
      return port;
    },
    get running() {
      return current !== undefined;
    },
    faults,
    log,
    callCounts,
    openCalls: (method) => current?.openCalls(method) ?? 0,
    stop,
    start,
    restart: async () => {
      await stop();
      await start();
    },
  };
};
