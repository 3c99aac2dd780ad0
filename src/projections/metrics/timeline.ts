import type { StoredEvent } from '../../events/serialization.js';
import type { ChangeRequestType } from '../../events/values.js';

/** The instants (epoch ms) of one CR that the metrics need; everything else is left out. */
export interface Timeline {
  crType: ChangeRequestType;
  /** Submission, or the declaration of an emergency. */
  submittedAt: number | undefined;
  /** ChangeRequestApproved (an emergency has none: its declaration is its approval). */
  approvedAt: number | undefined;
  /** First production deployment or emergency fix. */
  deployedAt: number | undefined;
  deploymentFailedAt: number | undefined;
  rollbackInitiatedAt: number | undefined;
  rollbackValidatedAt: number | undefined;
  verifiedAt: number | undefined;
  /** [recordedAt, regressionDetected] per test run, retrospective runs included. */
  testRuns: [number, boolean][];
  retrospectiveDueAt: number | undefined;
  retrospectiveAt: number | undefined;
  retrospectiveLate: boolean;
}

const newTimeline = (crType: ChangeRequestType): Timeline => ({
  crType,
  submittedAt: undefined,
  approvedAt: undefined,
  deployedAt: undefined,
  deploymentFailedAt: undefined,
  rollbackInitiatedAt: undefined,
  rollbackValidatedAt: undefined,
  verifiedAt: undefined,
  testRuns: [],
  retrospectiveDueAt: undefined,
  retrospectiveAt: undefined,
  retrospectiveLate: false,
});

/** Folds one event into the timelines (keyed by stream), in place. */
export const foldTimeline = (timelines: Map<string, Timeline>, key: string, e: StoredEvent): void => {
  if (e.type === 'ChangeRequestDrafted') {
    timelines.set(key, newTimeline(e.data.crType));
    return;
  }
  if (e.type === 'EmergencyDeclared') {
    const t = newTimeline('emergency');
    t.submittedAt = Date.parse(e.data.declaredAt);
    timelines.set(key, t);
    return;
  }
  const t = timelines.get(key);
  if (t === undefined) return;
  switch (e.type) {
    case 'ChangeRequestSubmitted':
      t.submittedAt = Date.parse(e.data.submittedAt);
      return;
    case 'ChangeRequestApproved':
      t.approvedAt = Date.parse(e.data.approvedAt);
      return;
    case 'DeployedToProduction':
      t.deployedAt ??= Date.parse(e.data.deployedAt);
      return;
    case 'EmergencyFixApplied':
      t.deployedAt ??= Date.parse(e.data.appliedAt);
      t.retrospectiveDueAt = Date.parse(e.data.retrospectiveDueAt);
      return;
    case 'ProductionDeploymentFailed':
      t.deploymentFailedAt ??= Date.parse(e.metadata.occurredAt);
      return;
    case 'RollbackInitiated':
      t.rollbackInitiatedAt ??= Date.parse(e.metadata.occurredAt);
      return;
    case 'RollbackValidated':
      t.rollbackValidatedAt ??= Date.parse(e.data.validatedAt);
      return;
    case 'ChangeVerified':
      t.verifiedAt ??= Date.parse(e.metadata.occurredAt);
      return;
    case 'TestResultsRecorded':
    case 'RetrospectiveTestingRecorded':
      t.testRuns.push([Date.parse(e.metadata.occurredAt), e.data.verdict.regressionDetected]);
      return;
    case 'RetrospectiveAssessmentRecorded':
      t.retrospectiveAt = Date.parse(e.metadata.occurredAt);
      t.retrospectiveLate = e.data.late;
      return;
    default:
      return;
  }
};
