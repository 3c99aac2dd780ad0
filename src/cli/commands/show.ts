import type { Command } from 'commander';
import * as E from 'fp-ts/lib/Either.js';
import { loadChangeRequest } from '../../audit/index.js';
import { type ChangeRegisterEntry, createChangeRegister, type DeepReadonly, toSnakeKeys } from '../../projections/index.js';
import { auditFailure } from '../auditFailure.js';
import { action, type CliContext } from '../context.js';
import { formatOption, instantText as t, list, renderRecord, type Cell, type Format } from '../format.js';

type Entry = DeepReadonly<ChangeRegisterEntry>;

const actorText = (a: { readonly id: string; readonly role: string } | null | undefined): string => (a == null ? '' : `${a.id} (${a.role})`);

/** The fields an operator looks at first, in lifecycle order. */
export const entryFields = (e: Entry): (readonly [string, Cell])[] => {
  const lastRun = e.testResults[e.testResults.length - 1];
  const lastDeployment = e.deploymentLogs[e.deploymentLogs.length - 1];
  return [
    ['CR', e.crId ?? '(draft: no number yet)'],
    ['stream id', e.changeRequestId],
    ['title', e.title],
    ['type', e.crType],
    ['category', e.category],
    ['status', e.status],
    ['created', `${t(e.createdDate)} by ${actorText(e.createdBy)}`],
    ['submitted', e.submittedDate],
    ['affected modules', list(e.affectedModules)],
    ['impact level', e.impactLevel],
    ['risk level', e.riskLevel],
    ['approval level', e.approvalLevel],
    ['awaiting approval from', list(e.awaitingApprovalFrom)],
    ['approvers', list(e.approvers.map(actorText))],
    ['approved', e.approvedDate],
    ['rejection', e.rejection === null ? null : `${e.rejection.reason}: ${e.rejection.rationale}`],
    ['schedule', e.schedule === null ? null : `${t(e.schedule.windowStart)} .. ${t(e.schedule.windowEnd)}`],
    ['test runs', e.testResults.length === 0 ? null : `${e.testResults.length} (last: ${lastRun?.readyForDeployment === true ? 'ready for deployment' : 'not ready'})`],
    ['deployed', lastDeployment === undefined ? null : `${t(lastDeployment.deployedAt)} ${lastDeployment.release} (${lastDeployment.result})`],
    ['verified', e.verificationResults?.verifiedAt ?? null],
    ['rollback', e.rollbackEvents.length === 0 ? null : e.rollbackEvents.map((r) => r.step).join(' -> ')],
    ['emergency', e.emergency === null ? null : `${e.emergency.criterion}; retrospective due ${t(e.emergency.retrospectiveDueAt ?? 'n/a')}`],
    ['outcome', e.outcome],
    ['closed', e.closedDate],
    ['last updated', e.lastUpdated],
    ['revision', e.revision],
  ];
};

export const registerShow = (program: Command, ctx: CliContext): void => {
  program
    .command('show')
    .description('one change request as the register records it (--format json: its spec 12.1 entry, snake_case)')
    .argument('<CR-ID>', 'CR number (CR-2025-001), stream id, or stream name')
    .addOption(formatOption())
    .action(
      action(ctx, async (ref: string, options: { format: Format }, command: Command) => {
        const loaded = await ctx.withStore(command, 'existing', (store) => loadChangeRequest(store, ref)());
        if (E.isLeft(loaded)) throw auditFailure(loaded.left);
        const register = createChangeRegister();
        for (const event of loaded.right.events) register.apply(event);
        const entry = register.get(loaded.right.changeRequestId);
        if (entry === undefined) throw new Error(`The register has no entry for ${loaded.right.streamName}`);
        ctx.out(renderRecord(options.format, entryFields(entry), toSnakeKeys(entry)));
      }),
    );
};
