import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { somethingWentWrong } from '../reply.js';
import { openResolveModal } from '../open-resolve-modal.js';
import { parseCaseId } from '../case-reference.js';
import { requesterOf } from '../requester.js';

/** Resolve (card or reminder DM) opens "How was it resolved?" for that case. */
export function registerResolveButton(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION_IDS.resolve, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const { teamId } = requesterOf(context);
    const caseId = parseCaseId(action.value);
    if (!caseId) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
    try {
      const refusal = await openResolveModal(ctx, client, { teamId, channelId: body.channel?.id ?? '', triggerId: body.trigger_id, caseId });
      if (refusal) await respond({ response_type: 'ephemeral', replace_original: false, text: refusal });
    } catch (error) {
      ctx.logger.error({ err: error }, 'could not open the resolve form');
      await respond({ response_type: 'ephemeral', replace_original: false, ...somethingWentWrong(ctx.words) });
    }
  });
}
