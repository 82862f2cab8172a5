import type { App, BlockButtonAction, RespondArguments } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { completeActionItem } from '../../cases/complete-action-item.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { actionItemAlreadyDoneText, actionItemDoneDmText, actionItemDoneNotice, actionItemSurface } from '../../blocks/action-items.js';
import { userErrorText } from '../../blocks/user-error-text.js';
import { actionItemListReply } from '../action-item-list.js';
import { parseActionItemId } from '../case-reference.js';
import { finishChange } from '../finish-change.js';
import { somethingWentWrong } from '../reply.js';
import { requesterOf } from '../requester.js';

/**
 * Done on an action item, in `/complaint list actions` or in the due-date DM. Marking it
 * done is a conditional update (two clicks record one); the clicked message is replaced
 * by what is true now: the list read again with a line on what happened, or the DM's
 * answer, so its button goes. A click someone was quicker to is answered the same way,
 * saying who marked it done; a person who may not mark it is refused privately.
 */
export function registerActionItemDoneButton(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION_IDS.actionItemDone, async ({ ack, action, respond, context }) => {
    await ack();
    const { userId, teamId } = requesterOf(context);
    const actionItemId = parseActionItemId(action.value);
    if (!actionItemId) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
    const surface = actionItemSurface(action.block_id);
    // The list is shown again as it stands now; the DM becomes its answer.
    const replacement = async (text: string): Promise<RespondArguments> =>
      surface === 'list' ? { replace_original: true, ...(await actionItemListReply(ctx, teamId, text)) } : { replace_original: true, text };
    try {
      const done = await completeActionItem(ctx.db, { actionItemId, teamId, actorId: userId, now: ctx.now(), leads: ctx.policy.leads });
      if (!done.ok && done.code === 'action_item_already_done') {
        const text = actionItemAlreadyDoneText(ctx.words, { number: done.caseNumber, doneBy: done.item.doneBy, doneAt: done.item.doneAt ?? ctx.now() });
        return void (await respond(await replacement(text)));
      }
      if (!done.ok) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: userErrorText(ctx.words, done) }));
      await finishChange(ctx, done, '');
      const facts = { number: done.case.number, description: done.item.description };
      await respond(await replacement(surface === 'list' ? actionItemDoneNotice(ctx.words, facts) : actionItemDoneDmText(ctx.words, facts)));
    } catch (error) {
      ctx.logger.error({ err: error, action: 'action_item_done' }, 'a click failed');
      await respond({ response_type: 'ephemeral', replace_original: false, ...somethingWentWrong(ctx.words) });
    }
  });
}
