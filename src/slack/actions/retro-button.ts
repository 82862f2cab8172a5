import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { parseClosureId } from '../case-reference.js';
import { openRetroModal } from '../open-retro-modal.js';
import { somethingWentWrong } from '../reply.js';
import { requesterOf } from '../requester.js';

/** Write retro notes (the retro DM and its reminder) opens the retro form for that close. */
export function registerRetroButton(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION_IDS.retroWrite, async ({ ack, body, action, respond, client, context }) => {
    await ack();
    const { userId, teamId } = requesterOf(context);
    const closureId = parseClosureId(action.value);
    if (!closureId) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
    try {
      const refusal = await openRetroModal(ctx, client, { teamId, userId, channelId: body.channel?.id ?? '', triggerId: body.trigger_id, closureId });
      if (refusal) await respond({ response_type: 'ephemeral', replace_original: false, text: refusal });
    } catch (error) {
      ctx.logger.error({ err: error, action: 'retro_write' }, 'could not open the retro form');
      await respond({ response_type: 'ephemeral', replace_original: false, ...somethingWentWrong(ctx.words) });
    }
  });
}
