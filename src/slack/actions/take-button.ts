import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { setOwner } from '../../cases/case-actions.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { isCaseId, OUT_OF_DATE } from './case-id.js';
import { applyClick } from './apply-click.js';

/** Take ownership (card): the clicker becomes the owner. */
export function registerTakeButton(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION_IDS.take, async ({ ack, body, action, respond }) => {
    await ack();
    const caseId = action.value;
    if (!isCaseId(caseId)) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: OUT_OF_DATE }));
    await applyClick(ctx, respond, 'take', () => setOwner(ctx.db, { caseId, actorId: body.user.id, ownerId: body.user.id, now: ctx.now() }));
  });
}
