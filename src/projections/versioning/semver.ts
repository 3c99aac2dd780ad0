import type { ChangeCategory } from '../../events/values.js';
import { versioningFacts, type VersioningSource } from './source.js';

export type VersionBump = 'major' | 'minor' | 'patch';

export class VersionError extends Error {
  readonly code = 'INVALID_VERSION';
  constructor(message: string) {
    super(message);
    this.name = 'VersionError';
  }
}

/**
 * The semantic-version bump a deployed CR implies:
 * - major: the impact assessment records a breaking contract change
 *   (API or schema);
 * - minor: a new capability, i.e. a code or architecture change whose
 *   contract change is additive (compatible);
 * - patch: everything else: fixes without contract change, configuration,
 *   documentation, governance and AI-model changes, and emergency fixes
 *   (unless their retrospective assessment says breaking).
 */
export const versionBump = (source: VersioningSource): VersionBump => {
  const f = versioningFacts(source);
  return bumpFor(f.category, f.contractChange);
};

/** The rule of versionBump on its two inputs. */
export const bumpFor = (category: ChangeCategory | undefined, contractChange: 'none' | 'compatible' | 'breaking'): VersionBump => {
  if (contractChange === 'breaking') return 'major';
  if (contractChange === 'compatible' && (category === 'code' || category === 'architecture')) return 'minor';
  return 'patch';
};

const semver = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export const parseVersion = (version: string): [number, number, number] => {
  const m = semver.exec(version);
  if (m === null) throw new VersionError(`Expected MAJOR.MINOR.PATCH, got ${JSON.stringify(version)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
};

export const applyBump = (version: string, bump: VersionBump): string => {
  const [major, minor, patch] = parseVersion(version);
  if (bump === 'major') return `${major + 1}.0.0`;
  if (bump === 'minor') return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
};
