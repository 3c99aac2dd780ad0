import { createHash } from 'node:crypto';
import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import { Subject, type Observable } from 'rxjs';
import type { Command } from '../domain/commands.js';
import { decide } from '../domain/decide.js';
import { domainError } from '../domain/errors.js';
import type { Policy } from '../domain/policy.js';
import type { ChangeRequestState } from '../domain/state.js';
import type { Clock, IdGenerator } from '../domain/ports.js';
import { sealDomainEvents } from '../events/envelope.js';
import { decodeRecordedEvent, type StoredEvent } from '../events/serialization.js';
import { allocatedChangeRequestId } from '../events/numberAllocations.js';
import { changeRequestStream, formatChangeRequestNumber, parseChangeRequestNumber } from '../events/streams.js';
import type { Actor } from '../events/values.js';
import { isStoreError, isWrongExpectedRevision } from '../store/errors.js';
import type { EventStore } from '../store/port.js';
import type { CommandError } from './errors.js';
import { createKeyedMutex } from './keyedMutex.js';
import { allocateChangeRequestNumber } from './numbering.js';
import { createRepository, type LoadedChangeRequest } from './repository.js';
import { validateCommand, type ValidatedCommand } from './validate.js';

export interface CommandResult {
  readonly changeRequestId: string;
  readonly number: string | undefined;
  /** Revision of the CR stream's last event after the command. */
  readonly revision: number;
  /** The events the command appended (on an idempotent retry: the ones it appended the first time). */
  readonly events: readonly StoredEvent[];
  readonly state: ChangeRequestState;
  /** True when this was a retry of a command already applied, and nothing was appended. */
  readonly replayed: boolean;
}

/** A refused command, published for services that log denied attempts. */
export interface Refusal {
  readonly at: string;
  readonly commandType: string;
  readonly changeRequestId: string | undefined;
  readonly actor: Actor | undefined;
  readonly commandId: string | undefined;
  readonly error: CommandError;
}

export interface CommandHandlerOptions {
  readonly store: EventStore;
  readonly clock: Clock;
  readonly newId: IdGenerator;
  readonly policy: Policy;
  /** Attempts on an optimistic-concurrency conflict before giving up (default 10). */
  readonly maxAttempts?: number;
}

export const createCommandHandler = (options: CommandHandlerOptions) => {
  const { store, clock, newId, policy } = options;
  const maxAttempts = options.maxAttempts ?? 10;
  const repository = createRepository(store);
  const mutex = createKeyedMutex();
  const refusals = new Subject<Refusal>();

  const refuse = (input: unknown, error: CommandError, command?: ValidatedCommand, id?: string): Either<CommandError, never> => {
    const raw = typeof input === 'object' && input !== null ? (input as { type?: unknown }) : {};
    refusals.next({
      at: clock().toISOString(),
      commandType: command?.type ?? (typeof raw.type === 'string' ? raw.type : 'unknown'),
      changeRequestId: id ?? command?.changeRequestId,
      actor: command?.actor,
      commandId: command?.commandId,
      error,
    });
    return E.left(error);
  };

  const storeFailure = (e: unknown): CommandError => {
    if (isStoreError(e)) return { kind: 'store', code: e.code, message: e.message, transient: e.code === 'STORE_UNAVAILABLE' };
    throw e;
  };

  /** The stream id of the CR the command targets: given, resolved from a CR number, or new. */
  const targetId = async (command: ValidatedCommand): Promise<string | undefined> => {
    const given = command.changeRequestId;
    if (given === undefined) {
      return command.commandId === undefined ? newId() : `cmd_${createHash('sha256').update(command.commandId).digest('hex').slice(0, 32)}`;
    }
    if (parseChangeRequestNumber(given) !== undefined) return allocatedChangeRequestId(store, given);
    return given;
  };

  const replay = async (id: string, loaded: LoadedChangeRequest, entry: { first: number; last: number }): Promise<CommandResult> => {
    const recorded = await store.readStream(changeRequestStream(id), { fromRevision: entry.first, maxCount: entry.last - entry.first + 1 });
    const events = recorded.map(decodeRecordedEvent).filter(E.isRight).map((r) => r.right);
    return { changeRequestId: id, number: loaded.state.number, revision: loaded.revision, events, state: loaded.state, replayed: true };
  };

  const numberPrefix = (command: Command, state: ChangeRequestState): 'CR' | 'AI-CR' =>
    command.type === 'SubmitChangeRequest' && state.crType === 'ai_generated' ? 'AI-CR' : 'CR';

  const attempt = async (input: unknown, command: ValidatedCommand, id: string): Promise<Either<CommandError, CommandResult>> => {
    let allocated: string | undefined;
    for (let round = 1; round <= maxAttempts; round++) {
      const loadedOrError = await repository.load(id);
      if (E.isLeft(loadedOrError)) {
        const d = loadedOrError.left;
        return refuse(input, { kind: 'store', code: d.code, message: d.message, transient: false }, command, id);
      }
      const loaded = loadedOrError.right;
      if (command.commandId !== undefined) {
        const entry = loaded.commands.get(command.commandId);
        if (entry !== undefined) {
          if (entry.type !== command.type) {
            return refuse(input, { kind: 'idempotency', code: 'IDEMPOTENCY_KEY_REUSED', message: `Command id ${command.commandId} was used for ${entry.type}`, path: 'commandId' }, command, id);
          }
          return E.right(await replay(id, loaded, entry));
        }
      }
      const now = clock();
      const needsNumber = command.type === 'SubmitChangeRequest' || command.type === 'DeclareEmergency';
      const toDomain = (number: string): Command =>
        ({ type: command.type, changeRequestId: id, actor: command.actor, data: needsNumber ? { ...command.data, number } : command.data }) as Command;
      const prefix = numberPrefix(toDomain(''), loaded.state);
      const year = now.getUTCFullYear();
      // Check the command would be accepted before taking a number, so refusals leave no gap in the sequence.
      let decision = decide(toDomain(allocated ?? formatChangeRequestNumber(prefix, year, 1)), loaded.state, { now, policy });
      if (E.isLeft(decision)) return refuse(input, decision.left, command, id);
      if (needsNumber && allocated === undefined) {
        allocated = await allocateChangeRequestNumber(store, mutex, newId, {
          prefix,
          year,
          changeRequestId: id,
          actor: command.actor,
          occurredAt: now.toISOString(),
          correlationId: command.correlationId ?? id,
        });
        decision = decide(toDomain(allocated), loaded.state, { now, policy });
        if (E.isLeft(decision)) return refuse(input, decision.left, command, id);
      }
      const events = decision.right;
      const { appends, lastHash } = sealDomainEvents(
        events,
        {
          actor: command.actor,
          occurredAt: now.toISOString(),
          correlationId: command.correlationId ?? command.commandId ?? id,
          causationId: command.causationId ?? command.commandId ?? command.correlationId ?? id,
          commandType: command.type,
          ...(command.commandId === undefined ? {} : { commandId: command.commandId }),
        },
        loaded.lastHash,
        newId,
      );
      try {
        const result = await store.appendToStream(changeRequestStream(id), appends, {
          expectedRevision: loaded.revision === -1 ? 'no_stream' : loaded.revision,
        });
        const after = repository.appended(id, loaded, events, lastHash, result.nextExpectedRevision, { id: command.commandId, type: command.type });
        const first = result.nextExpectedRevision - appends.length + 1;
        const stored = appends.map(
          (a, i) =>
            ({
              ...events[i],
              id: a.id,
              streamName: changeRequestStream(id),
              revision: first + i,
              position: result.position - (appends.length - 1 - i),
              metadata: a.metadata,
            }) as unknown as StoredEvent,
        );
        return E.right({ changeRequestId: id, number: after.state.number, revision: after.revision, events: stored, state: after.state, replayed: false });
      } catch (e) {
        if (!isWrongExpectedRevision(e)) return refuse(input, storeFailure(e), command, id);
        repository.forget(id);
      }
    }
    return refuse(input, { kind: 'concurrency', code: 'CONCURRENCY_CONFLICT', message: `Gave up after ${maxAttempts} conflicting attempts`, attempts: maxAttempts }, command, id);
  };

  /** Validates, loads, decides and appends; never throws for bad input or refusals. */
  const execute = async (input: unknown): Promise<Either<CommandError, CommandResult>> => {
    const validated = validateCommand(input);
    if (E.isLeft(validated)) return refuse(input, validated.left);
    const command = validated.right;
    try {
      const id = await targetId(command);
      if (id === undefined) {
        return refuse(input, domainError('CHANGE_REQUEST_NOT_FOUND', `No change request ${command.changeRequestId ?? ''}`, { path: 'changeRequestId' }), command);
      }
      return await mutex(changeRequestStream(id), () => attempt(input, command, id));
    } catch (e) {
      return refuse(input, storeFailure(e), command);
    }
  };

  /** The current state of a CR by stream id or CR number; undefined when there is none. */
  const get = async (idOrNumber: string): Promise<ChangeRequestState | undefined> => {
    const id = parseChangeRequestNumber(idOrNumber) !== undefined ? await allocatedChangeRequestId(store, idOrNumber) : idOrNumber;
    if (id === undefined) return undefined;
    const loaded = await repository.load(id);
    if (E.isLeft(loaded)) throw new Error(`${loaded.left.code}: ${loaded.left.message}`);
    return loaded.right.revision === -1 ? undefined : loaded.right.state;
  };

  return { execute, get, refusals: refusals.asObservable() as Observable<Refusal> };
};
export type CommandHandler = ReturnType<typeof createCommandHandler>;
