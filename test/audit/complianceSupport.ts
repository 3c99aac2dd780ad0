import type { ComplianceOptions } from '../../src/audit/compliance/evidence.js';
import { assessCompliance } from '../../src/audit/compliance/evidence.js';
import type { ComplianceEvidence, ComplianceStatus } from '../../src/audit/compliance/types.js';
import { decodeAll } from '../../src/audit/source.js';
import type { DomainEvent, EventType } from '../../src/events/catalogue.js';
import type { RecordedEvent } from '../../src/store/port.js';
import type { FixtureStep, FixtureStream } from '../support/eventFixtures.js';
import { recordsOf, rightOf } from './support.js';

export const allCheckIds = [
  'iso27001.a8_32.formal_request',
  'iso27001.a8_32.impact_and_risk_assessed',
  'iso27001.a8_32.tested_before_production',
  'iso27001.a8_32.authorised',
  'iso27001.a8_32.audit_trail',
  'cobit.bai06_01.logged',
  'cobit.bai06_01.assessed',
  'cobit.bai06_01.authorised',
  'cobit.bai06_02.declared',
  'cobit.bai06_02.bypass_justified',
  'cobit.bai06_02.retrospective_assessment',
  'cobit.bai06_02.retrospective_testing',
  'cobit.bai06_02.post_incident_review',
  'cobit.bai06_03.status_tracked',
  'cobit.bai06_03.stakeholders_informed',
  'cobit.bai06_04.documentation_updated',
  'cobit.bai06_04.post_implementation_review',
  'cobit.bai06_04.closed',
  'nist.cm_3.a',
  'nist.cm_3.b',
  'nist.cm_3.c',
  'nist.cm_3.d',
  'nist.cm_3.e',
  'nist.cm_3.f',
  'nist.cm_3.g',
  'nist.cm_3.1',
  'nist.cm_3.2',
  'nist.cm_4',
  'nist.cm_4.1',
  'nist.cm_4.2',
] as const;
export type CheckId = (typeof allCheckIds)[number];

export const emergencyOnly: readonly CheckId[] = [
  'cobit.bai06_02.declared',
  'cobit.bai06_02.bypass_justified',
  'cobit.bai06_02.retrospective_assessment',
  'cobit.bai06_02.retrospective_testing',
  'cobit.bai06_02.post_incident_review',
];

/** Expected statuses: every check `base`, except the overrides. */
export const expectStatuses = (
  base: ComplianceStatus,
  overrides: Partial<Record<CheckId, ComplianceStatus>>,
): Record<CheckId, ComplianceStatus> =>
  Object.fromEntries(allCheckIds.map((id) => [id, overrides[id] ?? base])) as Record<CheckId, ComplianceStatus>;

export const statusesOf = (evidence: ComplianceEvidence): Record<string, ComplianceStatus> =>
  Object.fromEntries(evidence.checks.map((c) => [c.id, c.status]));

export const checkOf = (evidence: ComplianceEvidence, id: CheckId) => {
  const check = evidence.checks.find((c) => c.id === id);
  if (check === undefined) throw new Error(`no check ${id}`);
  return check;
};

/** Compliance evidence of a fixture stream's records (pure, no store). */
export const evidenceOfRecords = (streamName: string, records: readonly RecordedEvent[], options: ComplianceOptions): ComplianceEvidence =>
  rightOf(
    assessCompliance(
      { changeRequestId: streamName.replace('change_request-', ''), streamName, records, events: rightOf(decodeAll(records)) },
      options,
    ),
  );

export const evidenceOf = (stream: FixtureStream, options: ComplianceOptions): ComplianceEvidence =>
  evidenceOfRecords(stream.streamName, recordsOf(stream), options);

/** The stream with its events rewritten (then resealed by recordsOf): return [] to drop an event, several to add. */
export const rewrite = (stream: FixtureStream, edit: (event: DomainEvent, step: FixtureStep) => DomainEvent[]): FixtureStream => ({
  ...stream,
  steps: stream.steps
    .map((step) => ({ ...step, events: step.events.flatMap((e) => edit(e, step)) }))
    .filter((step) => step.events.length > 0),
});

export const without = (stream: FixtureStream, ...types: EventType[]): FixtureStream =>
  rewrite(stream, (e) => (types.includes(e.type) ? [] : [e]));

/** The stream revision of the nth event of `type`. */
export const revisionOf = (stream: FixtureStream, type: EventType, nth = 0): number => {
  const matches = stream.steps.flatMap((s) => s.events).flatMap((e, i) => (e.type === type ? [i] : []));
  const revision = matches[nth];
  if (revision === undefined) throw new Error(`${stream.number} has no ${type} #${nth}`);
  return revision;
};
