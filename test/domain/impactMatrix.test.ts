import { describe, expect, it } from 'vitest';
import { impactDimensionLevels, overallImpactLevel } from '../../src/domain/impactMatrix.js';
import type { ImpactAssessment } from '../../src/events/assessments.js';
import type { ImpactLevel } from '../../src/events/values.js';
import { command, dataOf, given, impactWith, lowImpact, people, specExampleImpact, submitted, typesOf, when } from '../support/domainFixtures.js';

/** The impact matrix of spec 4.2, one row at a time; every other row stays low. */
const modules = (n: number): string[] => Array.from({ length: n }, (_, i) => `Module${i + 1}`);

const rows: readonly { row: keyof ReturnType<typeof impactDimensionLevels>; case: string; impact: ImpactAssessment; level: ImpactLevel }[] = [
  { row: 'modulesAffected', case: '1 module', impact: impactWith({ technical: { modulesAffected: modules(1) } }), level: 'low' },
  { row: 'modulesAffected', case: '2 modules', impact: impactWith({ technical: { modulesAffected: modules(2) } }), level: 'medium' },
  { row: 'modulesAffected', case: '3 modules', impact: impactWith({ technical: { modulesAffected: modules(3) } }), level: 'medium' },
  { row: 'modulesAffected', case: '4 modules', impact: impactWith({ technical: { modulesAffected: modules(4) } }), level: 'high' },
  { row: 'modulesAffected', case: '9 modules', impact: impactWith({ technical: { modulesAffected: modules(9) } }), level: 'high' },
  {
    row: 'modulesAffected',
    case: '1 core module',
    impact: impactWith({ technical: { modulesAffected: ['Auth'], coreModuleAffected: true } }),
    level: 'high',
  },
  { row: 'breakingChanges', case: 'no interface change', impact: impactWith({ technical: { contractChange: 'none' } }), level: 'low' },
  { row: 'breakingChanges', case: 'compatible changes', impact: impactWith({ technical: { contractChange: 'compatible' } }), level: 'medium' },
  { row: 'breakingChanges', case: 'breaking API/schema changes', impact: impactWith({ technical: { contractChange: 'breaking' } }), level: 'high' },
  { row: 'tenantImpact', case: 'config only', impact: lowImpact, level: 'low' },
  { row: 'tenantImpact', case: 'UI/UX changes', impact: impactWith({ tenant: { userExperienceChanged: true } }), level: 'medium' },
  {
    row: 'tenantImpact',
    case: 'data migration (with UI changes too)',
    impact: impactWith({ tenant: { userExperienceChanged: true, dataMigrationRequired: true } }),
    level: 'high',
  },
  { row: 'tenantImpact', case: 'data migration', impact: impactWith({ tenant: { dataMigrationRequired: true } }), level: 'high' },
  { row: 'downtime', case: 'no downtime', impact: impactWith({ tenant: { downtimeMinutes: 0 } }), level: 'low' },
  { row: 'downtime', case: '1 minute', impact: impactWith({ tenant: { downtimeMinutes: 1 } }), level: 'medium' },
  { row: 'downtime', case: '4.9 minutes', impact: impactWith({ tenant: { downtimeMinutes: 4.9 } }), level: 'medium' },
  { row: 'downtime', case: 'exactly 5 minutes (not "< 5")', impact: impactWith({ tenant: { downtimeMinutes: 5 } }), level: 'high' },
  { row: 'downtime', case: '30 minutes', impact: impactWith({ tenant: { downtimeMinutes: 30 } }), level: 'high' },
  { row: 'rollbackComplexity', case: 'instant revert (easy)', impact: impactWith({ operational: { rollbackComplexity: 'easy' } }), level: 'low' },
  { row: 'rollbackComplexity', case: 'code rollback (medium)', impact: impactWith({ operational: { rollbackComplexity: 'medium' } }), level: 'medium' },
  { row: 'rollbackComplexity', case: 'schema + data rollback (hard)', impact: impactWith({ operational: { rollbackComplexity: 'hard' } }), level: 'high' },
];

describe('the impact matrix (spec 4.2), row by row', () => {
  it.each(rows)('$row: $case is $level, every other row low, overall $level', ({ row, impact, level }) => {
    const levels = impactDimensionLevels(impact);
    expect(levels[row]).toBe(level);
    for (const [other, l] of Object.entries(levels)) if (other !== row) expect(l, other).toBe('low');
    expect(overallImpactLevel(levels)).toBe(level);
  });
});

describe('overall impact: the highest row', () => {
  it('is low when every row is low', () => {
    expect(overallImpactLevel(impactDimensionLevels(lowImpact))).toBe('low');
  });

  it('is high when one row is high and the others medium', () => {
    const impact = impactWith({
      technical: { modulesAffected: modules(2), contractChange: 'compatible' },
      tenant: { userExperienceChanged: true, downtimeMinutes: 2 },
      operational: { rollbackComplexity: 'hard' },
    });
    expect(impactDimensionLevels(impact)).toEqual({
      modulesAffected: 'medium',
      breakingChanges: 'medium',
      tenantImpact: 'medium',
      downtime: 'medium',
      rollbackComplexity: 'high',
    });
    expect(overallImpactLevel(impactDimensionLevels(impact))).toBe('high');
  });

  it('spec 4.3: CR-2025-001 (two modules, compatible schema and API additions, a new form field, no downtime, code rollback) is medium', () => {
    const decision = when(given(submitted()), command('RecordImpactAssessment', people.foreman, { assessment: specExampleImpact }));
    expect(typesOf(decision)).toEqual(['ImpactAssessed']);
    expect(dataOf(decision, 'ImpactAssessed')).toEqual({
      assessment: specExampleImpact,
      dimensionLevels: { modulesAffected: 'medium', breakingChanges: 'medium', tenantImpact: 'medium', downtime: 'low', rollbackComplexity: 'medium' },
      overallImpact: 'medium',
    });
  });
});
