import { describe, expect, it } from 'vitest';
import type { CommandDataMap } from '../../src/domain/commands.js';
import type { Actor } from '../../src/events/values.js';
import {
  CR_ID,
  T0,
  command,
  dataOf,
  drafted,
  errorOf,
  eventsOf,
  given,
  people,
  sampleData,
  submitted,
  typesOf,
  when,
} from '../support/domainFixtures.js';

/** Stages 1-2 (spec 3.2, 10.2): drafting manual and AI-generated CRs, and the number assigned at submission. */

const { foreman, johan } = people;
const draft = (over: Partial<CommandDataMap['DraftChangeRequest']>, actor: Actor = foreman) =>
  command('DraftChangeRequest', actor, { ...sampleData.DraftChangeRequest, ...over });
const trigger = { type: 'runtime_insight', source: 'performance_monitoring', description: 'Vulnerability API response time degraded by 30% over 7 days' } as const;
const submit = (number: string) => command('SubmitChangeRequest', foreman, { number });

describe('drafting', () => {
  it('given no CR, when the Foreman drafts a manual CR, then ChangeRequestDrafted with its description, modules, stakeholders and drafter', () => {
    const decision = when(given(), draft({}), T0);
    expect(dataOf(decision, 'ChangeRequestDrafted')).toEqual({
      changeRequestId: CR_ID,
      crType: 'manual',
      title: "Add 'asset_owner' field to WRAC assets",
      description: { summary: 'Add asset_owner', details: '' },
      category: 'code',
      affectedModules: ['WRAC'],
      estimatedEffort: '1 day',
      stakeholders: [people.owner.id],
      draftedBy: foreman,
    });
    expect(given(eventsOf(decision)).status).toBe('draft');
  });

  it('given no CR, when the Foreman drafts an AI CR with its trigger (spec 10.2), then the trigger is kept', () => {
    const decision = when(given(), draft({ crType: 'ai_generated', trigger }), T0);
    expect(dataOf(decision, 'ChangeRequestDrafted')).toMatchObject({ crType: 'ai_generated', trigger });
  });

  it('given no CR, when the change manager drafts an AI-generated CR, then PERMISSION_DENIED: only the Foreman generates them', () => {
    expect(errorOf(when(given(), draft({ crType: 'ai_generated', trigger }, johan), T0))).toMatchObject({ code: 'PERMISSION_DENIED', path: 'data.crType' });
  });

  it('given no CR, when an AI CR has no trigger, then RULE_VIOLATION at the trigger', () => {
    expect(errorOf(when(given(), draft({ crType: 'ai_generated' }), T0))).toMatchObject({ code: 'RULE_VIOLATION', path: 'data.trigger' });
  });

  it('given no CR, when a manual CR carries a runtime trigger, then RULE_VIOLATION at the trigger', () => {
    expect(errorOf(when(given(), draft({ trigger }, johan), T0))).toMatchObject({ code: 'RULE_VIOLATION', path: 'data.trigger' });
  });

  it('given no CR, when the Foreman drafts a governance change, then PERMISSION_DENIED: the Foreman cannot modify governance policies via CR', () => {
    expect(errorOf(when(given(), draft({ category: 'governance' }), T0))).toMatchObject({ code: 'PERMISSION_DENIED', path: 'data.category' });
  });

  it('given no CR, when Johan drafts a governance change, then it is drafted', () => {
    expect(typesOf(when(given(), draft({ category: 'governance' }, johan), T0))).toEqual(['ChangeRequestDrafted']);
  });
});

describe('submission assigns the CR number', () => {
  it('given a manual draft, when submitted as CR-2025-001, then ChangeRequestSubmitted with the number and the time', () => {
    const decision = when(given(drafted()), submit('CR-2025-001'), T0);
    expect(dataOf(decision, 'ChangeRequestSubmitted')).toEqual({ number: 'CR-2025-001', submittedAt: T0 });
    expect(given(drafted(), eventsOf(decision))).toMatchObject({ status: 'submitted', number: 'CR-2025-001' });
  });

  it('given an AI draft, when submitted as AI-CR-2025-045, then it is submitted', () => {
    expect(typesOf(when(given(drafted({ crType: 'ai_generated' })), submit('AI-CR-2025-045'), T0))).toEqual(['ChangeRequestSubmitted']);
  });

  it('numbers widen past 999', () => {
    expect(typesOf(when(given(drafted()), submit('CR-2025-1000'), T0))).toEqual(['ChangeRequestSubmitted']);
  });

  it.each([
    { draft: 'an AI draft', history: drafted({ crType: 'ai_generated' }), number: 'CR-2025-045' },
    { draft: 'a manual draft', history: drafted(), number: 'AI-CR-2025-001' },
    { draft: 'a manual draft', history: drafted(), number: 'CR-25-1' },
    { draft: 'a manual draft', history: drafted(), number: 'CR-2025-000' },
  ])('given $draft, when submitted as $number, then RULE_VIOLATION at the number', ({ history, number }) => {
    expect(errorOf(when(given(history), submit(number), T0))).toMatchObject({ code: 'RULE_VIOLATION', path: 'data.number' });
  });

  it('given a submitted CR, when stakeholders are notified twice, then each is listed once', () => {
    const notify = command('NotifyStakeholders', foreman, { stakeholders: [people.owner.id, people.auditor.id], message: 'Submitted' });
    const once = eventsOf(when(given(submitted()), notify));
    const twice = eventsOf(when(given(submitted(), once), notify));
    expect(given(submitted(), once, twice).stakeholdersNotified).toEqual([people.owner.id, people.auditor.id]);
  });
});
