import type { AppContext } from '../context.js';
import { getCaseChannel } from '../db/case-channel-repository.js';
import { inCaseLock } from '../db/case-lock.js';
import { markDeadline } from '../db/deadline-repository.js';
import { appendEvent } from '../db/event-repository.js';
import { findStuckStep } from '../db/stuck-step-repository.js';
import { breachMessage, type LeadChannelState } from '../blocks/reminders.js';
import { inviteIntoCase } from './invite-into-case.js';
import { sendNoticesThenMark, withRunningDeadline, type DeadlineJobHooks, type DeadlineTarget } from './running-deadline.js';
import { postLinesRecorded, refreshCardRecorded } from './sync-case.js';

/**
 * At a deadline: unless the step was done (or the deadline moved, or the case closed),
 * the case is marked breached in the timeline, the leads are invited into the case
 * channel and pinged there, and each lead gets a DM. Every step is recorded, so running
 * twice does each once. A change committed after the breach was recorded keeps the breach
 * (it happened) but stops the DMs not yet sent about the deadline it replaced or met.
 * The side effects are independent: a lead Slack will not invite still gets the DM, and
 * a DM Slack refuses is a stuck step retried on its schedule (the breach stays owed to
 * that lead until it goes through).
 */
export async function handleDeadlineBreach(ctx: AppContext, target: DeadlineTarget, hooks: DeadlineJobHooks = {}): Promise<void> {
  await withRunningDeadline(ctx, target, async (db, deadline, current) => {
    if (deadline.breachNotifiedAt) return;
    const leads = [...ctx.policy.leads];

    if (!deadline.breachedAt) {
      await hooks.afterCheck?.('breach');
      // Marked and written to the timeline together, only if the deadline still runs.
      const breached = await inCaseLock(db, current.id, async (trx) => {
        if (!(await markDeadline(trx, deadline.id, 'breached_at', ctx.now()))) return false;
        await appendEvent(trx, {
          caseId: current.id,
          teamId: current.teamId,
          kind: 'deadline_breached',
          actorId: null,
          data: { deadline: deadline.kind, dueAt: deadline.dueAt.toISOString(), leads },
          at: ctx.now(),
        });
        return true;
      });
      // Not marked: a change committed since the check stopped the deadline (this job holds the
      // job lock, so no other run marked it). Nothing to tell.
      if (!breached) return;
    }

    const record = await getCaseChannel(db, current.id);
    const channelId = record?.card_ts ? record.channel_id : null;
    // While provisioning is still under way the breach waits for the channel (this job retries);
    // when provisioning is stuck on a Slack error, the leads are told by DM alone.
    if (!channelId && !(await findStuckStep(db, current.id, { kind: 'provision' }))) {
      throw new Error(`case #${current.number} has no channel yet; breach notice waits`);
    }
    let refused = new Set<string>();
    if (channelId) {
      refused = await inviteIntoCase(ctx, db, current, channelId, leads.filter((id) => id !== ctx.botUserId));
      await postLinesRecorded(ctx, db, current, channelId);
    }

    await hooks.afterCheck?.('notify');
    const sent = await sendNoticesThenMark(ctx, db, deadline, current, {
      kind: 'breach',
      recipients: leads,
      message: (lead) => {
        const channel: LeadChannelState = !channelId ? 'no_channel' : refused.has(lead) ? 'not_invited' : 'invited';
        return breachMessage(ctx.words, { case: current, kind: deadline.kind, dueAt: deadline.dueAt, now: ctx.now(), channel });
      },
      mark: 'breach_notified_at',
    });
    if (sent.marked) ctx.metrics.reminderSent('breach', deadline.dueAt, ctx.now());
    // Unlike a reminder's, the card is rewritten here: a breach is one per deadline, and its
    // card must show at once the lead it could not invite or DM.
    await refreshCardRecorded(ctx, db, current, record?.card_ts ?? null);
  });
}
