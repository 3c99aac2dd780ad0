import { describe, expect, it } from 'vitest';
import { evolveAll } from '../../src/domain/evolve.js';
import { initialState } from '../../src/domain/state.js';
import { createChangeRegister } from '../../src/projections/register/register.js';
import { commitMessage } from '../../src/projections/versioning/commitMessage.js';
import { createPlatformVersion } from '../../src/projections/versioning/platformVersion.js';
import { applyBump, versionBump, VersionError } from '../../src/projections/versioning/semver.js';
import { aiGenerated, emergency, eventsOf, manualSuccess, rolledBack, type LifecycleOptions } from '../support/eventFixtures.js';
import { project } from './support.js';

const specExample = `[CR-2025-001] Add asset_owner field to WRAC assets

- Added asset_owner column to wrac_assets table
- Updated API endpoint /api/wrac/assets
- Added 5 new regression tests
- Updated WRAC user documentation

Impact: Medium | Risk: Medium | Approved: Johan`;

const entryOf = async (o: LifecycleOptions & { number: string }) => {
  const register = createChangeRegister();
  await project([manualSuccess(o)], register);
  return register.get(o.number)!;
};

describe('commit message (spec 12.3)', () => {
  it('given CR-2025-001 from the register, is the spec example word for word', async () => {
    expect(commitMessage(await entryOf({ number: 'CR-2025-001' }))).toBe(specExample);
  });

  it('given the same CR as aggregate state, is the same message', () => {
    const stream = manualSuccess();
    expect(commitMessage(evolveAll(initialState(stream.changeRequestId), eventsOf(stream)))).toBe(specExample);
  });

  it('names the Foreman auto-approval, and falls back to the summary when nothing else describes the change', async () => {
    const register = createChangeRegister();
    await project([aiGenerated({ number: 'AI-CR-2025-046', level: 'low' }), emergency({ upTo: 'EmergencyFixApplied' })], register);
    expect(commitMessage(register.get('AI-CR-2025-046')!)).toMatch(
      /\n\n- Added 5 new regression tests\n- Updated WRAC user documentation\n\nImpact: Low \| Risk: Low \| Approved: Maturion Foreman \(auto-approval\)$/,
    );
    expect(commitMessage(register.get('CR-2025-090')!)).toBe(
      '[CR-2025-090] Patch actively exploited auth bypass\n\n- Patch actively exploited auth bypass\n\nImpact: Unassessed | Risk: Unassessed | Approved: Johan (emergency)',
    );
  });
});

describe('semantic version bump', () => {
  it('breaking contract change -> major; additive code or architecture change -> minor; the rest -> patch', async () => {
    expect(versionBump(await entryOf({ number: 'CR-2025-001', contractChange: 'breaking' }))).toBe('major');
    expect(versionBump(await entryOf({ number: 'CR-2025-001', contractChange: 'compatible', category: 'code' }))).toBe('minor');
    expect(versionBump(await entryOf({ number: 'CR-2025-001', contractChange: 'compatible', category: 'architecture' }))).toBe('minor');
    expect(versionBump(await entryOf({ number: 'CR-2025-001', contractChange: 'compatible', category: 'configuration' }))).toBe('patch');
    expect(versionBump(await entryOf({ number: 'CR-2025-001', contractChange: 'none', category: 'code' }))).toBe('patch');
    expect(versionBump(await entryOf({ number: 'CR-2025-001', category: 'documentation' }))).toBe('patch');
  });

  it('applies bumps to MAJOR.MINOR.PATCH and refuses anything else with a typed error', () => {
    expect(applyBump('1.4.2', 'major')).toBe('2.0.0');
    expect(applyBump('1.4.2', 'minor')).toBe('1.5.0');
    expect(applyBump('1.4.2', 'patch')).toBe('1.4.3');
    expect(() => applyBump('1.4', 'patch')).toThrow(VersionError);
    expect(() => createPlatformVersion({ initial: 'v1.0.0' })).toThrow(expect.objectContaining({ code: 'INVALID_VERSION' }));
  });
});

describe('platform version projection', () => {
  it('starts at 1.0.0 and moves with each deployment in order', async () => {
    const version = createPlatformVersion();
    await project(
      [
        manualSuccess({ number: 'CR-2025-001', start: '2025-11-01T09:00:00Z' }),
        manualSuccess({ number: 'CR-2025-002', start: '2025-11-10T09:00:00Z', category: 'configuration' }),
        manualSuccess({ number: 'CR-2025-003', start: '2025-11-20T09:00:00Z', contractChange: 'breaking' }),
      ],
      version,
    );
    expect(version.history().map((h) => [h.crId, h.bump, h.version])).toEqual([
      ['CR-2025-001', 'minor', '1.1.0'],
      ['CR-2025-002', 'patch', '1.1.1'],
      ['CR-2025-003', 'major', '2.0.0'],
    ]);
    expect(version.current()).toBe('2.0.0');
  });

  it('is reverted by a validated rollback of the latest deployment', async () => {
    const version = createPlatformVersion({ initial: '3.2.1' });
    await project(
      [manualSuccess({ number: 'CR-2025-001', start: '2025-11-01T09:00:00Z' }), rolledBack({ number: 'CR-2025-002', start: '2025-11-10T09:00:00Z' })],
      version,
    );
    expect(version.history().map((h) => [h.kind, h.crId, h.previous, h.version])).toEqual([
      ['release', 'CR-2025-001', '3.2.1', '3.3.0'],
      ['release', 'CR-2025-002', '3.3.0', '3.4.0'],
      ['revert', 'CR-2025-002', '3.4.0', '3.3.0'],
    ]);
  });

  it('takes only the rolled-back CR out when later deployments stay in effect', async () => {
    const version = createPlatformVersion();
    await project(
      [
        rolledBack({ number: 'CR-2025-001', start: '2025-11-01T09:00:00Z', rollbackAfterHours: 100 }),
        manualSuccess({ number: 'CR-2025-002', start: '2025-11-01T12:00:00Z', category: 'configuration' }),
      ],
      version,
    );
    expect(version.history().map((h) => [h.kind, h.crId, h.version])).toEqual([
      ['release', 'CR-2025-001', '1.1.0'],
      ['release', 'CR-2025-002', '1.1.1'],
      ['revert', 'CR-2025-001', '1.0.1'],
    ]);
  });
});
