import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../context.js';
import { findRetroTarget } from '../cases/retro-target.js';
import { localDate } from '../domain/business-calendar.js';
import { retroModal } from '../blocks/retro-modal.js';
import { retroRefusalText } from '../blocks/retro.js';
import { userErrorText } from '../blocks/user-error-text.js';

/**
 * Opens the retro form for the close the DM's button names (`closureId`), or the case
 * named by `#N` or the channel, prefilled with what the person wrote before. Slack's
 * trigger lasts 3 seconds, so only two short reads come before `views.open`. Returns the
 * reason when it cannot (the case is not closed, or was reopened), for an ephemeral reply.
 */
export async function openRetroModal(
  ctx: AppContext,
  client: WebClient,
  input: { teamId: string; userId: string; channelId: string; triggerId: string; caseNumber?: number; closureId?: string },
): Promise<string | undefined> {
  const target = await findRetroTarget(ctx.db, { ...input, authorId: input.userId });
  if (!target.ok) {
    if (target.code === 'retro_not_found' || target.code === 'retro_not_closed') return retroRefusalText(ctx.words, target);
    if (target.code === 'retro_invalid') return retroRefusalText(ctx.words, { ok: false, code: 'retro_not_found' });
    return userErrorText(ctx.words, target);
  }
  const { note, actionItem } = target;
  const view = retroModal(ctx.words, {
    closureId: target.closure.id,
    caseNumber: target.case.number,
    summary: target.case.summary,
    today: localDate(ctx.policy.calendar.timeZone, ctx.now()),
    ...(note && {
      prefill: {
        rootCause: note.rootCause,
        rootCauseDetail: note.rootCauseDetail,
        wentWell: note.wentWell,
        lesson: note.lesson,
        ...(actionItem && { change: { description: actionItem.description, ownerId: actionItem.ownerId, dueOn: actionItem.dueOn } }),
      },
    }),
  });
  await client.views.open({ trigger_id: input.triggerId, view });
  return undefined;
}
