import type { KnownBlock } from '@slack/types';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Compensation } from '../domain/compensation.js';
import type { Database } from '../db/tables.js';
import { findCaseById } from '../db/case-repository.js';
import { getCaseChannel } from '../db/case-channel-repository.js';
import {
  approvedTotal,
  findCompensation,
  listCompensationDms,
  markShown,
  recordCompensationDm,
  recordRequestMessage,
} from '../db/compensation-repository.js';
import { approvalRequestMessage, type ApprovalRequestView } from '../blocks/approval-request.js';
import { sendDirectMessage } from '../outbound/direct-message.js';
import { classifySlackError } from '../outbound/slack-errors.js';
import { withJobLock } from './job-lock.js';
import { attemptStep } from './stuck-steps.js';
import { noteUndeliveredDm } from './undelivered-dm.js';

/**
 * Brings a proposal's approval request up to date: posts it in the case channel and DMs
 * each approver once (each recorded with its ts), and after a decision or an answer
 * rewrites the channel message and every DM copy in place. Safe to run twice: posts are
 * recorded and updates are idempotent; `shown_version` says what the messages show, so
 * reconciliation asks again until they show the latest. A person Slack cannot reach is
 * noted in the timeline and counts as asked; any other permanent refusal is a stuck step.
 */
export async function syncApprovalRequest(ctx: AppContext, compensationId: string): Promise<void> {
  const first = await findCompensation(ctx.db, compensationId);
  if (!first) return;
  await withJobLock(ctx.db, first.caseId, async (db) => {
    const compensation = await findCompensation(db, compensationId);
    const current = await findCaseById(db, first.caseId);
    if (!compensation || !current) return;
    const channelId = (await getCaseChannel(db, current.id))?.channel_id;
    // Before provisioning made the channel there is nowhere to ask; reconciliation asks again.
    if (!channelId) return;
    const done = await attemptStep(ctx, db, current, { kind: 'approval', compensationId }, () => bringUpToDate(ctx, db, current, compensation, channelId));
    if (done) await markShown(db, compensation.id, compensation.version);
  });
}

async function bringUpToDate(ctx: AppContext, db: Kysely<Database>, current: Case, compensation: Compensation, channelId: string): Promise<void> {
  const view = await requestView(ctx, db, current, compensation);
  const stale = compensation.shownVersion < compensation.version;
  const channelMessage = approvalRequestMessage(ctx.words, { ...view, copy: 'channel' });
  // A channel Slack refuses (archived, the bot removed) must not keep the approvers' DMs from
  // going out: its error is raised after them, so the step is stuck and retried for the channel.
  let channelRefusal: { error: unknown } | undefined;
  try {
    if (!compensation.requestTs) {
      const posted = await ctx.slack.chat.postMessage({ channel: channelId, ...channelMessage, unfurl_links: false, unfurl_media: false });
      await recordRequestMessage(db, { id: compensation.id, channelId, ts: posted.ts ?? '' });
    } else if (stale && compensation.requestChannelId) {
      await ctx.slack.chat.update({ channel: compensation.requestChannelId, ts: compensation.requestTs, ...channelMessage });
    }
  } catch (error) {
    if (classifySlackError(error).kind !== 'permanent') throw error;
    channelRefusal = { error };
  }
  await bringDmsUpToDate(ctx, db, current, compensation, view, stale);
  if (channelRefusal) throw channelRefusal.error;
}

async function bringDmsUpToDate(
  ctx: AppContext,
  db: Kysely<Database>,
  current: Case,
  compensation: Compensation,
  view: Omit<ApprovalRequestView, 'copy'>,
  stale: boolean,
): Promise<void> {
  const dms = await listCompensationDms(db, compensation.id);
  if (stale) {
    for (const dm of dms) {
      if (!dm.channelId || !dm.ts) continue;
      await ctx.slack.chat.update({ channel: dm.channelId, ts: dm.ts, ...approvalRequestMessage(ctx.words, { ...view, copy: dm.kind === 'nudge' ? 'nudge' : 'dm' }) });
    }
  }
  // Only a pending proposal asks anyone; approvers not yet asked when it was decided are not asked any more.
  if (compensation.state !== 'pending') return;
  const asked = new Set(dms.filter((dm) => dm.kind === 'request').map((dm) => dm.recipient));
  const dmMessage = approvalRequestMessage(ctx.words, { ...view, copy: 'dm' });
  for (const approver of compensation.approverIds.filter((id) => !asked.has(id))) {
    await sendRecordedDm(ctx, db, current, compensation.id, { kind: 'request', recipient: approver, message: dmMessage });
  }
}

/** Sends one DM of a request (or nudge) and records it; a person Slack cannot reach is noted and recorded without a ts. */
export async function sendRecordedDm(
  ctx: AppContext,
  db: Kysely<Database>,
  current: Case,
  compensationId: string,
  input: { kind: 'request' | 'nudge'; recipient: string; message: { text: string; blocks: KnownBlock[] } },
): Promise<void> {
  const outcome = await sendDirectMessage(ctx.slack, input.recipient, { ...input.message, unfurl_links: false });
  if (!outcome.delivered) await noteUndeliveredDm(ctx, db, current, { userId: input.recipient, slackError: outcome.error, purpose: 'approval' });
  const dm = {
    kind: input.kind,
    recipient: input.recipient,
    channelId: outcome.delivered ? (outcome.channelId ?? null) : null,
    ts: outcome.delivered ? (outcome.ts ?? null) : null,
  };
  await recordCompensationDm(db, { id: compensationId, dm, now: ctx.now() });
}

/** What the request shows, read now: the guide, the claimed loss and the approved total. */
export async function requestView(ctx: AppContext, db: Kysely<Database>, current: Case, compensation: Compensation): Promise<Omit<ApprovalRequestView, 'copy'>> {
  const guide = ctx.policy.categories.find((category) => category.id === current.categoryId)?.compensationGuide;
  return {
    compensation,
    caseNumber: current.number,
    caseChannelId: current.channelId,
    claimedLossMinor: current.claimedLossMinor,
    ...(guide && { guide }),
    approvedTotalMinor: await approvedTotal(db, current.id),
    now: ctx.now(),
  };
}
