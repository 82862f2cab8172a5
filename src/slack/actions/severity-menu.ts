import type { App, BlockStaticSelectAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { changeSeverity } from '../../cases/case-actions.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { parseSeverityOption } from '../case-reference.js';
import { requesterOf } from '../requester.js';
import { applyClick } from './apply-click.js';

/** The card's severity menu; each option's value is `<case id>:<severity>`. Deadlines move. */
export function registerSeverityMenu(app: App, ctx: AppContext): void {
  app.action<BlockStaticSelectAction>(ACTION_IDS.severity, async ({ ack, action, respond, context }) => {
    await ack();
    const { userId, teamId } = requesterOf(context);
    const chosen = parseSeverityOption(action.selected_option?.value);
    if (!chosen) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
    await applyClick(ctx, respond, 'severity', () => changeSeverity(ctx.db, ctx.policy, { ...chosen, teamId, actorId: userId, now: ctx.now() }));
  });
}
