import type { StoredEvent } from '../../events/serialization.js';
import { changeRequestIdOfStream } from '../../events/streams.js';
import type { ChangeCategory } from '../../events/values.js';
import type { Projection } from '../projection.js';
import { applyBump, bumpFor, parseVersion, type VersionBump } from './semver.js';

export interface VersionChange {
  readonly kind: 'release' | 'revert';
  readonly version: string;
  readonly previous: string;
  readonly crId: string;
  readonly bump: VersionBump;
  readonly at: string;
  readonly position: number;
}

export interface PlatformVersion extends Projection {
  position(): number;
  current(): string;
  history(): readonly VersionChange[];
}

interface CrFacts {
  crId: string;
  category: ChangeCategory;
  contractChange: 'none' | 'compatible' | 'breaking';
}

/**
 * The platform version: the initial version (default 1.0.0) with the bump of
 * every deployment still in effect applied in deployment order. A validated
 * rollback takes its CR's bump out, so rolling back the latest deployment
 * restores the version before it.
 */
export const createPlatformVersion = (options: { readonly initial?: string } = {}): PlatformVersion => {
  const initial = options.initial ?? '1.0.0';
  parseVersion(initial);
  const facts = new Map<string, CrFacts>();
  let active: { readonly id: string; readonly bump: VersionBump }[] = [];
  let history: VersionChange[] = [];
  let version = initial;
  let position = -1;

  const record = (kind: VersionChange['kind'], f: CrFacts, bump: VersionBump, next: string, e: StoredEvent): void => {
    history.push(Object.freeze({ kind, version: next, previous: version, crId: f.crId, bump, at: e.metadata.occurredAt, position: e.position }));
    version = next;
  };

  const apply = (e: StoredEvent): void => {
    if (e.position <= position) return;
    position = e.position;
    const id = e.streamName;
    if (e.type === 'ChangeRequestDrafted') {
      facts.set(id, { crId: changeRequestIdOfStream(id) ?? id, category: e.data.category, contractChange: 'none' });
      return;
    }
    if (e.type === 'EmergencyDeclared') {
      facts.set(id, { crId: e.data.number, category: e.data.category, contractChange: 'none' });
      return;
    }
    const f = facts.get(id);
    if (f === undefined) return;
    switch (e.type) {
      case 'ChangeRequestSubmitted':
        f.crId = e.data.number;
        return;
      case 'ImpactAssessed':
        f.contractChange = e.data.assessment.technical.contractChange;
        return;
      case 'RetrospectiveAssessmentRecorded':
        f.contractChange = e.data.impact.technical.contractChange;
        return;
      case 'DeployedToProduction':
      case 'EmergencyFixApplied': {
        const bump = bumpFor(f.category, f.contractChange);
        active.push({ id, bump });
        record('release', f, bump, applyBump(version, bump), e);
        return;
      }
      case 'RollbackValidated': {
        const reverted = active.filter((a) => a.id === id);
        if (reverted.length === 0) return;
        active = active.filter((a) => a.id !== id);
        const next = active.reduce((v, a) => applyBump(v, a.bump), initial);
        record('revert', f, reverted[reverted.length - 1]!.bump, next, e);
        return;
      }
      default:
        return;
    }
  };

  return {
    name: 'platform_version',
    apply,
    reset: () => {
      facts.clear();
      active = [];
      history = [];
      version = initial;
      position = -1;
    },
    position: () => position,
    current: () => version,
    history: () => Object.freeze([...history]),
  };
};
