import type { AppContext } from '../context.js';
import { getCaseChannel } from '../db/case-channel-repository.js';
import { markDeadline, noticeRecipients, recordNotice } from '../db/deadline-repository.js';
import { deadlineWarningMessage } from '../blocks/reminders.js';
import { expandMembersSkippingRefused } from '../outbound/case-channel.js';
import { sendDirectMessage } from '../outbound/direct-message.js';
import { withRunningDeadline } from './running-deadline.js';
import { attemptStep } from './stuck-steps.js';
import { refreshCardRecorded } from './sync-case.js';
import { noteUndeliveredDm } from './undelivered-dm.js';

/**
 * At `warn_at` of a deadline: a DM to the owner (while nobody owns the case, to the
 * responders). A reminder that no longer applies does nothing: the step was done, the
 * deadline moved, the case closed, or the deadline itself already passed. Each DM is
 * recorded per person, under the case lock, so a job that runs twice, or two workers,
 * send it once. A DM Slack refuses is a stuck step: the others still go out, and the
 * reminder stays owed to that person, retried on its schedule until the deadline.
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
    let everyoneWarned = true;
    for (const recipient of recipients) {
      if (already.has(recipient)) continue;
      // A person Slack cannot reach (gone, deactivated) is noted in the timeline and done; other refusals are stuck steps.
      const sent = await attemptStep(ctx, db, current, { kind: 'reminder_dm', deadlineId: deadline.id, userId: recipient }, async () => {
        const outcome = await sendDirectMessage(ctx.slack, recipient, { ...message, unfurl_links: false });
        if (!outcome.delivered) await noteUndeliveredDm(ctx, db, current, { userId: recipient, slackError: outcome.error, purpose: 'reminder' });
        await recordNotice(db, { deadlineId: deadline.id, kind: 'warning', recipient, now: ctx.now() });
      });
      everyoneWarned &&= sent;
    }
    if (everyoneWarned) await markDeadline(db, deadline.id, 'warned_at', ctx.now());
    await refreshCardRecorded(ctx, db, current, (await getCaseChannel(db, current.id))?.card_ts ?? null);
  });
}
