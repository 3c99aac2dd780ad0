import { expect, it } from 'vitest';
import { main } from '../../examples/ai-change-request.js';
import { describeExampleOnEachStore } from './support.js';

/** The scenario's specification: spec 10.3's workflow, from the runtime trigger to the learnings at closure. */
const expectedEvents = [
  'ChangeRequestDrafted',
  'ChangeRequestSubmitted',
  'ImpactAssessed',
  'RiskAssessed',
  'RegressionAnalysisPlanned',
  'AssessmentCompleted',
  'AiRecommendationIssued',
  'StakeholdersNotified',
  'ApprovalGranted',
  'ChangeRequestApproved',
  'ChangeRequestScheduled',
  'TestEnvironmentBaselineSet',
  'ChangeDeployedToTestEnvironment',
  'TestingStarted',
  'TestResultsRecorded',
  'TestEnvironmentValidated',
  'DocumentationUpdated',
  'RollbackPlanDocumented',
  'ComplianceValidated',
  'DeployedToProduction',
  'TestEnvironmentReset',
  'ChangeVerified',
  'LearningsRecorded',
  'ChangeRequestClosed',
];

describeExampleOnEachStore('examples/ai-change-request', main, (result) => {
  it('given a runtime insight, when the example runs, then the AI CR is numbered AI-CR-YYYY-NNN and ends closed with outcome success', () => {
    expect(result.state.number).toBe('AI-CR-2025-001');
    expect(result.state.crType).toBe('ai_generated');
    expect(result.state.status).toBe('closed');
    expect(result.state.outcome).toBe('success');
  });

  it('records exactly the AI CR workflow, in order, and the steps report the same events', () => {
    expect(result.stored.map((e) => e.type)).toEqual(expectedEvents);
    expect(result.steps.flatMap((s) => s.events)).toEqual(expectedEvents);
  });

  it("carries spec 10.2's trigger and description", () => {
    expect(result.state.draftedBy).toEqual({ id: 'maturion-foreman', role: 'foreman' });
    expect(result.state.trigger).toEqual({
      type: 'runtime_insight',
      source: 'performance_monitoring',
      description: 'Vulnerability API response time degraded by 30% over 7 days',
    });
    expect(result.state.title).toBe('Optimize Vulnerability API database queries');
    expect(result.state.affectedModules).toEqual(['Vulnerability']);
    expect(result.state.estimatedEffort).toBe('2 hours');
  });

  it('is low-level but, as a schema change, not eligible for auto-approval: the recommendation names the change manager', () => {
    expect(result.state.assessment?.approvalLevel).toBe('low');
    expect(result.state.assessment?.guardrailFindings).toEqual(['schema change']);
    expect(result.state.aiRecommendation).toEqual({
      recommendation: 'Approve and schedule for next maintenance window',
      autoApprovalEligible: false,
      approvalRequiredFrom: ['change_manager'],
    });
  });

  it("shows the Foreman's own approval refused, and Johan approves", () => {
    expect(result.refusals).toEqual([{ code: 'APPROVAL_AUTHORITY_INSUFFICIENT', path: 'actor.role' }]);
    expect(result.state.approved?.approvers).toEqual([{ id: 'johan', role: 'change_manager' }]);
    expect(result.state.approved?.autoApproval).toBe(false);
  });

  it('feeds the results back to the Foreman as learnings at closure', () => {
    expect(result.state.learnings.map((l) => l.topic)).toEqual(['performance_monitoring', 'schema design']);
  });

  it('prints the final CR with its trigger and recommendation', () => {
    expect(result.output.some((l) => l.startsWith('Change request AI-CR-2025-001: Optimize Vulnerability API database queries'))).toBe(true);
    expect(result.output.some((l) => /auto-approval\s+not eligible; approval required from change_manager/.test(l))).toBe(true);
  });
});
