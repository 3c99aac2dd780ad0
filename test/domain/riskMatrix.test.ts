import { describe, expect, it } from 'vitest';
import { overallRiskLevel, riskLevel } from '../../src/domain/riskMatrix.js';
import type { Level, Likelihood, Severity } from '../../src/events/values.js';
import {
  command,
  dataOf,
  errorOf,
  given,
  people,
  risk,
  specExampleImpact,
  specExampleRisks,
  submitted,
  typesOf,
  when,
  event,
  regressionPlan,
} from '../support/domainFixtures.js';

/** Spec 5.2, row by row: likelihood down, impact across (negligible, minor, moderate, major, catastrophic). */
const specMatrix: readonly [Likelihood, readonly [Level, Level, Level, Level, Level]][] = [
  ['almost_certain', ['medium', 'high', 'high', 'critical', 'critical']],
  ['likely', ['low', 'medium', 'high', 'high', 'critical']],
  ['possible', ['low', 'low', 'medium', 'high', 'high']],
  ['unlikely', ['low', 'low', 'medium', 'medium', 'high']],
  ['rare', ['low', 'low', 'low', 'medium', 'medium']],
];
const impacts: readonly Severity[] = ['negligible', 'minor', 'moderate', 'major', 'catastrophic'];

const cells = specMatrix.flatMap(([likelihood, row]) => impacts.map((impact, i) => ({ likelihood, impact, level: row[i]! })));

describe('the risk matrix (spec 5.2)', () => {
  it('has 25 cells', () => {
    expect(cells).toHaveLength(25);
  });

  it.each(cells)('a $likelihood risk of $impact impact is $level', ({ likelihood, impact, level }) => {
    expect(riskLevel(likelihood, impact)).toBe(level);
  });

  it.each(cells)('given a submitted CR, when a $likelihood/$impact risk is recorded, then the RiskAssessed event grades it $level', ({ likelihood, impact, level }) => {
    const decision = when(given(submitted()), command('RecordRiskAssessment', people.foreman, { risks: [risk(likelihood, impact)] }));
    const assessed = dataOf(decision, 'RiskAssessed');
    expect(assessed.risks.map((r) => r.level)).toEqual([level]);
    expect(assessed.overallRisk).toBe(level);
  });
});

describe('overall risk: the highest single risk', () => {
  it('is the highest level among the risks, whatever their order', () => {
    expect(overallRiskLevel([risk('rare', 'minor'), risk('possible', 'major'), risk('likely', 'minor')])).toBe('high');
    expect(overallRiskLevel([risk('almost_certain', 'major'), risk('rare', 'negligible')])).toBe('critical');
    expect(overallRiskLevel([risk('rare', 'negligible'), risk('unlikely', 'minor')])).toBe('low');
  });

  it('given a submitted CR, when three risks are recorded, then each keeps its own level and the overall level is the highest', () => {
    const risks = [risk('rare', 'minor', { riskId: 'R1' }), risk('possible', 'major', { riskId: 'R2' }), risk('likely', 'minor', { riskId: 'R3' })];
    const assessed = dataOf(when(given(submitted()), command('RecordRiskAssessment', people.foreman, { risks })), 'RiskAssessed');
    expect(assessed.risks.map((r) => [r.riskId, r.level])).toEqual([
      ['R1', 'low'],
      ['R2', 'high'],
      ['R3', 'medium'],
    ]);
    expect(assessed.overallRisk).toBe('high');
  });

  it('spec 5.4: likely/minor (medium) and unlikely/minor (low) give an overall medium risk, approved by the change manager', () => {
    const state = given(
      submitted(),
      event('ImpactAssessed', {
        assessment: specExampleImpact,
        dimensionLevels: { modulesAffected: 'medium', breakingChanges: 'medium', tenantImpact: 'medium', downtime: 'low', rollbackComplexity: 'medium' },
        overallImpact: 'medium',
      }),
      event('RegressionAnalysisPlanned', { plan: regressionPlan }),
    );
    const decision = when(state, command('RecordRiskAssessment', people.foreman, { risks: specExampleRisks }));
    expect(typesOf(decision)).toEqual(['RiskAssessed', 'AssessmentCompleted']);
    const assessed = dataOf(decision, 'RiskAssessed');
    expect(assessed.risks.map((r) => [r.riskId, r.level])).toEqual([
      ['RISK-CR001-01', 'medium'],
      ['RISK-CR001-02', 'low'],
    ]);
    expect(assessed.overallRisk).toBe('medium');
    expect(dataOf(decision, 'AssessmentCompleted')).toMatchObject({
      approvalLevel: 'medium',
      requiredApprovers: ['change_manager'],
      autoApprovalEligible: false,
    });
  });
});

describe('risk treatment (spec 5.3)', () => {
  it('given a submitted CR, when a risk is to be transferred, then RULE_VIOLATION at that risk: transfer does not apply to internal changes', () => {
    const risks = [risk('rare', 'minor', { riskId: 'R1' }), risk('possible', 'minor', { riskId: 'R2', treatment: 'transfer' })];
    expect(errorOf(when(given(submitted()), command('RecordRiskAssessment', people.foreman, { risks })))).toMatchObject({
      code: 'RULE_VIOLATION',
      path: 'data.risks.1.treatment',
    });
  });

  it('given a submitted CR, when two risks share an id, then RULE_VIOLATION at the second', () => {
    const risks = [risk('rare', 'minor', { riskId: 'R1' }), risk('possible', 'minor', { riskId: 'R1' })];
    expect(errorOf(when(given(submitted()), command('RecordRiskAssessment', people.foreman, { risks })))).toMatchObject({
      code: 'RULE_VIOLATION',
      path: 'data.risks.1.riskId',
    });
  });
});
