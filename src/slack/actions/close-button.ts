import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { somethingWentWrong } from '../reply.js';
import { openCloseModal } from '../open-close-modal.js';
import { parseCaseId } from '../case-reference.js';
import { requesterOf } from '../requester.js';

/** The card's Close button opens the close form for that case. */
export function registerCloseButton(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION_IDS.close, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const { teamId } = requesterOf(context);
    const caseId = parseCaseId(action.value);
    if (!caseId) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
    try {
      const refusal = await openCloseModal(ctx, client, { teamId, channelId: body.channel?.id ?? '', triggerId: body.trigger_id, caseId });
      if (refusal) await respond({ response_type: 'ephemeral', replace_original: false, text: refusal });
    } catch (error) {
      ctx.logger.error({ err: error }, 'could not open the close form');
      await respond({ response_type: 'ephemeral', replace_original: false, ...somethingWentWrong(ctx.words) });
    }
  });
}
