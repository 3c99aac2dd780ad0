import { randomUUID } from 'node:crypto';
import { Observable, Subject, takeUntil, type Subscriber, type Subscription } from 'rxjs';
import type { Clock, IdGenerator } from '../../domain/ports.js';
import type { EventStore, RecordedEvent } from '../../store/port.js';
import { changeRequestEvents, headPosition } from '../changeRequestEvents.js';
import type { Projection } from '../projection.js';
import { readCheckpoint, writeCheckpoint, type Checkpoint } from './checkpoints.js';
import { decoderFor, type DecodeMode } from './decode.js';
import { ProjectionError } from './errors.js';

export interface ProjectionRunnerOptions {
  readonly store: EventStore;
  readonly projections: readonly Projection[];
  /** Write checkpoints after this many events (default 5,000). */
  readonly checkpointEvery?: number;
  /** Also checkpoint once no event has arrived for this long (default 500 ms; 0 turns it off). */
  readonly idleCheckpointMs?: number;
  readonly clock?: Clock;
  /** Ids of checkpoint events (UUIDs by default). */
  readonly newId?: IdGenerator;
  /** Schema validation of every event read (default) or only of those not at their current version: see DecodeMode. */
  readonly decode?: DecodeMode;
}

export interface RebuildProgress {
  readonly processed: number;
  readonly total: number;
}

export type RunnerState = 'stopped' | 'running' | 'failed';

export interface ProjectionRunner {
  /** Reads the checkpoints and subscribes: catch-up from the earliest resume point, then live. */
  start(): Promise<void>;
  /** Unsubscribes at once; with `checkpoint` (default true) writes the checkpoints first. */
  stop(options?: { readonly checkpoint?: boolean }): Promise<void>;
  /** Writes every projection's checkpoint now. */
  flush(): Promise<void>;
  /** Resolves once every change-request event in the store at call time has been applied. */
  catchUp(): Promise<void>;
  /**
   * Resets the projections and replays from position zero. Cold: the rebuild
   * starts on subscription. Emits {processed, total} (total = change-request
   * events in the store when it started) about every 1% and completes when
   * the replay reaches the store's head; the runner then stays live.
   */
  rebuild(): Observable<RebuildProgress>;
  /** The position of the last event each projection has been fed (or skipped past). */
  positions(): { readonly [projection: string]: number };
  state(): RunnerState;
  /** Failures (checkpoint conflict, unreadable event, store failure); the runner stops on each. */
  readonly errors$: Observable<ProjectionError>;
}

interface Slot {
  readonly projection: Projection;
  checkpoint: Checkpoint;
  /** Last position fed to (or skipped by) this projection. */
  fed: number;
}

interface Waiter {
  readonly position: number;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

interface RebuildRun {
  readonly subscriber: Subscriber<RebuildProgress>;
  readonly total: number;
  readonly head: number;
  readonly every: number;
  processed: number;
}

const validName = /^[A-Za-z0-9_-]{1,100}$/;

/**
 * Feeds projections from the store in global order. One subscription serves
 * all projections; each event is decoded (validated, upcast) once. Each
 * projection's checkpoint is its own stream in the store, written every
 * `checkpointEvery` events, when idle, on flush and on stop, never per event.
 *
 * Resume rule: a projection starts after its checkpoint, or after its own
 * position when that is lower (its state was lost or is older than the
 * checkpoint, e.g. a fresh in-memory read model in a new process); events at
 * or below its own position are skipped, so re-reading is harmless.
 */
export const createProjectionRunner = (options: ProjectionRunnerOptions): ProjectionRunner => {
  const { store } = options;
  const every = Math.max(1, options.checkpointEvery ?? 5_000);
  const idleMs = options.idleCheckpointMs ?? 500;
  const clock = options.clock ?? (() => new Date());
  const newId = options.newId ?? randomUUID;
  const decode = decoderFor(options.decode ?? 'validate');
  const names = new Set<string>();
  const slots: Slot[] = options.projections.map((projection) => {
    if (!validName.test(projection.name) || names.has(projection.name)) {
      throw new ProjectionError('INVALID_PROJECTION', `Projection name ${JSON.stringify(projection.name)} is invalid or not unique`);
    }
    names.add(projection.name);
    return { projection, checkpoint: { position: -1, revision: -1 }, fed: -1 };
  });
  const errors$ = new Subject<ProjectionError>();
  const halted$ = new Subject<void>();

  let state: RunnerState = 'stopped';
  let subscription: Subscription | undefined;
  let idleTimer: ReturnType<typeof setInterval> | undefined;
  let lastSeen = -1;
  let sinceCheckpoint = 0;
  let seenAtLastTick = -1;
  let writing: Promise<void> = Promise.resolve();
  let waiters: Waiter[] = [];
  let rebuilding: RebuildRun | undefined;
  let failure: ProjectionError | undefined;

  const settleWaiters = (): void => {
    if (waiters.length === 0) return;
    const still: Waiter[] = [];
    for (const w of waiters) {
      if (w.position <= lastSeen) w.resolve();
      else still.push(w);
    }
    waiters = still;
  };

  /** Ends the subscription; takeUntil also reaches one still inside a store's synchronous subscribe(). */
  const halt = (): void => {
    halted$.next();
    subscription?.unsubscribe();
    subscription = undefined;
    if (idleTimer !== undefined) clearInterval(idleTimer);
    idleTimer = undefined;
  };

  const fail = (error: ProjectionError): void => {
    if (state === 'failed') return;
    halt();
    state = 'failed';
    failure = error;
    for (const w of waiters) w.reject(error);
    waiters = [];
    rebuilding?.subscriber.error(error);
    rebuilding = undefined;
    errors$.next(error);
  };

  const writeAll = async (): Promise<void> => {
    const at = clock().toISOString();
    for (const slot of slots) {
      if (slot.fed === slot.checkpoint.position) continue;
      slot.checkpoint = await writeCheckpoint(store, slot.projection.name, slot.checkpoint, slot.fed, newId(), at);
    }
  };

  /** Queues a checkpoint write behind any in flight; never rejects (a failure stops the runner). */
  const checkpoint = (): Promise<void> => {
    sinceCheckpoint = 0;
    writing = writing.then(() =>
      state === 'failed'
        ? undefined
        : writeAll().catch((e: unknown) =>
            fail(e instanceof ProjectionError ? e : new ProjectionError('STORE_FAILED', 'Checkpoint write failed', {}, { cause: e })),
          ),
    );
    return writing;
  };

  const anyBehind = (position: number): boolean => {
    for (const slot of slots) if (position > slot.fed) return true;
    return false;
  };

  const handle = (recorded: RecordedEvent): void => {
    // Defensive: nothing is applied once stopped or failed, even if a store delivers one more event.
    if (state !== 'running') return;
    const position = recorded.position;
    if (anyBehind(position)) {
      const decoded = decode(recorded);
      if (decoded._tag === 'Left') {
        const d = decoded.left;
        return fail(
          new ProjectionError('EVENT_UNREADABLE', `${d.code} at ${d.streamName}@${d.revision}: ${d.message}`, {
            position,
            streamName: d.streamName,
          }),
        );
      }
      for (const slot of slots) {
        if (position <= slot.fed) continue;
        try {
          slot.projection.apply(decoded.right);
        } catch (e) {
          return fail(
            new ProjectionError('PROJECTION_FAILED', `Projection ${slot.projection.name} failed on position ${position}`, {
              projection: slot.projection.name,
              position,
              streamName: recorded.streamName,
            }, { cause: e }),
          );
        }
        slot.fed = position;
      }
    }
    lastSeen = position;
    if (++sinceCheckpoint >= every) void checkpoint();
    if (rebuilding !== undefined) progress(rebuilding);
    settleWaiters();
  };

  const progress = (run: RebuildRun): void => {
    run.processed += 1;
    const done = lastSeen >= run.head;
    if (done || run.processed % run.every === 0) run.subscriber.next({ processed: run.processed, total: run.total });
    if (done) {
      rebuilding = undefined;
      void checkpoint();
      run.subscriber.complete();
    }
  };

  const subscribe = (from: number): void => {
    lastSeen = from;
    seenAtLastTick = from;
    state = 'running';
    failure = undefined;
    subscription = store
      .subscribeToAll({ fromPosition: from === -1 ? 'start' : from, filter: changeRequestEvents })
      .pipe(takeUntil(halted$))
      .subscribe({
        next: handle,
        error: (e: unknown) => fail(new ProjectionError('STORE_FAILED', 'The subscription to the store failed', {}, { cause: e })),
        complete: () => {
          if (state === 'running') {
            halt();
            state = 'stopped';
          }
        },
      });
    if (idleMs > 0) {
      idleTimer = setInterval(() => {
        if (sinceCheckpoint > 0 && lastSeen === seenAtLastTick) void checkpoint();
        seenAtLastTick = lastSeen;
      }, idleMs);
      idleTimer.unref();
    }
  };

  const start = async (): Promise<void> => {
    if (state === 'running') return;
    await writing;
    const checkpoints = await Promise.all(slots.map((s) => readCheckpoint(store, s.projection.name)));
    slots.forEach((slot, i) => {
      slot.checkpoint = checkpoints[i]!;
      const own = slot.projection.position?.();
      slot.fed = own === undefined ? slot.checkpoint.position : own;
    });
    const from = Math.min(...slots.map((s) => Math.min(s.fed, s.checkpoint.position)));
    subscribe(slots.length === 0 ? -1 : from);
  };

  const stop = async (opts: { readonly checkpoint?: boolean } = {}): Promise<void> => {
    const wasRunning = state === 'running';
    halt();
    if (wasRunning) state = 'stopped';
    const stopped = new ProjectionError('RUNNER_STOPPED', 'The projection runner was stopped');
    for (const w of waiters) w.reject(stopped);
    waiters = [];
    rebuilding?.subscriber.error(stopped);
    rebuilding = undefined;
    if (wasRunning && (opts.checkpoint ?? true)) await checkpoint();
    else await writing;
  };

  const flush = async (): Promise<void> => {
    await checkpoint();
    if (failure !== undefined) throw failure;
  };

  const catchUp = async (): Promise<void> => {
    if (failure !== undefined) throw failure;
    if (state !== 'running') throw new ProjectionError('RUNNER_STOPPED', 'The projection runner is not running');
    const head = await headPosition(store);
    if (head <= lastSeen) return;
    // The runner may have stopped or failed while the head was read.
    if (failure !== undefined) throw failure;
    if (state !== 'running') throw new ProjectionError('RUNNER_STOPPED', 'The projection runner is not running');
    await new Promise<void>((resolve, reject) => {
      waiters.push({ position: head, resolve, reject });
      settleWaiters();
    });
  };

  const rebuild = (): Observable<RebuildProgress> =>
    new Observable<RebuildProgress>((subscriber) => {
      let cancelled = false;
      void (async () => {
        halt();
        await writing;
        const { count: total, lastPosition: head } = await store.countAll({ filter: changeRequestEvents });
        if (cancelled) return;
        for (const slot of slots) {
          slot.projection.reset();
          slot.fed = -1;
          slot.checkpoint = await readCheckpoint(store, slot.projection.name);
        }
        if (cancelled) return;
        subscriber.next({ processed: 0, total });
        if (head === -1) {
          subscribe(-1);
          subscriber.complete();
          return;
        }
        rebuilding = { subscriber, total, head, every: Math.max(1, Math.floor(total / 100)), processed: 0 };
        subscribe(-1);
      })().catch((e: unknown) => {
        const error = new ProjectionError('STORE_FAILED', 'Rebuild failed', {}, { cause: e });
        fail(error);
        subscriber.error(error);
      });
      return () => {
        cancelled = true;
        if (rebuilding?.subscriber === subscriber) rebuilding = undefined;
      };
    });

  return {
    start,
    stop,
    flush,
    catchUp,
    rebuild,
    positions: () => Object.fromEntries(slots.map((s) => [s.projection.name, s.fed])),
    state: () => state,
    errors$: errors$.asObservable(),
  };
};
