import type { AppContext } from '../context.js';
import { deadlineWarningMessage } from '../blocks/reminders.js';
import { expandMembersSkippingRefused } from '../outbound/case-channel.js';
import { markRunningDeadline, sendNoticesThenMark, withRunningDeadline, type DeadlineJobHooks, type DeadlineTarget } from './running-deadline.js';
import { cardRefreshJob } from './sync-case.js';

/**
 * At `warn_at` of a deadline: a DM to the owner (while nobody owns the case, to the
 * responders). A reminder that no longer applies does nothing: the step was done, the
 * deadline moved, the case closed, or the deadline itself already passed; a change
 * committed while the reminder is being sent stops the DMs not yet sent. Each DM is
 * recorded per person, and two runs (a retry, two workers) take turns under the job
 * lock, so each person gets it once. A DM Slack refuses is a stuck step: the others
 * still go out, and the reminder stays owed to that person, retried on its schedule.
 */
export async function sendDeadlineWarning(ctx: AppContext, target: DeadlineTarget, hooks: DeadlineJobHooks = {}): Promise<void> {
  await withRunningDeadline(ctx, target, async (db, deadline, current, read) => {
    // Already sent: a retry after the card's rewrite could not be asked for asks again (one job a second).
    if (deadline.warnedAt) return ctx.jobs.schedule([cardRefreshJob(current.id, ctx.now())]);
    const now = ctx.now();
    if (now >= deadline.dueAt) {
      await markRunningDeadline(db, deadline, 'warned_at', now);
      return;
    }
    const recipients = current.ownerId
      ? [current.ownerId]
      : await expandMembersSkippingRefused(ctx.slack, ctx.policy.responders, ctx.botUserId, (group, slackError) =>
          ctx.logger.warn({ caseNumber: current.number, group, slackError }, 'could not list a responder group for a reminder'),
        );
    const message = deadlineWarningMessage(ctx.words, { case: current, kind: deadline.kind, dueAt: deadline.dueAt, now });
    await hooks.afterCheck?.('warn');
    // The first read is still fresh unless Slack was asked for the responders or a hook ran since.
    const fresh = current.ownerId && !hooks.afterCheck ? read : undefined;
    const sent = await sendNoticesThenMark(ctx, db, deadline, current, { kind: 'warning', recipients, message: () => message, mark: 'warned_at' }, fresh);
    if (sent.marked) ctx.metrics.reminderSent('warning', deadline.warnAt, ctx.now());
    // The card says the deadline is near (and shows a DM Slack refused): rewritten in a job of
    // its own, so the next reminder need not wait for it.
    await ctx.jobs.schedule([cardRefreshJob(current.id, ctx.now())]);
  });
}
