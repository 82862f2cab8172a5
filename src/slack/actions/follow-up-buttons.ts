import type { App, BlockButtonAction, RespondFn } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { openCloseModal } from '../open-close-modal.js';
import type { AppContext } from '../../context.js';
import { answerFollowUp, type FollowUpAnswered } from '../../cases/follow-ups.js';
import type { FollowUpAnswer } from '../../db/follow-up-repository.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { followUpAnsweredText, followUpStaleText } from '../../blocks/follow-up.js';
import { parseFollowUpId } from '../case-reference.js';
import { userErrorText } from '../../blocks/user-error-text.js';
import { finishChange } from '../finish-change.js';
import { somethingWentWrong } from '../reply.js';
import { requesterOf } from '../requester.js';

/**
 * Once the customer is satisfied, the close form opens straight away (the click's trigger
 * lasts 3 seconds), and the question is replaced by the thanks. A form that cannot open
 * (the case was closed meanwhile) is said privately; the answer stays recorded.
 */
async function afterCustomerSatisfied(
  ctx: AppContext,
  respond: RespondFn,
  client: WebClient,
  input: { teamId: string; caseId: string; caseNumber: number; triggerId: string; channelId: string },
): Promise<void> {
  const refusal = await openCloseModal(ctx, client, { teamId: input.teamId, channelId: input.channelId, triggerId: input.triggerId, caseId: input.caseId }).catch(
    (error: unknown) => {
      ctx.logger.error({ err: error, caseNumber: input.caseNumber }, 'could not open the close form after a follow-up');
      return ctx.words.t('close.formFailed');
    },
  );
  await respond({ replace_original: true, text: followUpAnsweredText(ctx.words, { number: input.caseNumber, answer: 'satisfied' }) });
  if (refusal) await respond({ response_type: 'ephemeral', replace_original: false, text: refusal });
}

/**
 * Customer satisfied and Not yet on the follow-up DM. The answer is a conditional update
 * (two clicks record one answer); the DM is replaced by what was recorded, so its buttons
 * go. A round already answered or cancelled by reopening is refused privately.
 */
export function registerFollowUpButtons(app: App, ctx: AppContext): void {
  const answers: [string, FollowUpAnswer][] = [
    [ACTION_IDS.followUpSatisfied, 'satisfied'],
    [ACTION_IDS.followUpNotYet, 'not_yet'],
  ];
  for (const [actionId, answer] of answers) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action, respond, client, context }) => {
      await ack();
      const { userId, teamId } = requesterOf(context);
      const followUpId = parseFollowUpId(action.value);
      if (!followUpId) return void (await respond({ response_type: 'ephemeral', replace_original: false, text: ctx.words.t('reply.buttonOutOfDate') }));
      try {
        const answered: FollowUpAnswered = await answerFollowUp(ctx.db, ctx.policy, { followUpId, teamId, actorId: userId, now: ctx.now(), answer });
        if (!answered.ok) {
          const text = answered.code === 'follow_up_stale' ? followUpStaleText(ctx.words, answered.caseNumber) : userErrorText(ctx.words, answered);
          return void (await respond({ response_type: 'ephemeral', replace_original: false, text }));
        }
        await finishChange(ctx, answered, '');
        if (answer === 'satisfied') {
          const target = { teamId, caseId: answered.case.id, caseNumber: answered.case.number, triggerId: body.trigger_id, channelId: body.channel?.id ?? '' };
          return void (await afterCustomerSatisfied(ctx, respond, client, target));
        }
        await respond({
          replace_original: true,
          text: followUpAnsweredText(ctx.words, { number: answered.case.number, answer, ...(answered.next && { nextAt: answered.next.dueAt }) }),
        });
      } catch (error) {
        ctx.logger.error({ err: error, action: `follow_up_${answer}` }, 'a click failed');
        await respond({ response_type: 'ephemeral', replace_original: false, ...somethingWentWrong(ctx.words) });
      }
    });
  }
}
