import { z } from 'zod';
import {
  Level,
  ImpactLevel,
  Likelihood,
  NonEmptyText,
  RiskCategory,
  RiskTreatment,
  Severity,
  ShortText,
  TextList,
  DocumentationKind,
  RollbackType,
} from './values.js';

/** Impact assessment input: the four dimensions of spec 4.1. */
export const ImpactAssessment = z.object({
  technical: z.object({
    modulesAffected: z.array(ShortText).min(1, 'name at least one affected module').max(500),
    coreModuleAffected: z.boolean().default(false),
    integrationContracts: TextList.default([]),
    schemaChanges: TextList.default([]),
    apiChanges: TextList.default([]),
    uiChanges: TextList.default([]),
    /** none: no interface changes; compatible: additive changes; breaking: breaking API or schema change. */
    contractChange: z.enum(['none', 'compatible', 'breaking']),
    performanceImpact: z.enum(['positive', 'neutral', 'negative']),
  }),
  tenant: z.object({
    affectedTenants: z.union([z.enum(['all', 'none']), z.array(ShortText).min(1)]),
    userExperience: z.string().max(2_000).default(''),
    userExperienceChanged: z.boolean(),
    dataMigrationRequired: z.boolean(),
    dataMigration: z.string().max(2_000).default(''),
    downtimeMinutes: z.number().min(0).max(100_000),
  }),
  compliance: z.object({
    controlMappingsAffected: TextList.default([]),
    coverageImpact: z.string().max(500).default(''),
    auditTrailChanges: z.string().max(2_000).default(''),
    regulatoryImpact: z.string().max(2_000).default(''),
  }),
  operational: z.object({
    deploymentComplexity: z.enum(['simple', 'medium', 'high']),
    rollbackComplexity: z.enum(['easy', 'medium', 'hard']),
    trainingRequired: z.enum(['none', 'user', 'admin', 'user_and_admin']),
    documentationUpdates: TextList.default([]),
  }),
});
export type ImpactAssessment = z.infer<typeof ImpactAssessment>;

/** Levels of the five rows of the impact matrix (spec 4.2). */
export const ImpactDimensionLevels = z.object({
  modulesAffected: ImpactLevel,
  breakingChanges: ImpactLevel,
  tenantImpact: ImpactLevel,
  downtime: ImpactLevel,
  rollbackComplexity: ImpactLevel,
});
export type ImpactDimensionLevels = z.infer<typeof ImpactDimensionLevels>;

/** One identified risk as assessed (spec 5.1-5.3); its level comes from the risk matrix. */
export const IdentifiedRisk = z.object({
  riskId: ShortText,
  description: NonEmptyText,
  category: RiskCategory,
  likelihood: Likelihood,
  impact: Severity,
  treatment: RiskTreatment,
  mitigation: z.string().max(5_000).default(''),
});
export type IdentifiedRisk = z.infer<typeof IdentifiedRisk>;

export const AssessedRisk = IdentifiedRisk.extend({ level: Level });
export type AssessedRisk = z.infer<typeof AssessedRisk>;

export const TestSuiteKind = z.enum([
  'unit',
  'integration',
  'api',
  'database',
  'ui',
  'end_to_end',
  'performance',
  'security',
  'compliance',
]);
export type TestSuiteKind = z.infer<typeof TestSuiteKind>;

/** Regression analysis plan (spec 6.1): what must pass and what must be written. */
export const RegressionPlan = z.object({
  existingTests: z.object({
    total: z.number().int().min(0),
    suites: z.array(TestSuiteKind).min(1, 'name the suites that must pass'),
  }),
  newTestsRequired: z.number().int().min(0),
  newTests: TextList.default([]),
  architectureConflicts: TextList.default([]),
  coverageBaseline: z.number().min(0).max(100),
});
export type RegressionPlan = z.infer<typeof RegressionPlan>;

/** Test run results as reported (the input half of spec 6.4). */
export const TestRunResults = z
  .object({
    existingTests: z.object({
      total: z.number().int().min(0),
      passed: z.number().int().min(0),
      failed: z.number().int().min(0),
      skipped: z.number().int().min(0),
    }),
    newTests: z.object({
      required: z.number().int().min(0),
      created: z.number().int().min(0),
      passed: z.number().int().min(0),
      failed: z.number().int().min(0),
    }),
    coverage: z.object({ before: z.number().min(0).max(100), after: z.number().min(0).max(100) }),
    performance: z.object({
      baselineResponseTimeMs: z.number().min(0),
      afterChangeResponseTimeMs: z.number().min(0),
    }),
    security: z.object({ newVulnerabilities: z.number().int().min(0) }).default({ newVulnerabilities: 0 }),
    compliance: z.object({ controlCoverageMaintained: z.boolean() }).default({ controlCoverageMaintained: true }),
    suites: z.array(TestSuiteKind).default([]),
  })
  .superRefine((r, ctx) => {
    const e = r.existingTests;
    if (e.passed + e.failed + e.skipped !== e.total) {
      ctx.addIssue({ code: 'custom', path: ['existingTests', 'total'], message: 'passed + failed + skipped must equal total' });
    }
    const n = r.newTests;
    if (n.passed + n.failed !== n.created) {
      ctx.addIssue({ code: 'custom', path: ['newTests', 'created'], message: 'passed + failed must equal created' });
    }
  });
export type TestRunResults = z.infer<typeof TestRunResults>;

/** What the zero-regression rule concluded about a test run (the derived half of spec 6.4). */
export const RegressionVerdict = z.object({
  coverageDelta: z.number(),
  responseTimeDeltaMs: z.number(),
  performanceDegradation: z.boolean(),
  regressionDetected: z.boolean(),
  readyForDeployment: z.boolean(),
  findings: z.array(z.string()),
});
export type RegressionVerdict = z.infer<typeof RegressionVerdict>;

export const ChangeSet = z.object({
  modules: TextList.default([]),
  files: TextList.default([]),
  schemas: TextList.default([]),
  configs: TextList.default([]),
});
export type ChangeSet = z.infer<typeof ChangeSet>;

export const RollbackPlan = z.object({
  procedure: NonEmptyText,
  rollbackType: RollbackType,
  decisionCriteria: z.array(ShortText).min(1, 'define at least one rollback decision criterion'),
  testedInTestEnvironment: z.boolean(),
  migrationScript: z.string().max(2_000).optional(),
});
export type RollbackPlan = z.infer<typeof RollbackPlan>;

export const DocumentationUpdate = z.object({
  kind: DocumentationKind,
  reference: ShortText,
  summary: z.string().max(2_000).default(''),
});
export type DocumentationUpdate = z.infer<typeof DocumentationUpdate>;

export const ComplianceValidation = z.object({
  controlMappingsUpdated: z.boolean(),
  coverageBefore: z.number().min(0).max(100),
  coverageAfter: z.number().min(0).max(100),
  regulatoryViolations: TextList.default([]),
});
export type ComplianceValidation = z.infer<typeof ComplianceValidation>;

export const VerificationCriteria = z.object({
  featureWorking: z.boolean(),
  noProductionErrors: z.boolean(),
  performanceAcceptable: z.boolean(),
  noUserIssues: z.boolean(),
  complianceMaintained: z.boolean(),
});
export type VerificationCriteria = z.infer<typeof VerificationCriteria>;

export const GateId = z.enum([
  'impact_assessment',
  'risk_assessment',
  'approval',
  'regression_tests',
  'test_environment',
  'documentation',
  'rollback_plan',
  'compliance',
]);
export type GateId = z.infer<typeof GateId>;

export const GateResult = z.object({
  gate: GateId,
  number: z.number().int().min(1).max(8),
  passed: z.boolean(),
  unmet: z.array(z.string()),
});
export type GateResult = z.infer<typeof GateResult>;
