import type { App, BlockAction, CheckboxesAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { setPlaybookSteps } from '../../cases/playbook.js';
import { CHECKLIST_ACTION_PATTERN } from '../../blocks/action-ids.js';
import { parseChecklistClick } from '../case-reference.js';
import { requesterOf } from '../requester.js';
import { scheduleAfterCommit } from '../schedule-after-commit.js';
import { applyClick } from './apply-click.js';

/**
 * The card's playbook checklist: ticking or unticking a step records who and when. A click
 * on a checklist drawn from an older playbook changes nothing and has the card redrawn.
 */
export function registerPlaybookStepButton(app: App, ctx: AppContext): void {
  app.action<BlockAction<CheckboxesAction>>({ type: 'block_actions', action_id: CHECKLIST_ACTION_PATTERN }, async ({ ack, action, respond, context }) => {
    await ack();
    const { userId, teamId } = requesterOf(context);
    const click = parseChecklistClick(action.action_id, action.selected_options);
    if (!click) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
    await applyClick(ctx, respond, 'playbook', async () => {
      const change = await setPlaybookSteps(ctx.db, ctx.policy, { ...click, teamId, actorId: userId, now: ctx.now() });
      if (!change.ok && change.code === 'playbook_out_of_date') {
        // No event to name: the job id names the card version it replaces, so repeated stale clicks ask once.
        await scheduleAfterCommit(ctx, [{ kind: 'sync-case', caseId: click.caseId, eventId: `checklist-${click.version}` }], change.params.caseNumber);
      }
      return change;
    });
  });
}
