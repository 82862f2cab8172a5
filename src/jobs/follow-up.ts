import type { KnownBlock } from '@slack/types';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Database } from '../db/tables.js';
import { inCaseRowLock } from '../db/case-lock.js';
import { findCaseById } from '../db/case-repository.js';
import { appendEvent } from '../db/event-repository.js';
import {
  findFollowUp,
  FOLLOW_UP_ROUNDS,
  followUpOpen,
  followUpRecipients,
  markFollowUpSent,
  markLeadsTold,
  recordFollowUpDm,
  type FollowUp,
} from '../db/follow-up-repository.js';
import { followUpLeadsMessage, followUpMessage } from '../blocks/follow-up.js';
import { expandMembersSkippingRefused } from '../outbound/case-channel.js';
import { sendDirectMessage } from '../outbound/direct-message.js';
import { getCaseChannel } from '../db/case-channel-repository.js';
import { withJobLock } from './job-lock.js';
import { postLinesRecorded } from './sync-case.js';
import { attemptStep } from './stuck-steps.js';
import { noteUndeliveredDm } from './undelivered-dm.js';

/** Points inside the follow-up job where a test can act; the worker passes none. */
export interface FollowUpJobHooks {
  /** Called after the job's check, before its DMs, with no case lock held. */
  readonly afterCheck?: () => Promise<void>;
}

/** Runs `work` under the case's job lock with the round and its case as they are now. */
async function withFollowUp(ctx: AppContext, followUpId: string, work: (db: Kysely<Database>, followUp: FollowUp, current: Case) => Promise<void>): Promise<void> {
  const first = await findFollowUp(ctx.db, followUpId);
  if (!first) return;
  await withJobLock(ctx.db, first.caseId, async (db) => {
    const followUp = await findFollowUp(db, followUpId);
    const current = await findCaseById(db, first.caseId);
    if (!followUp || !current || followUp.cancelledAt) return;
    await work(db, followUp, current);
  });
}

/**
 * DMs each recipient not yet sent this round's `kind` of DM, recording each under the
 * case lock; `stillOwed` is checked before every DM, so an answer or a reopening
 * committed meanwhile stops the rest. A person Slack cannot reach is noted in the
 * timeline and counts as told; any other refusal makes the round a stuck step (retried
 * on its schedule, the people already told are not told again). True when everyone has theirs.
 */
async function sendRecorded(
  ctx: AppContext,
  db: Kysely<Database>,
  current: Case,
  input: { followUp: FollowUp; kind: 'ask' | 'leads'; recipients: readonly string[]; message: { text: string; blocks?: KnownBlock[] }; stillOwed: () => Promise<boolean> },
): Promise<boolean> {
  let stopped = false;
  const done = await attemptStep(ctx, db, current, { kind: 'follow_up', followUpId: input.followUp.id }, async () => {
    const already = await followUpRecipients(db, input.followUp.id, input.kind);
    for (const recipient of [...new Set(input.recipients)].filter((id) => !already.has(id))) {
      if (!(await input.stillOwed())) {
        stopped = true;
        return;
      }
      const outcome = await sendDirectMessage(ctx.slack, recipient, { ...input.message, unfurl_links: false });
      if (!outcome.delivered) await noteUndeliveredDm(ctx, db, current, { userId: recipient, slackError: outcome.error, purpose: 'follow_up' });
      await inCaseRowLock(db, current.id, (trx) => recordFollowUpDm(trx, { id: input.followUp.id, kind: input.kind, recipient, now: ctx.now() }));
    }
  });
  return done && !stopped;
}

/**
 * At `due_at` of a follow-up round: a DM to the owner (while nobody owns the case, to the
 * responders, user groups expanded) asking to check that the customer is satisfied, with
 * Customer satisfied and Not yet. A round answered, cancelled by reopening, or whose case
 * is no longer resolved does nothing, and so does an early wake-up. Two runs take turns
 * under the job lock and each DM is recorded per person, so each person gets it once;
 * the once-only `sent_at` is a conditional update.
 */
export async function sendFollowUp(ctx: AppContext, followUpId: string, hooks: FollowUpJobHooks = {}): Promise<void> {
  await withFollowUp(ctx, followUpId, async (db, followUp, current) => {
    if (followUp.sentAt || followUp.answer || current.status !== 'resolved') return;
    if (ctx.now() < followUp.dueAt) return;
    const recipients = current.ownerId
      ? [current.ownerId]
      : await expandMembersSkippingRefused(ctx.slack, ctx.policy.responders, ctx.botUserId, (group, slackError) =>
          ctx.logger.warn({ caseNumber: current.number, group, slackError }, 'could not list a responder group for a follow-up'),
        );
    const message = followUpMessage(ctx.words, { case: current, followUpId: followUp.id, round: followUp.round });
    await hooks.afterCheck?.();
    const told = await sendRecorded(ctx, db, current, { followUp, kind: 'ask', recipients, message, stillOwed: () => followUpOpen(db, followUp.id) });
    if (told) await inCaseRowLock(db, current.id, (trx) => markFollowUpSent(trx, followUp.id, ctx.now()));
  });
}

/**
 * After the third Not yet: a DM to each lead that the customer is still not satisfied,
 * then `leads_told_at` and a `follow_up_escalated` event, once (a conditional update with
 * the event in one transaction). Reopening the case first cancels it.
 */
export async function tellLeadsAfterFollowUps(ctx: AppContext, followUpId: string): Promise<void> {
  await withFollowUp(ctx, followUpId, async (db, followUp, current) => {
    if (followUp.answer !== 'not_yet' || followUp.round < FOLLOW_UP_ROUNDS || followUp.leadsToldAt) return;
    const leads = ctx.policy.leads.filter((id) => id !== ctx.botUserId);
    const message = followUpLeadsMessage(ctx.words, { case: current, answeredBy: followUp.answeredBy });
    const stillOwed = async () => {
      const now = await findFollowUp(db, followUp.id);
      return !!now && !now.cancelledAt && !now.leadsToldAt;
    };
    if (!(await sendRecorded(ctx, db, current, { followUp, kind: 'leads', recipients: leads, message, stillOwed }))) return;
    const marked = await inCaseRowLock(db, current.id, async (trx) => {
      if (!(await markLeadsTold(trx, followUp.id, ctx.now()))) return false;
      await appendEvent(trx, {
        caseId: current.id,
        teamId: current.teamId,
        kind: 'follow_up_escalated',
        actorId: null,
        data: { round: followUp.round, leads },
        at: ctx.now(),
      });
      return true;
    });
    // The channel hears of it; a channel line that cannot go out now is a stuck step, retried with the others.
    const channelId = (await getCaseChannel(db, current.id))?.channel_id;
    if (marked && channelId) await postLinesRecorded(ctx, db, current, channelId);
  });
}
