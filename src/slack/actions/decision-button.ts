import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { decideCompensation } from '../../cases/decide-compensation.js';
import { checkDecider } from '../../cases/check-decider.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { rejectModal } from '../../blocks/compensation-modal.js';
import { parseProposalId } from '../case-reference.js';
import { compensationErrorText, finishCompensation } from '../finish-compensation.js';
import { somethingWentWrong } from '../reply.js';
import { requesterOf } from '../requester.js';

/**
 * Approve and Reject on an approval request (channel or DM). Approve decides at once;
 * Reject first checks the clicker may decide, then asks why (the decision is made when
 * the form is submitted). A refusal is ephemeral and names who may decide.
 */
export function registerDecisionButtons(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION_IDS.compApprove, async ({ ack, action, respond, context }) => {
    await ack();
    const { userId, teamId } = requesterOf(context);
    const compensationId = parseProposalId(action.value);
    if (!compensationId) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
    try {
      const change = await decideCompensation(ctx.db, ctx.policy, { compensationId, teamId, actorId: userId, now: ctx.now(), decision: 'approve' });
      const reply = await finishCompensation(ctx, change, '');
      if (reply.text) await respond({ response_type: 'ephemeral', replace_original: false, text: reply.text });
    } catch (error) {
      ctx.logger.error({ err: error, action: 'approve' }, 'a click failed');
      await respond({ response_type: 'ephemeral', replace_original: false, ...somethingWentWrong(ctx.words) });
    }
  });

  app.action<BlockButtonAction>(ACTION_IDS.compReject, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const { userId, teamId } = requesterOf(context);
    const compensationId = parseProposalId(action.value);
    if (!compensationId) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
    try {
      const may = await checkDecider(ctx.db, ctx.policy, { compensationId, teamId, personId: userId });
      if (!may.ok) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: compensationErrorText(ctx, may) }));
      const view = rejectModal(ctx.words, { compensationId, caseNumber: may.case.number, summary: may.summary });
      await client.views.open({ trigger_id: body.trigger_id, view });
    } catch (error) {
      ctx.logger.error({ err: error, action: 'reject' }, 'could not open the reject form');
      await respond({ response_type: 'ephemeral', replace_original: false, ...somethingWentWrong(ctx.words) });
    }
  });
}
