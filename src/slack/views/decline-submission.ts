import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { recordCustomerAnswer } from '../../cases/record-customer-answer.js';
import { DECLINE_CALLBACK_ID, DECLINE_FIELD } from '../../blocks/compensation-modal.js';
import { parseProposalId } from '../case-reference.js';
import { compensationErrorText } from '../finish-compensation.js';
import { proposalFormFor } from '../open-proposal-modal.js';
import { requesterOf } from '../requester.js';
import { scheduleAfterCommit } from '../schedule-after-commit.js';

/**
 * "What would the customer value instead?" submitted: the decline is recorded with the
 * answer, and the form turns into a new proposal prefilled with it.
 */
export function registerDeclineSubmission(app: App, ctx: AppContext): void {
  app.view(DECLINE_CALLBACK_ID, async ({ ack, view, context }) => {
    const fieldError = (message: string) => ack({ response_action: 'errors', errors: { [DECLINE_FIELD.blockId]: message } });
    const { userId, teamId } = requesterOf(context);
    const compensationId = parseProposalId(view.private_metadata);
    if (!compensationId) return fieldError(ctx.words.t('comp.modal.outOfDate'));
    const wants = view.state.values[DECLINE_FIELD.blockId]?.[DECLINE_FIELD.actionId]?.value?.trim() ?? '';
    let change;
    let next;
    try {
      change = await recordCustomerAnswer(ctx.db, { compensationId, teamId, actorId: userId, now: ctx.now(), answer: 'declined', wants });
      if (change.ok) next = await proposalFormFor(ctx, change.case, { asked: wants });
    } catch (error) {
      ctx.logger.error({ err: error }, 'could not record a declined offer');
      return fieldError(ctx.words.t('comp.modal.notSaved'));
    }
    if (!change.ok || !next) return fieldError(change.ok ? ctx.words.t('comp.modal.notSaved') : compensationErrorText(ctx, change));
    await ack({ response_action: 'update', view: next });
    await scheduleAfterCommit(ctx, change.jobs, change.case.number);
  });
}
