import { createChangeManagement } from '../commands/changeManagement.js';
import type { ChangeRequestState } from '../domain/state.js';
import { actors } from './actors.js';
import { createManualClock } from './manualClock.js';
import { createScenarioRunner, type ScenarioOptions } from './runner.js';
import { allVerificationCriteriaMet, outageImpact, outageRetrospectiveResults } from './samples.js';

const declaration = {
  criterion: 'system_outage',
  title: 'Restore the Maturion portal after database connection-pool exhaustion',
  description: {
    summary: 'Raise the API gateway connection pool and add a connection timeout',
    details: 'After the 02:05 database failover every gateway instance held dead connections; all tenants see HTTP 503',
  },
  category: 'configuration',
  affectedModules: ['API_Gateway', 'Platform_Database'],
} as const;

/**
 * An emergency change (spec 14): production is down. Only the change
 * manager may declare the emergency, and the declaration is the approval.
 * The fix goes straight to production with the test-environment bypass
 * justified; the paperwork follows: retrospective assessment within 24 h,
 * full regression testing, a post-incident review, and verification once
 * the monitoring window after the fix has passed.
 */
export const runEmergencyChange = async (options: ScenarioOptions): Promise<ChangeRequestState> => {
  const clock = createManualClock(options.start ?? '2025-12-10T02:14:00Z');
  const cm = createChangeManagement({ store: options.store, clock: clock.now });
  const { run, expectRefusal } = createScenarioRunner(cm, options.onStep);
  const { foreman, johan, qa, stakeholder } = actors;

  await expectRefusal('The Foreman may not declare an emergency', {
    type: 'DeclareEmergency',
    actor: foreman,
    data: { ...declaration, justification: 'Portal unreachable for all tenants' },
  });
  const declared = await run('Johan declares an emergency: production is down', {
    type: 'DeclareEmergency',
    actor: johan,
    data: { ...declaration, justification: 'Portal unreachable for all tenants since 02:05; every minute blocks audits in progress' },
  });
  const id = declared.changeRequestId;

  clock.advanceMinutes(20);
  await run('Johan applies the fix in production, bypassing the test environment', {
    type: 'ApplyEmergencyFix',
    changeRequestId: id,
    actor: johan,
    data: {
      description: 'Pool size 20 -> 50, connection timeout 5 s, validate connections on borrow',
      changeSet: { modules: ['API_Gateway'], configs: ['gateway/db-pool.yaml'] },
      testEnvironmentBypassed: true,
      bypassJustification: 'Outage affects all tenants; reproducing the failover in the test environment takes about 3 h',
    },
  });
  clock.advanceMinutes(10);
  await run('Intense monitoring starts; stakeholders are told', {
    type: 'NotifyStakeholders',
    changeRequestId: id,
    actor: foreman,
    data: {
      stakeholders: [stakeholder.id, 'tenant-administrators'],
      message: 'Portal restored at 02:34. Error rate, pool saturation and p95 latency are watched every 5 minutes for 24 h.',
    },
  });

  clock.advanceHours(6);
  await run('Retrospective assessment, well within 24 h of the fix', {
    type: 'RecordRetrospectiveAssessment',
    changeRequestId: id,
    actor: foreman,
    data: {
      impact: outageImpact,
      risks: [
        {
          riskId: 'RISK-EMG-01',
          description: 'A larger pool exhausts database connections under peak load',
          category: 'performance',
          likelihood: 'unlikely',
          impact: 'moderate',
          treatment: 'mitigate',
          mitigation: 'Database max_connections raised to 400; alert at 80% use',
        },
      ],
    },
  });
  clock.advanceHours(3);
  await run('Retrospective full regression testing', {
    type: 'RecordRetrospectiveTesting',
    changeRequestId: id,
    actor: qa,
    data: { results: outageRetrospectiveResults },
  });
  clock.advanceHours(8);
  await run('Post-incident review: root cause and prevention', {
    type: 'RecordPostIncidentReview',
    changeRequestId: id,
    actor: johan,
    data: {
      rootCause: 'The gateway kept pooled connections to the failed primary; no validation on borrow, pool too small to absorb reconnect storms',
      prevention: ['Failover drill in the test environment every quarter', 'Connection validation on borrow by default', 'Alert on pool saturation'],
    },
  });

  clock.advanceHours(8);
  await run('Johan verifies after the 24 h monitoring window', {
    type: 'VerifyChange',
    changeRequestId: id,
    actor: johan,
    data: { criteria: allVerificationCriteriaMet, report: 'No 5xx since the fix; pool peak 31 of 50; p95 176 ms' },
  });
  const closed = await run('Johan closes the emergency change', {
    type: 'CloseChangeRequest',
    changeRequestId: id,
    actor: johan,
    data: { learnings: [{ topic: 'database failover', insight: 'Pooled clients must validate connections; add it to the service template' }] },
  });
  return closed.state;
};
