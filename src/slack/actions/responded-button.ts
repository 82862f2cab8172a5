import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { recordFirstResponse } from '../../cases/case-actions.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { isCaseId, OUT_OF_DATE } from './case-id.js';
import { applyClick } from './apply-click.js';

/** First response sent (card or reminder DM): the first-response clock stops. */
export function registerRespondedButton(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION_IDS.responded, async ({ ack, body, action, respond }) => {
    await ack();
    const caseId = action.value;
    if (!isCaseId(caseId)) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: OUT_OF_DATE }));
    await applyClick(ctx, respond, 'responded', () => recordFirstResponse(ctx.db, { caseId, actorId: body.user.id, note: '', now: ctx.now() }));
  });
}
