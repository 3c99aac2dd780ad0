import type { ImpactAssessment, ImpactDimensionLevels } from '../events/assessments.js';
import type { ImpactLevel } from '../events/values.js';
import { highestLevel } from './levels.js';

/**
 * The impact matrix of spec 4.2, one level per row. Boundaries the spec
 * leaves open: downtime of exactly 5 minutes is not "< 5 minutes", so it
 * counts as high; a core module makes the module row high whatever the count.
 */
export const impactDimensionLevels = (a: ImpactAssessment): ImpactDimensionLevels => ({
  modulesAffected: modulesLevel(a.technical.modulesAffected.length, a.technical.coreModuleAffected),
  breakingChanges: a.technical.contractChange === 'breaking' ? 'high' : a.technical.contractChange === 'compatible' ? 'medium' : 'low',
  tenantImpact: a.tenant.dataMigrationRequired ? 'high' : a.tenant.userExperienceChanged ? 'medium' : 'low',
  downtime: a.tenant.downtimeMinutes === 0 ? 'low' : a.tenant.downtimeMinutes < 5 ? 'medium' : 'high',
  rollbackComplexity:
    a.operational.rollbackComplexity === 'hard' ? 'high' : a.operational.rollbackComplexity === 'medium' ? 'medium' : 'low',
});

const modulesLevel = (count: number, core: boolean): ImpactLevel =>
  core || count >= 4 ? 'high' : count >= 2 ? 'medium' : 'low';

/** The overall impact is the highest of the rows. */
export const overallImpactLevel = (levels: ImpactDimensionLevels): ImpactLevel =>
  highestLevel(Object.values(levels)) as ImpactLevel;
