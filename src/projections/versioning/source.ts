import type { ChangeRequestState } from '../../domain/state.js';
import type { Actor, ChangeCategory, Level } from '../../events/values.js';
import type { DeepReadonly } from '../readonly.js';
import type { ChangeRegisterEntry } from '../register/schema.js';

/** What versioning needs of a CR, from either its aggregate state or its register entry. */
export interface VersioningFacts {
  readonly reference: string;
  readonly title: string;
  readonly summary: string;
  readonly category: ChangeCategory | undefined;
  readonly contractChange: 'none' | 'compatible' | 'breaking';
  readonly schemaChanges: readonly string[];
  readonly apiChanges: readonly string[];
  /** New tests created in the run that cleared the CR for deployment (or the last run). */
  readonly newTestsCreated: number;
  readonly documentation: readonly { readonly reference: string; readonly summary: string }[];
  readonly impact: Level | undefined;
  readonly risk: Level | undefined;
  readonly approvers: readonly Actor[];
  readonly autoApproval: boolean;
  readonly emergency: boolean;
}

export type VersioningSource = ChangeRequestState | DeepReadonly<ChangeRegisterEntry> | ChangeRegisterEntry;

const isEntry = (s: VersioningSource): s is DeepReadonly<ChangeRegisterEntry> => 'changeRequestId' in s;

const pickRun = <R extends { readonly readyForDeployment: boolean }>(runs: readonly R[]): R | undefined =>
  [...runs].reverse().find((r) => r.readyForDeployment) ?? runs[runs.length - 1];

export const versioningFacts = (s: VersioningSource): VersioningFacts => {
  if (isEntry(s)) {
    const run = pickRun(s.testResults);
    return {
      reference: s.crId ?? s.changeRequestId,
      title: s.title,
      summary: s.changeDescription.summary,
      category: s.category,
      contractChange: s.impactAssessment?.technical.contractChange ?? 'none',
      schemaChanges: s.impactAssessment?.technical.schemaChanges ?? [],
      apiChanges: s.impactAssessment?.technical.apiChanges ?? [],
      newTestsCreated: run?.newTests.created ?? 0,
      documentation: s.documentationUpdates,
      impact: s.impactLevel ?? undefined,
      risk: s.riskLevel ?? undefined,
      approvers: s.approvers,
      autoApproval: s.autoApproved === true,
      emergency: s.crType === 'emergency',
    };
  }
  const run = [...s.testRuns].reverse().find((r) => r.verdict.readyForDeployment) ?? s.testRuns[s.testRuns.length - 1];
  return {
    reference: s.number ?? s.id,
    title: s.title ?? '(untitled)',
    summary: s.description?.summary ?? '',
    category: s.category,
    contractChange: s.impact?.assessment.technical.contractChange ?? 'none',
    schemaChanges: s.impact?.assessment.technical.schemaChanges ?? [],
    apiChanges: s.impact?.assessment.technical.apiChanges ?? [],
    newTestsCreated: run?.results.newTests.created ?? 0,
    documentation: s.documentation,
    impact: s.impact?.overallImpact,
    risk: s.risk?.overallRisk,
    approvers: s.approved?.approvers ?? (s.emergency ? [s.emergency.declaredBy] : []),
    autoApproval: s.approved?.autoApproval === true,
    emergency: s.crType === 'emergency',
  };
};
