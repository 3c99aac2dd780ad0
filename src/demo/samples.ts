import type { z } from 'zod';
import type { ImpactAssessment, TestRunResults } from '../events/assessments.js';

/** The impact assessment of spec 4.3, in this library's shape. */
export const assetOwnerImpact: z.input<typeof ImpactAssessment> = {
  technical: {
    modulesAffected: ['WRAC', 'Risk_Assessment'],
    schemaChanges: ['wrac_assets table: add column asset_owner TEXT'],
    apiChanges: ['POST /api/wrac/assets: add asset_owner field'],
    contractChange: 'compatible',
    performanceImpact: 'neutral',
  },
  tenant: {
    affectedTenants: 'all',
    userExperience: 'new optional field in asset form',
    userExperienceChanged: true,
    dataMigrationRequired: false,
    dataMigration: 'none (nullable column)',
    downtimeMinutes: 0,
  },
  compliance: {
    controlMappingsAffected: ['ISO_27001_A.8.1'],
    coverageImpact: '+2% (improved asset accountability)',
    regulatoryImpact: 'positive (better GDPR compliance)',
  },
  operational: {
    deploymentComplexity: 'medium',
    rollbackComplexity: 'medium',
    trainingRequired: 'none',
    documentationUpdates: ['WRAC user guide', 'API documentation'],
  },
};

/** The regression results of spec 6.4: zero regression. */
export const passingResults: z.input<typeof TestRunResults> = {
  existingTests: { total: 245, passed: 245, failed: 0, skipped: 0 },
  newTests: { required: 5, created: 5, passed: 5, failed: 0 },
  coverage: { before: 92.5, after: 93.1 },
  performance: { baselineResponseTimeMs: 145, afterChangeResponseTimeMs: 147 },
};
