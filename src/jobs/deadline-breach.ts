import type { AppContext } from '../context.js';
import { getCaseChannel } from '../db/case-channel-repository.js';
import { inCaseLock } from '../db/case-lock.js';
import { markDeadline } from '../db/deadline-repository.js';
import { appendEvent } from '../db/event-repository.js';
import { breachMessage } from '../blocks/reminders.js';
import { inviteToChannel } from '../outbound/case-channel.js';
import { refreshCard } from '../outbound/card.js';
import { sendNoticesThenMark, withRunningDeadline, type DeadlineJobHooks } from './running-deadline.js';
import { postPendingEventLines } from './sync-case.js';

/**
 * At a deadline: unless the step was done (or the deadline moved, or the case closed),
 * the case is marked breached in the timeline, the leads are invited into the case
 * channel and pinged there, and each lead gets a DM. Every step is recorded, so running
 * twice does each once. A change committed after the breach was recorded keeps the breach
 * (it happened) but stops the DMs not yet sent about the deadline it replaced or met.
 */
export async function handleDeadlineBreach(ctx: AppContext, deadlineId: string, hooks: DeadlineJobHooks = {}): Promise<void> {
  await withRunningDeadline(ctx, deadlineId, async (db, deadline, current) => {
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
    const channelReady = Boolean(record?.channel_id && record.card_ts);
    // While provisioning is still under way the breach waits for the channel (this job retries);
    // when provisioning stopped on a Slack error, the leads are told by DM alone.
    if (!channelReady && !record?.failure) throw new Error(`case #${current.number} has no channel yet; breach notice waits`);
    if (channelReady && record?.channel_id) {
      await inviteToChannel(ctx.slack, record.channel_id, leads.filter((id) => id !== ctx.botUserId));
      await postPendingEventLines(ctx, db, current.id, record.channel_id);
    }
    const message = breachMessage({
      case: current,
      kind: deadline.kind,
      dueAt: deadline.dueAt,
      timeZone: ctx.policy.calendar.timeZone,
      now: ctx.now(),
      invited: channelReady,
    });
    await hooks.afterCheck?.('notify');
    if (!(await sendNoticesThenMark(ctx, db, deadline, { kind: 'breach', recipients: leads, message, mark: 'breach_notified_at' }))) return;
    await refreshCard(ctx, db, current, record?.card_ts ?? null);
  });
}
