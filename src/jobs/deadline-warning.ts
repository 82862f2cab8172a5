import type { AppContext } from '../context.js';
import { getCaseChannel } from '../db/case-channel-repository.js';
import { markDeadline, noticeRecipients, recordNotice } from '../db/deadline-repository.js';
import { deadlineWarningMessage } from '../blocks/reminders.js';
import { expandMembersSkippingRefused } from '../outbound/case-channel.js';
import { refreshCard } from '../outbound/card.js';
import { sendDirectMessage } from '../outbound/direct-message.js';
import { withRunningDeadline } from './running-deadline.js';
import { noteUndeliveredDm } from './undelivered-dm.js';

/**
 * At `warn_at` of a deadline: a DM to the owner (while nobody owns the case, to the
 * responders). A reminder that no longer applies does nothing: the step was done, the
 * deadline moved, the case closed, or the deadline itself already passed. Each DM is
 * recorded per person, under the case lock, so a job that runs twice, or two workers,
 * send it once.
 */
export async function sendDeadlineWarning(ctx: AppContext, deadlineId: string): Promise<void> {
  await withRunningDeadline(ctx, deadlineId, async (db, deadline, current) => {
    if (deadline.warnedAt) return;
    const now = ctx.now();
    if (now >= deadline.dueAt) {
      await markDeadline(db, deadline.id, 'warned_at', now);
      return;
    }
    const recipients = current.ownerId
      ? [current.ownerId]
      : await expandMembersSkippingRefused(ctx.slack, ctx.policy.responders, ctx.botUserId, (group, slackError) =>
          ctx.logger.warn({ caseNumber: current.number, group, slackError }, 'could not list a responder group for a reminder'),
        );
    const already = await noticeRecipients(db, deadline.id, 'warning');
    const message = deadlineWarningMessage({ case: current, kind: deadline.kind, dueAt: deadline.dueAt, timeZone: ctx.policy.calendar.timeZone, now });
    for (const recipient of recipients) {
      if (already.has(recipient)) continue;
      const sent = await sendDirectMessage(ctx.slack, recipient, { ...message, unfurl_links: false });
      if (!sent.delivered) await noteUndeliveredDm(ctx, db, current, { userId: recipient, slackError: sent.error, purpose: 'reminder' });
      await recordNotice(db, { deadlineId: deadline.id, kind: 'warning', recipient, now: ctx.now() });
    }
    await markDeadline(db, deadline.id, 'warned_at', ctx.now());
    await refreshCard(ctx, db, current, (await getCaseChannel(db, current.id))?.card_ts ?? null);
  });
}
