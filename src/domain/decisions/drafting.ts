import { parseChangeRequestNumber } from '../../events/streams.js';
import { accept, refuse, type Decider } from './shared.js';

export const draftChangeRequest: Decider<'DraftChangeRequest'> = (c) => {
  const d = c.data;
  if (d.crType === 'ai_generated' && c.actor.role !== 'foreman') {
    return refuse('PERMISSION_DENIED', 'Only the Foreman generates AI change requests', 'data.crType');
  }
  if (d.crType === 'ai_generated' && d.trigger === undefined) {
    return refuse('RULE_VIOLATION', 'An AI-generated change request names the trigger that raised it', 'data.trigger');
  }
  if (d.crType === 'manual' && d.trigger !== undefined) {
    return refuse('RULE_VIOLATION', 'Only AI-generated change requests carry a runtime trigger', 'data.trigger');
  }
  if (d.category === 'governance' && c.actor.role === 'foreman') {
    return refuse('PERMISSION_DENIED', 'The Foreman may not change governance policies through a change request', 'data.category');
  }
  return accept({
    type: 'ChangeRequestDrafted',
    data: {
      changeRequestId: c.changeRequestId,
      crType: d.crType,
      title: d.title,
      description: d.description,
      category: d.category,
      affectedModules: [...d.affectedModules],
      estimatedEffort: d.estimatedEffort,
      stakeholders: [...d.stakeholders],
      ...(d.trigger === undefined ? {} : { trigger: d.trigger }),
      draftedBy: c.actor,
    },
  });
};

export const submitChangeRequest: Decider<'SubmitChangeRequest'> = (c, s, ctx) => {
  const parsed = parseChangeRequestNumber(c.data.number);
  const expectedPrefix = s.crType === 'ai_generated' ? 'AI-CR' : 'CR';
  if (parsed === undefined || parsed.prefix !== expectedPrefix) {
    return refuse('RULE_VIOLATION', `A ${s.crType ?? 'manual'} change request is numbered ${expectedPrefix}-YYYY-NNN`, 'data.number');
  }
  return accept({ type: 'ChangeRequestSubmitted', data: { number: c.data.number, submittedAt: ctx.now.toISOString() } });
};

export const notifyStakeholders: Decider<'NotifyStakeholders'> = (c) =>
  accept({ type: 'StakeholdersNotified', data: { stakeholders: [...c.data.stakeholders], message: c.data.message } });
