import type { AppContext } from '../context.js';
import { findCaseById } from '../db/case-repository.js';
import { getCaseChannel, recordStep } from '../db/case-channel-repository.js';
import { appendEvent } from '../db/event-repository.js';
import type { Case } from '../domain/case.js';
import { announcementMessage } from '../blocks/announcement.js';
import { createCaseChannel, expandMembersSkippingRefused, inviteToChannel } from '../outbound/case-channel.js';
import { categoryName } from '../blocks/card-message.js';
import { currentCard } from '../outbound/card.js';
import { escapeMrkdwn, truncate } from '../blocks/plain-text.js';
import { classifySlackError } from '../outbound/slack-errors.js';
import { withJobLock } from './job-lock.js';
import { postPendingEventLines } from './sync-case.js';

/** Slack's limit for a channel topic. */
const MAX_TOPIC_LENGTH = 250;

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
 * a second channel, card or announcement. Runs under the case's job lock.
 */
export async function provisionCase(ctx: AppContext, caseId: string): Promise<void> {
  await withJobLock(ctx.db, caseId, async (db) => {
    const current = await findCaseById(db, caseId);
    const record = await getCaseChannel(db, caseId);
    if (!current || !record) throw new Error(`case ${caseId} not found for provisioning`);
    const { slack, policy } = ctx;

    let channelId = record.channel_id;
    if (!channelId) {
      const channel = await createCaseChannel(slack, { number: current.number, summary: current.summary, botUserId: ctx.botUserId });
      channelId = channel.id;
      await recordStep(db, caseId, { channel_id: channel.id, channel_name: channel.name }, ctx.now());
    }

    // The stick in the anthill comes first: the team hears of the case as soon as it has a channel.
    if (!record.announcement_ts) {
      const message = announcementMessage({ case: current, channelId, categoryName: categoryName(policy, current.categoryId) });
      const posted = await slack.chat.postMessage({ channel: policy.teamChannel, ...message, unfurl_links: false });
      await recordStep(db, caseId, { announcement_ts: posted.ts ?? '' }, ctx.now());
    }

    if (!record.members_invited_at) {
      try {
        await inviteToChannel(slack, channelId, await caseMembers(ctx, current));
      } catch (error) {
        const failure = classifySlackError(error);
        if (failure.kind !== 'permanent') throw error;
        // People can join by hand; a bad id in `responders` must not stop the case's card and announcement.
        ctx.logger.warn({ caseNumber: current.number, slackError: failure.error }, 'could not invite case members');
        await db.transaction().execute((trx) =>
          appendEvent(trx, { caseId, teamId: current.teamId, kind: 'slack_problem', actorId: null, data: { error: failure.error, step: 'invite' }, at: ctx.now() }),
        );
      }
      await recordStep(db, caseId, { members_invited_at: ctx.now() }, ctx.now());
    }

    if (!record.card_ts) {
      const card = await currentCard(ctx, db, current);
      const posted = await slack.chat.postMessage({ channel: channelId, ...card, unfurl_links: false });
      if (!posted.ts) throw new Error('chat.postMessage returned no ts for the case card');
      await recordStep(db, caseId, { card_ts: posted.ts }, ctx.now());
    }

    if (!record.topic_set_at) {
      const topic = truncate(`Complaint #${current.number} · ${current.severity} · ${current.summary}`, MAX_TOPIC_LENGTH);
      await slack.conversations.setTopic({ channel: channelId, topic: escapeMrkdwn(topic) });
      await recordStep(db, caseId, { topic_set_at: ctx.now() }, ctx.now());
    }

    if (!record.reporter_told_at) {
      await slack.chat.postMessage({
        channel: current.reporterId,
        text: `Complaint #${current.number} is open in <#${channelId}>. The team has been told.`,
      });
      await recordStep(db, caseId, { reporter_told_at: ctx.now() }, ctx.now());
    }

    // Changes made while the channel was being set up get their lines now.
    await postPendingEventLines(ctx, db, caseId, channelId);
  });
}
