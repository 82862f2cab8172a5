import type { App, BlockButtonAction, BlockStaticSelectAction } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { changeSeverity, recordFirstResponse, setOwner } from '../../cases/case-actions.js';
import { isSeverity } from '../../domain/severity.js';
import type { CaseChange } from '../../cases/change-case.js';
import { ACTION_IDS } from '../blocks/action-ids.js';
import { changeReply } from '../commands/run-case-command.js';
import { SOMETHING_WENT_WRONG } from '../reply.js';
import { openResolveModal } from '../views/resolve-submission.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type ButtonChange = (ctx: AppContext, input: { caseId: string; actorId: string; now: Date }) => Promise<CaseChange>;

const BUTTONS: ReadonlyArray<readonly [string, ButtonChange]> = [
  [ACTION_IDS.take, (ctx, input) => setOwner(ctx.db, { ...input, ownerId: input.actorId })],
  [ACTION_IDS.responded, (ctx, input) => recordFirstResponse(ctx.db, { ...input, note: '' })],
];

/**
 * Card buttons carry the case id as their value. A click is acknowledged at once; the
 * card itself changes through the sync job, and only refusals are answered, privately.
 */
export function registerCaseButtons(app: App, ctx: AppContext): void {
  for (const [actionId, change] of BUTTONS) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond }) => {
      await ack();
      const caseId = action.value ?? '';
      if (!UUID.test(caseId)) {
        await respond({ response_type: 'ephemeral', replace_original: false, text: 'This button is out of date. Use `/complaint show` in the case channel.' });
        return;
      }
      try {
        const result = await change(ctx, { caseId, actorId: body.user.id, now: ctx.now() });
        const reply = await changeReply(ctx, result, '');
        if (reply.text) await respond({ response_type: 'ephemeral', replace_original: false, text: reply.text });
      } catch (error) {
        ctx.logger.error({ err: error, actionId }, 'card button failed');
        await respond({ response_type: 'ephemeral', replace_original: false, ...SOMETHING_WENT_WRONG });
      }
    });
  }
}

/** Resolve (card or reminder DM) opens the resolve form; the severity menu moves the deadlines. */
export function registerCaseMenus(app: App, ctx: AppContext): void {
  app.action<BlockButtonAction>(ACTION_IDS.resolve, async ({ ack, body, action, respond, client }) => {
    await ack();
    const caseId = action.value ?? '';
    if (!UUID.test(caseId)) return;
    try {
      const refusal = await openResolveModal(ctx, client, {
        teamId: body.team?.id ?? '',
        channelId: body.channel?.id ?? '',
        triggerId: body.trigger_id,
        caseId,
      });
      if (refusal) await respond({ response_type: 'ephemeral', replace_original: false, text: refusal });
    } catch (error) {
      ctx.logger.error({ err: error }, 'could not open the resolve form');
      await respond({ response_type: 'ephemeral', replace_original: false, ...SOMETHING_WENT_WRONG });
    }
  });

  app.action<BlockStaticSelectAction>(ACTION_IDS.severity, async ({ ack, body, action, respond }) => {
    await ack();
    const [caseId = '', severity = ''] = action.selected_option.value.split(':');
    if (!UUID.test(caseId) || !isSeverity(severity)) return;
    try {
      const result = await changeSeverity(ctx.db, ctx.policy, { caseId, actorId: body.user.id, severity, now: ctx.now() });
      const reply = await changeReply(ctx, result, '');
      if (reply.text) await respond({ response_type: 'ephemeral', replace_original: false, text: reply.text });
    } catch (error) {
      ctx.logger.error({ err: error }, 'severity change failed');
      await respond({ response_type: 'ephemeral', replace_original: false, ...SOMETHING_WENT_WRONG });
    }
  });
}
