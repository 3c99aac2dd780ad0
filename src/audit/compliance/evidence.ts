import * as E from 'fp-ts/lib/Either.js';
import type { Either } from 'fp-ts/lib/Either.js';
import * as TE from 'fp-ts/lib/TaskEither.js';
import type { TaskEither } from 'fp-ts/lib/TaskEither.js';
import { pipe } from 'fp-ts/lib/function.js';
import { defaultPolicy } from '../../domain/policy.js';
import type { EventStore } from '../../store/port.js';
import { verifyRecords } from '../chain.js';
import { auditError, type AuditError } from '../errors.js';
import { loadChangeRequest, type ChangeRequestRef, type LoadedChangeRequest } from '../source.js';
import { parseInstant } from '../stateAt.js';
import { cobitChecks } from './cobit.js';
import type { CheckDefinition } from './definition.js';
import { history } from './history.js';
import { iso27001Checks } from './iso27001.js';
import { nistChecks } from './nist.js';
import type { RuleContext } from './rules.js';
import type { ComplianceCheckResult, ComplianceEvidence } from './types.js';

/** Every check, in report order: ISO 27001, COBIT, NIST. */
export const complianceChecks: readonly CheckDefinition[] = [...iso27001Checks, ...cobitChecks, ...nistChecks];

export interface ComplianceOptions {
  /** The instant deadlines are judged against (the injected clock's now). */
  readonly asOf: string | Date;
  /** Minimum monitoring before verification counts (default: the policy's 24 h). */
  readonly verificationWindowHours?: number;
}

/** Evaluates every check against one loaded CR (pure). */
export const assessCompliance = (loaded: LoadedChangeRequest, options: ComplianceOptions): Either<AuditError, ComplianceEvidence> => {
  const asOfMs = parseInstant(options.asOf);
  if (asOfMs === undefined) return E.left(auditError('INVALID_INSTANT', `"${String(options.asOf)}" is not an instant with a time zone`));
  const asOf = new Date(asOfMs).toISOString();
  const h = history(loaded.events);
  const emergency = h.first('EmergencyDeclared');
  const fix = h.first('EmergencyFixApplied');
  const ctx: RuleContext = {
    h,
    ...(emergency === undefined ? {} : { emergency }),
    ...(fix === undefined ? {} : { fix }),
    asOf,
    asOfMs,
    integrity: verifyRecords(loaded.streamName, loaded.records),
    verificationWindowHours: options.verificationWindowHours ?? defaultPolicy.verificationWindowHours,
  };
  const checks = complianceChecks.map((check): ComplianceCheckResult => {
    const verdict = check.evaluate(ctx);
    return {
      id: check.id,
      framework: check.framework,
      control: check.control,
      title: check.title,
      description: check.description,
      status: verdict.status,
      reason: verdict.reason,
      evidence: verdict.evidence,
    };
  });
  const count = (status: ComplianceCheckResult['status']): number => checks.filter((c) => c.status === status).length;
  const number = emergency?.data.number ?? h.first('ChangeRequestSubmitted')?.data.number;
  const crType = emergency !== undefined ? 'emergency' : h.first('ChangeRequestDrafted')?.data.crType;
  return E.right({
    changeRequestId: loaded.changeRequestId,
    streamName: loaded.streamName,
    ...(number === undefined ? {} : { number }),
    ...(crType === undefined ? {} : { crType }),
    asOf,
    checks,
    summary: { passed: count('passed'), failed: count('failed'), not_applicable: count('not_applicable') },
  });
};

/** Reads one CR and evaluates its compliance evidence. */
export const complianceEvidence = (
  store: EventStore,
  ref: ChangeRequestRef,
  options: ComplianceOptions,
): TaskEither<AuditError, ComplianceEvidence> =>
  pipe(
    loadChangeRequest(store, ref),
    TE.chain((loaded) => TE.fromEither(assessCompliance(loaded, options))),
  );
