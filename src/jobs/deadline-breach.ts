import type { AppContext } from '../context.js';
import { getCaseChannel } from '../db/case-channel-repository.js';
import { markDeadline, noticeRecipients, recordNotice } from '../db/deadline-repository.js';
import { appendEvent } from '../db/event-repository.js';
import { findStuckStep } from '../db/stuck-step-repository.js';
import { breachMessage, type LeadChannelState } from '../blocks/reminders.js';
import { sendDirectMessage } from '../outbound/direct-message.js';
import { inviteIntoCase } from './invite-into-case.js';
import { withRunningDeadline } from './running-deadline.js';
import { attemptStep } from './stuck-steps.js';
import { postLinesRecorded, refreshCardRecorded } from './sync-case.js';
import { noteUndeliveredDm } from './undelivered-dm.js';

/**
 * At a deadline: unless the step was done (or the deadline moved, or the case closed),
 * the case is marked breached in the timeline, the leads are invited into the case
 * channel and pinged there, and each lead gets a DM. Every step is recorded, so running
 * twice does each once. The side effects are independent: a lead Slack will not invite
 * still gets the DM, and a DM Slack refuses is a stuck step retried on its schedule
 * (the breach stays owed to that lead until it goes through).
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

    const told = await noticeRecipients(db, deadline.id, 'breach');
    let everyoneTold = true;
    for (const lead of leads) {
      if (told.has(lead)) continue;
      const channel: LeadChannelState = !channelId ? 'no_channel' : refused.has(lead) ? 'not_invited' : 'invited';
      const message = breachMessage({ case: current, kind: deadline.kind, dueAt: deadline.dueAt, timeZone: ctx.policy.calendar.timeZone, now: ctx.now(), channel });
      // A lead Slack cannot reach (gone, deactivated) is noted in the timeline and done; other refusals are stuck steps.
      const sent = await attemptStep(ctx, db, current, { kind: 'breach_dm', deadlineId: deadline.id, userId: lead }, async () => {
        const outcome = await sendDirectMessage(ctx.slack, lead, { ...message, unfurl_links: false });
        if (!outcome.delivered) await noteUndeliveredDm(ctx, db, current, { userId: lead, slackError: outcome.error, purpose: 'breach' });
        await recordNotice(db, { deadlineId: deadline.id, kind: 'breach', recipient: lead, now: ctx.now() });
      });
      everyoneTold &&= sent;
    }
    if (everyoneTold) await markDeadline(db, deadline.id, 'breach_notified_at', ctx.now());
    await refreshCardRecorded(ctx, db, current, record?.card_ts ?? null);
  });
}
