import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { setOwner } from '../../cases/case-actions.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { parseCaseId } from '../case-reference.js';
import { requesterOf } from '../requester.js';
import { applyClick } from './apply-click.js';

/** Take ownership (card): the clicker becomes the owner. */
export function registerTakeButton(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION_IDS.take, async ({ ack, action, respond, context }) => {
    await ack();
    const { userId, teamId } = requesterOf(context);
    const caseId = parseCaseId(action.value);
    if (!caseId) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
    await applyClick(ctx, respond, 'take', () => setOwner(ctx.db, { caseId, teamId, actorId: userId, ownerId: userId, now: ctx.now() }));
  });
}
