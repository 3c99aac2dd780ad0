import type { AuditTrail, AuditTrailEntry } from './trail.js';

/**
 * Renders a trail as plain text for a person: a heading, the integrity
 * verdict, then one block per event:
 *
 *   r3 @41  2025-03-01T10:00:00Z  johan (change_manager)  ApprovalGranted
 *       johan (change manager) granted approval
 *       why: risk mitigated by feature flag
 */
export const renderTrailText = (trail: AuditTrail): string => {
  const heading = `Audit trail of ${trail.number ?? trail.changeRequestId}${trail.title === undefined ? '' : ` "${trail.title}"`} (${trail.streamName})`;
  const lines = [heading, integrityLine(trail), ''];
  for (const entry of trail.entries) lines.push(...entryLines(entry));
  return `${lines.join('\n')}\n`;
};

const integrityLine = (trail: AuditTrail): string => {
  const v = trail.integrity;
  if (v.finding !== undefined) {
    return `Integrity: FAILED (${v.finding.kind}, ${v.finding.diagnosis} at revision ${v.finding.revision}): ${v.finding.message}`;
  }
  return `Integrity: hash chain verified over ${v.eventsChecked} event(s)${v.head === undefined ? '' : `, head ${v.head.hash.slice(0, 12)}`}`;
};

const entryLines = (e: AuditTrailEntry): string[] => {
  const lines = [`r${e.revision} @${e.position}  ${e.when}  ${e.who.id} (${e.who.role})  ${e.type}`, `    ${e.what}`];
  if (e.why !== undefined) lines.push(`    why: ${e.why.replace(/\n/g, '\n         ')}`);
  return lines;
};
