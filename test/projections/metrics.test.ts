import { describe, expect, it } from 'vitest';
import { createMetrics, MetricsQueryError } from '../../src/projections/metrics/metrics.js';
import { aiGenerated, emergency, failedTestThenRevision, manualSuccess, rejected, rolledBack } from '../support/eventFixtures.js';
import { project } from './support.js';

/**
 * Given (hours are submitted -> approved, approved -> deployed):
 * November: A manual success (24, 48); B failed test then revised (48, 72); C rolled back 2 h after deployment, restored in 1.5 h (12, 24).
 * December: D deployment failed, rolled back, validated 2.75 h after the failure (6, 30); E emergency fixed 1 h after
 * declaration, retrospective missing; F rejected; G AI CR approved (24) and deployed (48), not yet verified.
 */
const lifecycles = () => [
  manualSuccess({ number: 'CR-2025-001', start: '2025-11-03T09:00:00Z', approvalHours: 24, deploymentHours: 48 }),
  failedTestThenRevision({ number: 'CR-2025-002', start: '2025-11-10T09:00:00Z', approvalHours: 48, deploymentHours: 72 }),
  rolledBack({ number: 'CR-2025-003', start: '2025-11-20T09:00:00Z', approvalHours: 12, deploymentHours: 24, rollbackAfterHours: 2, restoreHours: 1.5 }),
  rolledBack({ number: 'CR-2025-004', start: '2025-12-01T09:00:00Z', approvalHours: 6, deploymentHours: 30, failure: 'deployment_failed', restoreHours: 1 }),
  emergency({ number: 'CR-2025-090', start: '2025-12-05T09:00:00Z', fixHours: 1, retrospective: 'missing' }),
  rejected({ number: 'CR-2025-005', start: '2025-12-10T09:00:00Z' }),
  aiGenerated({ number: 'AI-CR-2025-045', start: '2025-12-15T09:00:00Z', approvalHours: 24, deploymentHours: 48, upTo: 'DeployedToProduction' }),
];

const given = async (now = '2025-12-31T00:00:00Z') => {
  const metrics = createMetrics({ clock: () => new Date(now) });
  await project(lifecycles(), metrics);
  return metrics;
};

describe('metrics (spec 16.1)', () => {
  it('November: volume, deployment outcomes, approval / deployment / lead times, regressions and restore time', async () => {
    const m = (await given()).forMonth('2025-11');
    expect(m).toMatchObject({
      month: '2025-11',
      from: '2025-11-01T00:00:00.000Z',
      to: '2025-12-01T00:00:00.000Z',
      crVolume: 3,
      byType: { manual: 3, ai_generated: 0, emergency: 0 },
      deployments: 3,
      approvalTime: { count: 3, meanHours: 28, medianHours: 24 },
      deploymentTime: { count: 3, meanHours: 48, medianHours: 48 },
      leadTime: { count: 3, meanHours: 76, medianHours: 72 },
      timeToRestore: { count: 1, meanHours: 1.5, medianHours: 1.5 },
      emergencyChangeRatio: 0,
      overdueEmergencyRetrospectives: 0,
    });
    expect(m.successRate).toBeCloseTo(200 / 3);
    expect(m.changeFailureRate).toBeCloseTo(100 / 3);
    expect(m.rollbackRate).toBeCloseTo(100 / 3);
    expect(m.regressionRate).toBeCloseTo(100 / 3);
  });

  it('December: emergency ratio, restore time from the deployment failure, overdue retrospective, pending deployments', async () => {
    const m = (await given()).forMonth('2025-12');
    expect(m).toMatchObject({
      crVolume: 4,
      byType: { manual: 2, ai_generated: 1, emergency: 1 },
      deployments: 3,
      successRate: 0,
      approvalTime: { count: 2, meanHours: 15, medianHours: 15 },
      deploymentTime: { count: 2, meanHours: 39, medianHours: 39 },
      leadTime: { count: 3, medianHours: 36 },
      timeToRestore: { count: 1, meanHours: 2.75, medianHours: 2.75 },
      emergencyChangeRatio: 25,
      regressionRate: 0,
      overdueEmergencyRetrospectives: 1,
    });
    expect(m.leadTime.meanHours).toBeCloseTo(109 / 3);
    expect(m.changeFailureRate).toBeCloseTo(100 / 3);
    expect(m.rollbackRate).toBeCloseTo(100 / 3);
  });

  it('counts a retrospective as overdue only once its deadline has passed on the clock', async () => {
    expect((await given('2025-12-06T09:59:00Z')).forMonth('2025-12').overdueEmergencyRetrospectives).toBe(0);
    expect((await given('2025-12-06T10:01:00Z')).forMonth('2025-12').overdueEmergencyRetrospectives).toBe(1);
  });

  it('lists every month from the first to the last with activity, and a range spanning both adds up', async () => {
    const metrics = await given();
    expect(metrics.byMonth().map((m) => m.month)).toEqual(['2025-11', '2025-12']);
    const both = metrics.forRange({ from: '2025-11-01T00:00:00Z', to: '2026-01-01T00:00:00Z' });
    expect(both.crVolume).toBe(7);
    expect(both.deployments).toBe(6);
    expect(both.approvalTime).toMatchObject({ count: 5, meanHours: (24 + 48 + 12 + 6 + 24) / 5, medianHours: 24 });
  });

  it('reports empty cohorts as null rates and null durations', async () => {
    const m = (await given()).forMonth('2026-02');
    expect(m).toMatchObject({ crVolume: 0, deployments: 0, successRate: null, changeFailureRate: null, emergencyChangeRatio: null });
    expect(m.leadTime).toEqual({ count: 0, meanHours: null, medianHours: null });
  });

  it('refuses malformed months and ranges with a typed error', async () => {
    const metrics = await given();
    expect(() => metrics.forMonth('2025-13')).toThrow(MetricsQueryError);
    expect(() => metrics.forRange({ from: '2025-12-01T00:00:00Z', to: '2025-11-01T00:00:00Z' })).toThrow(
      expect.objectContaining({ code: 'INVALID_METRICS_RANGE' }),
    );
  });
});
