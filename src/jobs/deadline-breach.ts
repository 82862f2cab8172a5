import type { AppContext } from '../context.js';
import { getCaseChannel } from '../db/case-channel-repository.js';
import { markDeadline, noticeRecipients, recordNotice } from '../db/deadline-repository.js';
import { appendEvent } from '../db/event-repository.js';
import { breachMessage } from '../blocks/reminders.js';
import { inviteToChannel } from '../outbound/case-channel.js';
import { refreshCard } from '../outbound/card.js';
import { sendDirectMessage } from '../outbound/direct-message.js';
import { withRunningDeadline } from './running-deadline.js';
import { postPendingEventLines } from './sync-case.js';
import { noteUndeliveredDm } from './undelivered-dm.js';

/**
 * At a deadline: unless the step was done (or the deadline moved, or the case closed),
 * the case is marked breached in the timeline, the leads are invited into the case
 * channel and pinged there, and each lead gets a DM. Every step is recorded, so running
 * twice does each once.
 */
export async function handleDeadlineBreach(ctx: AppContext, deadlineId: string): Promise<void> {
  await withRunningDeadline(ctx, deadlineId, async (db, deadline, current) => {
    if (deadline.breachNotifiedAt) return;
    const leads = [...ctx.policy.leads];

    if (!deadline.breachedAt) {
      await db.transaction().execute(async (trx) => {
        if (!(await markDeadline(trx, deadline.id, 'breached_at', ctx.now()))) return;
        await appendEvent(trx, {
          caseId: current.id,
          teamId: current.teamId,
          kind: 'deadline_breached',
          actorId: null,
          data: { deadline: deadline.kind, dueAt: deadline.dueAt.toISOString(), leads },
          at: ctx.now(),
        });
      });
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
    const told = await noticeRecipients(db, deadline.id, 'breach');
    const message = breachMessage({
      case: current,
      kind: deadline.kind,
      dueAt: deadline.dueAt,
      timeZone: ctx.policy.calendar.timeZone,
      now: ctx.now(),
      invited: channelReady,
    });
    for (const lead of leads) {
      if (told.has(lead)) continue;
      const sent = await sendDirectMessage(ctx.slack, lead, { ...message, unfurl_links: false });
      if (!sent.delivered) await noteUndeliveredDm(ctx, db, current, { userId: lead, slackError: sent.error, purpose: 'breach' });
      await recordNotice(db, { deadlineId: deadline.id, kind: 'breach', recipient: lead, now: ctx.now() });
    }
    await markDeadline(db, deadline.id, 'breach_notified_at', ctx.now());
    await refreshCard(ctx, db, current, record?.card_ts ?? null);
  });
}
