import type { App, BlockStaticSelectAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { changeSeverity } from '../../cases/case-actions.js';
import { isSeverity } from '../../domain/severity.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { isCaseId, OUT_OF_DATE } from './case-id.js';
import { applyClick } from './apply-click.js';

/** The card's severity menu; each option's value is `<case id>:<severity>`. Deadlines move. */
export function registerSeverityMenu(app: App, ctx: AppContext): void {
  app.action<BlockStaticSelectAction>(ACTION_IDS.severity, async ({ ack, body, action, respond }) => {
    await ack();
    const [caseId, severity = ''] = action.selected_option.value.split(':');
    if (!isCaseId(caseId) || !isSeverity(severity)) {
      return void (await respond({ response_type: 'ephemeral', replace_original: false, text: OUT_OF_DATE }));
    }
    await applyClick(ctx, respond, 'severity', () => changeSeverity(ctx.db, ctx.policy, { caseId, actorId: body.user.id, severity, now: ctx.now() }));
  });
}
