import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { decideCompensation } from '../../cases/decide-compensation.js';
import { REJECT_CALLBACK_ID, REJECT_FIELD } from '../../blocks/compensation-modal.js';
import { parseProposalId } from '../case-reference.js';
import { compensationErrorText } from '../finish-compensation.js';
import { requesterOf } from '../requester.js';
import { scheduleAfterCommit } from '../schedule-after-commit.js';

/** "Why is it rejected?" submitted: the same conditional decision as Approve, with the reason. */
export function registerRejectSubmission(app: App, ctx: AppContext): void {
  app.view(REJECT_CALLBACK_ID, async ({ ack, view, context }) => {
    const fieldError = (message: string) => ack({ response_action: 'errors', errors: { [REJECT_FIELD.blockId]: message } });
    const { userId, teamId } = requesterOf(context);
    const compensationId = parseProposalId(view.private_metadata);
    if (!compensationId) return fieldError(ctx.words.t('comp.modal.outOfDate'));
    const reason = view.state.values[REJECT_FIELD.blockId]?.[REJECT_FIELD.actionId]?.value?.trim() ?? '';
    const change = await decideCompensation(ctx.db, ctx.policy, { compensationId, teamId, actorId: userId, now: ctx.now(), decision: 'reject', reason }).catch(
      (error: unknown) => {
        ctx.logger.error({ err: error }, 'could not reject a compensation proposal');
        return undefined;
      },
    );
    if (!change) return fieldError(ctx.words.t('comp.modal.notSaved'));
    if (!change.ok) return fieldError(compensationErrorText(ctx, change));
    await ack();
    await scheduleAfterCommit(ctx, change.jobs, change.case.number);
  });
}
