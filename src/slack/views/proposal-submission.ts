import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { proposeCompensation } from '../../cases/propose-compensation.js';
import { PROPOSE_CALLBACK_ID, PROPOSE_FIELDS, parseProposalSubmission } from '../../blocks/compensation-modal.js';
import { parseCaseId } from '../case-reference.js';
import { compensationErrorText } from '../finish-compensation.js';
import { requesterOf } from '../requester.js';
import { scheduleAfterCommit } from '../schedule-after-commit.js';

/** The proposal form: problems are shown on their field; a valid proposal is stored, then the request goes out as a job. */
export function registerProposalSubmission(app: App, ctx: AppContext): void {
  app.view(PROPOSE_CALLBACK_ID, async ({ ack, view, context }) => {
    const { userId, teamId } = requesterOf(context);
    const onAmount = (message: string) => ack({ response_action: 'errors', errors: { [PROPOSE_FIELDS.amount.blockId]: message } });
    const caseId = parseCaseId(view.private_metadata);
    if (!caseId) return onAmount(ctx.words.t('comp.modal.outOfDate'));
    const parsed = parseProposalSubmission(ctx.words, view.state.values, ctx.policy.currencyDigits);
    if (!parsed.ok) return ack({ response_action: 'errors', errors: parsed.errors });
    const change = await proposeCompensation(ctx.db, ctx.policy, { caseId, teamId, actorId: userId, now: ctx.now(), ...parsed.proposal }).catch((error: unknown) => {
      ctx.logger.error({ err: error }, 'could not store a compensation proposal');
      return undefined;
    });
    if (!change) return onAmount(ctx.words.t('comp.modal.notSaved'));
    if (!change.ok) return onAmount(compensationErrorText(ctx, change));
    await ack();
    await scheduleAfterCommit(ctx, change.jobs, change.case.number);
  });
}
