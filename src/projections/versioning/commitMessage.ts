import { versioningFacts, type VersioningFacts, type VersioningSource } from './source.js';

const level = (l: string | undefined): string => (l === undefined ? 'Unassessed' : `${l.charAt(0).toUpperCase()}${l.slice(1)}`);

const approvedBy = (f: VersioningFacts): string => {
  if (f.approvers.length === 0) return 'Pending';
  const ids = f.approvers.map((a) => a.id).join(', ');
  return f.autoApproval ? `${ids} (auto-approval)` : f.emergency ? `${ids} (emergency)` : ids;
};

/**
 * The commit message of spec 12.3:
 *
 *     [CR-2025-001] <title>
 *
 *     - <schema change> ...
 *     - <API change> ...
 *     - Added <n> new regression tests
 *     - <documentation update> ...
 *
 *     Impact: Medium | Risk: Medium | Approved: Johan
 *
 * The bullets come from the impact assessment's schema and API changes, the
 * new tests of the run that cleared the CR, and the documentation updates;
 * a CR with none of these gets its summary as the only bullet.
 */
export const commitMessage = (source: VersioningSource): string => {
  const f = versioningFacts(source);
  const bullets = [
    ...f.schemaChanges,
    ...f.apiChanges,
    ...(f.newTestsCreated > 0 ? [`Added ${f.newTestsCreated} new regression test${f.newTestsCreated === 1 ? '' : 's'}`] : []),
    ...f.documentation.map((d) => (d.summary.trim() === '' ? `Updated ${d.reference}` : d.summary)),
  ];
  const lines = bullets.length > 0 ? bullets : [f.summary];
  return [
    `[${f.reference}] ${f.title}`,
    '',
    ...lines.map((b) => `- ${b}`),
    '',
    `Impact: ${level(f.impact)} | Risk: ${level(f.risk)} | Approved: ${approvedBy(f)}`,
  ].join('\n');
};
