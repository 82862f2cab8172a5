import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { parseCaseId } from '../case-reference.js';
import { joinCaseChannel } from '../join-case-channel.js';
import { somethingWentWrong } from '../reply.js';
import { requesterOf } from '../requester.js';

/** Join (announcement, private case channels): the clicker is added if they may see the case. */
export function registerJoinButton(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION_IDS.join, async ({ ack, action, respond, context }) => {
    await ack();
    const requester = requesterOf(context);
    const caseId = parseCaseId(action.value);
    if (!caseId) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
    try {
      const text = await joinCaseChannel(ctx, requester, caseId);
      await respond({ response_type: 'ephemeral', replace_original: false, text });
    } catch (error) {
      ctx.logger.error({ err: error }, 'Join failed');
      await respond({ response_type: 'ephemeral', replace_original: false, ...somethingWentWrong(ctx.words) });
    }
  });
}
