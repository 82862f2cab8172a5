import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { findProposal } from '../../cases/compensation-change.js';
import { recordCustomerAnswer } from '../../cases/record-customer-answer.js';
import { canRecordAnswer, compensationRefusal, type CustomerAnswer } from '../../domain/compensation.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { declineModal } from '../../blocks/compensation-modal.js';
import { kindLabel } from '../../blocks/compensation-texts.js';
import { parseProposalId } from '../case-reference.js';
import { compensationErrorText, finishCompensation } from '../finish-compensation.js';
import { somethingWentWrong } from '../reply.js';
import { requesterOf } from '../requester.js';

/**
 * Offered, Accepted and Declined on an approved request record what the customer said;
 * Declined first asks what the customer would value instead (a form, then a new proposal).
 */
export function registerCustomerAnswerButtons(app: App, ctx: AppContext): void {
  const answers: [string, CustomerAnswer][] = [
    [ACTION_IDS.compOffered, 'offered'],
    [ACTION_IDS.compAccepted, 'accepted'],
  ];
  for (const [actionId, answer] of answers) {
    app.action<BlockButtonAction>(actionId, async ({ ack, action, respond, context }) => {
      await ack();
      const { userId, teamId } = requesterOf(context);
      const compensationId = parseProposalId(action.value);
      if (!compensationId) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
      try {
        const change = await recordCustomerAnswer(ctx.db, { compensationId, teamId, actorId: userId, now: ctx.now(), answer });
        const reply = await finishCompensation(ctx, change, '');
        if (reply.text) await respond({ response_type: 'ephemeral', replace_original: false, text: reply.text });
      } catch (error) {
        ctx.logger.error({ err: error, action: answer }, 'a click failed');
        await respond({ response_type: 'ephemeral', replace_original: false, ...somethingWentWrong(ctx.words) });
      }
    });
  }

  app.action<BlockButtonAction>(ACTION_IDS.compDeclined, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const { teamId } = requesterOf(context);
    const compensationId = parseProposalId(action.value);
    if (!compensationId) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
    try {
      const found = await findProposal(ctx.db, compensationId, teamId);
      if (!found.ok) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: compensationErrorText(ctx, found) }));
      const proposal = found.compensation;
      const refusal =
        proposal.state !== 'approved'
          ? compensationRefusal('not_approved', { state: proposal.state })
          : !canRecordAnswer(proposal.customerAnswer, 'declined')
            ? compensationRefusal('answer_recorded', { answer: proposal.customerAnswer })
            : undefined;
      if (refusal) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: compensationErrorText(ctx, refusal) }));
      const summary = ctx.words.t('comp.decline.context', { amount: ctx.words.amount(proposal.amountMinor), kind: kindLabel(ctx.words, proposal.kind) });
      await client.views.open({ trigger_id: body.trigger_id, view: declineModal(ctx.words, { compensationId, summary }) });
    } catch (error) {
      ctx.logger.error({ err: error, action: 'declined' }, 'could not open the decline form');
      await respond({ response_type: 'ephemeral', replace_original: false, ...somethingWentWrong(ctx.words) });
    }
  });
}
