import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import type { DomainEvent } from '../../events/catalogue.js';
import type { CommandOf, CommandType } from '../commands.js';
import { domainError, type DomainError, type DomainErrorCode } from '../errors.js';
import type { Policy } from '../policy.js';
import type { ChangeRequestState } from '../state.js';

export interface DecisionContext {
  /** The injected clock's reading for this decision. */
  readonly now: Date;
  readonly policy: Policy;
}

export type Decision = Either<DomainError, readonly DomainEvent[]>;

export type Decider<K extends CommandType> = (command: CommandOf<K>, state: ChangeRequestState, context: DecisionContext) => Decision;

export const accept = (...events: DomainEvent[]): Decision => E.right(events);

export const refuse = (code: DomainErrorCode, message: string, path?: string, details?: { readonly [key: string]: unknown }): Decision =>
  E.left(domainError(code, message, { ...(path === undefined ? {} : { path }), ...(details === undefined ? {} : { details }) }));

export const hoursBetween = (fromIso: string, to: Date): number => (to.getTime() - Date.parse(fromIso)) / 3_600_000;

export const addHours = (at: Date, hours: number): string => new Date(at.getTime() + hours * 3_600_000).toISOString();

export const requireEmergency = (state: ChangeRequestState): Decision | undefined =>
  state.crType === 'emergency' ? undefined : refuse('RULE_VIOLATION', 'Only emergency changes have retrospective steps');
