import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { parseCaseId } from '../case-reference.js';
import { openProposalModal } from '../open-proposal-modal.js';
import { somethingWentWrong } from '../reply.js';
import { requesterOf } from '../requester.js';

/** Propose compensation (card) opens the proposal form for that case. */
export function registerCompensateButton(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION_IDS.compPropose, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const { teamId } = requesterOf(context);
    const caseId = parseCaseId(action.value);
    if (!caseId) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
    try {
      const refusal = await openProposalModal(ctx, client, { teamId, channelId: body.channel?.id ?? '', triggerId: body.trigger_id, caseId });
      if (refusal) await respond({ response_type: 'ephemeral', replace_original: false, text: refusal });
    } catch (error) {
      ctx.logger.error({ err: error }, 'could not open the proposal form');
      await respond({ response_type: 'ephemeral', replace_original: false, ...somethingWentWrong(ctx.words) });
    }
  });
}
