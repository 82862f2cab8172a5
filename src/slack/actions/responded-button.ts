import type { App, BlockButtonAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { recordFirstResponse } from '../../cases/case-actions.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { parseCaseId } from '../case-reference.js';
import { requesterOf } from '../requester.js';
import { applyClick } from './apply-click.js';

/** First response sent (card or reminder DM): the first-response clock stops. */
export function registerRespondedButton(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION_IDS.responded, async ({ ack, action, respond, context }) => {
    await ack();
    const { userId, teamId } = requesterOf(context);
    const caseId = parseCaseId(action.value);
    if (!caseId) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
    await applyClick(ctx, respond, 'responded', () => recordFirstResponse(ctx.db, ctx.policy, { caseId, teamId, actorId: userId, note: '', now: ctx.now() }));
  });
}
