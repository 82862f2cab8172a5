import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import { findCaseById } from '../db/case-repository.js';
import { getCaseChannel, recordStep } from '../db/case-channel-repository.js';
import { findSourceMessage, isSourceReplyOwed } from '../db/source-message-repository.js';
import { clearStuckStep, findStuckStep } from '../db/stuck-step-repository.js';
import type { Database } from '../db/tables.js';
import type { Case } from '../domain/case.js';
import { announcementMessage } from '../blocks/announcement.js';
import { createCaseChannel, expandMembersSkippingRefused } from '../outbound/case-channel.js';
import { categoryName } from '../blocks/card-message.js';
import { currentCard } from '../outbound/card.js';
import { caseOpenedText, caseTopic } from '../blocks/provisioning-texts.js';
import { classifySlackError } from '../outbound/slack-errors.js';
import { sendDirectMessage } from '../outbound/direct-message.js';
import { withJobLock } from './job-lock.js';
import { inviteIntoCase } from './invite-into-case.js';
import { recordStuckStep } from './stuck-steps.js';
import { postLinesRecorded } from './sync-case.js';
import { noteUndeliveredDm } from './undelivered-dm.js';

/** The reporter and the responders, groups expanded; a group Slack refuses is left out alone. */
function caseMembers(ctx: AppContext, current: Case): Promise<string[]> {
  return expandMembersSkippingRefused(ctx.slack, [current.reporterId, ...ctx.policy.responders], ctx.botUserId, (group, slackError) =>
    ctx.logger.warn({ caseNumber: current.number, group, slackError }, 'could not list a responder group'),
  );
}

/**
 * Gives a new case its Slack presence, one recorded step at a time: channel, team
 * announcement, members, card, topic, a note to the reporter. Each step is stored when done,
 * so a retry after a crash or a Slack error continues where it stopped and never makes
 * a second channel, card or announcement. A permanent Slack error makes the set-up a
 * stuck step (the reporter is told once, and it is tried again on its schedule); a
 * person Slack will not invite is a stuck step of their own and holds nothing up.
 * Runs under the case's job lock.
 *
 * With `handOffAfterAnnouncement` (the `provision-case` job), a run that has just posted
 * the announcement stops there and asks for `finish-provisioning`, which queues behind
 * every other case's announcement: in a burst of complaints the team hears of each at
 * once, and the members, cards and topics follow. Should that request be lost, the steps
 * left are in `case_channels`, and reconciliation asks for the set-up again.
 */
export async function provisionCase(ctx: AppContext, caseId: string, options: { handOffAfterAnnouncement?: boolean } = {}): Promise<void> {
  const handedOff = await withJobLock(ctx.db, caseId, async (db): Promise<boolean> => {
    const current = await findCaseById(db, caseId);
    if (!current) throw new Error(`case ${caseId} not found for provisioning`);
    // A set-up stuck on a Slack error waits for its next try (the retry job, /complaint retry,
    // a start-up), however this job was asked for: a late intake or reconciliation request
    // must not try it again at once.
    const stuck = await findStuckStep(db, caseId, { kind: 'provision' });
    if (stuck && stuck.nextTryAt > ctx.now()) return false;
    let reached: 'announced' | 'done';
    try {
      reached = await provisionSteps(ctx, db, current, options.handOffAfterAnnouncement === true);
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind !== 'permanent') throw error;
      // The channel may have been made before the failure: the reporter's DM links it.
      await recordStuckStep(ctx, db, (await findCaseById(db, caseId)) ?? current, { kind: 'provision' }, failure.error);
      return false;
    }
    if (reached === 'announced') return true;
    await clearStuckStep(db, caseId, { kind: 'provision' });
    // A case opened from a Slack message links itself under it, now that it has a channel to link.
    const source = await findSourceMessage(db, caseId);
    if (source && isSourceReplyOwed(source)) await ctx.jobs.schedule([{ kind: 'source-reply', caseId }]);
    // Changes made while the channel was being set up get their lines now.
    const provisioned = await findCaseById(db, caseId);
    if (provisioned?.channelId) await postLinesRecorded(ctx, db, provisioned, provisioned.channelId);
    return false;
  });
  // Asked for after the lock is let go, so the rest may start at once in another worker slot.
  if (handedOff) await ctx.jobs.schedule([{ kind: 'finish-provisioning', caseId }]);
}

/** Runs the steps not yet recorded: all of them, or (`stopAfterAnnouncing`) up to an announcement posted now. */
async function provisionSteps(ctx: AppContext, db: Kysely<Database>, current: Case, stopAfterAnnouncing: boolean): Promise<'announced' | 'done'> {
  const caseId = current.id;
  const record = await getCaseChannel(db, caseId);
  if (!record) throw new Error(`case ${caseId} has no provisioning record`);
  const { slack, policy } = ctx;

  let channelId = record.channel_id;
  if (!channelId) {
    const isPrivate = policy.caseChannels === 'private';
    const channel = await createCaseChannel(slack, { number: current.number, summary: current.summary, botUserId: ctx.botUserId, isPrivate });
    channelId = channel.id;
    await recordStep(db, caseId, { channel_id: channel.id, channel_name: channel.name }, ctx.now());
  }

  // The stick in the anthill comes first: the team hears of the case as soon as it has a channel.
  if (!record.announcement_ts) {
    const message = announcementMessage(ctx.words, {
      case: current,
      channelId,
      categoryName: categoryName(policy, current.categoryId),
      withJoinButton: policy.caseChannels === 'private',
    });
    const posted = await slack.chat.postMessage({ channel: policy.teamChannel, ...message, unfurl_links: false });
    await recordStep(db, caseId, { announcement_ts: posted.ts ?? '' }, ctx.now());
    if (stopAfterAnnouncing) return 'announced';
  }

  if (!record.members_invited_at) {
    // Someone Slack refuses is retried on their own; a bad id in `responders` must not stop the card.
    await inviteIntoCase(ctx, db, { ...current, channelId }, channelId, await caseMembers(ctx, current));
    await recordStep(db, caseId, { members_invited_at: ctx.now() }, ctx.now());
  }

  if (!record.card_ts) {
    const card = await currentCard(ctx, db, current);
    const posted = await slack.chat.postMessage({ channel: channelId, ...card, unfurl_links: false });
    if (!posted.ts) throw new Error('chat.postMessage returned no ts for the case card');
    await recordStep(db, caseId, { card_ts: posted.ts }, ctx.now());
  }

  if (!record.topic_set_at) {
    await slack.conversations.setTopic({ channel: channelId, topic: caseTopic(ctx.words, current) });
    await recordStep(db, caseId, { topic_set_at: ctx.now() }, ctx.now());
  }

  if (!record.reporter_told_at) {
    const sent = await sendDirectMessage(slack, current.reporterId, { text: caseOpenedText(ctx.words, current.number, channelId) });
    // A reporter Slack no longer reaches does not make the whole set-up a failure.
    if (!sent.delivered) await noteUndeliveredDm(ctx, db, current, { userId: current.reporterId, slackError: sent.error, purpose: 'reporter' });
    await recordStep(db, caseId, { reporter_told_at: ctx.now() }, ctx.now());
  }
  return 'done';
}
