import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { writeRetro } from '../../cases/write-retro.js';
import { localDate } from '../../domain/business-calendar.js';
import { checkRetroForm } from '../../domain/retro.js';
import { changeOwnerRefusalText, readRetroForm, RETRO_CALLBACK_ID, RETRO_FIELDS, retroFormErrors, type RetroStateValues } from '../../blocks/retro-modal.js';
import { retroRefusalText, retroSavedView } from '../../blocks/retro.js';
import { parseClosureId } from '../case-reference.js';
import { changeOwnerRefusal } from '../change-owner.js';
import { requesterOf } from '../requester.js';
import { scheduleAfterCommit } from '../schedule-after-commit.js';

/**
 * The retro form submitted: problems are shown on their fields (a procedure change's
 * owner is checked with Slack); valid notes are stored, and the form turns into a short
 * thank-you saying what happens next, or that the summary was posted already.
 */
export function registerRetroSubmission(app: App, ctx: AppContext): void {
  app.view(RETRO_CALLBACK_ID, async ({ ack, view, context }) => {
    const { userId, teamId } = requesterOf(context);
    const onCause = (message: string) => ack({ response_action: 'errors', errors: { [RETRO_FIELDS.rootCause.blockId]: message } });
    const closureId = parseClosureId(view.private_metadata);
    if (!closureId) return onCause(ctx.words.t('reply.formOutOfDate'));
    const now = ctx.now();
    const form = readRetroForm(view.state.values as RetroStateValues);
    const checked = checkRetroForm(form, localDate(ctx.policy.calendar.timeZone, now));
    if (!checked.ok) return ack({ response_action: 'errors', errors: retroFormErrors(ctx.words, checked.errors) });
    const owner = checked.notes.change?.ownerId;
    const refusal = owner === undefined ? undefined : await changeOwnerRefusal(ctx, owner);
    if (refusal) return ack({ response_action: 'errors', errors: { [RETRO_FIELDS.changeOwner.blockId]: changeOwnerRefusalText(ctx.words, refusal) } });

    const written = await writeRetro(ctx.db, ctx.policy, { closureId, teamId, actorId: userId, now, form }).catch((error: unknown) => {
      ctx.logger.error({ err: error }, 'could not store retro notes');
      return undefined;
    });
    if (!written) return onCause(ctx.words.t('retro.saveFailed'));
    if (!written.ok) {
      if (written.code === 'retro_invalid') return ack({ response_action: 'errors', errors: retroFormErrors(ctx.words, written.errors) });
      return onCause(retroRefusalText(ctx.words, written));
    }
    const saved = retroSavedView(ctx.words, {
      caseNumber: written.case.number,
      rewritten: written.rewritten,
      ...(written.actionItem && { actionItem: written.actionItem }),
      summaryPostedAt: written.summaryPostedAt,
      summaryNow: written.summaryNow,
      dueAt: written.closure.retroDueAt,
    });
    await ack({ response_action: 'update', view: saved });
    if (written.summaryPostedAt) ctx.logger.info({ caseNumber: written.case.number }, 'retro notes written after the summary; kept, the summary is not posted again');
    await scheduleAfterCommit(ctx, written.jobs, written.case.number);
  });
}
