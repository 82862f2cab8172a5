import type { AppContext } from '../context.js';
import { findCaseById } from '../db/case-repository.js';
import { findSourceMessage, isSourceReplyOwed, recordReplyStep, type SourceMessageRecord } from '../db/source-message-repository.js';
import { sourceReplyFailedText, sourceReplyText } from '../blocks/source-reply-texts.js';
import { classifySlackError } from '../outbound/slack-errors.js';
import { sendDirectMessage } from '../outbound/direct-message.js';
import { isBotInConversation } from '../outbound/source-thread.js';
import { withJobLock } from './job-lock.js';
import { noteUndeliveredDm } from './undelivered-dm.js';

/**
 * A case opened from a Slack message links itself under that message, in its thread, once
 * the case has a channel (provisioning asks for this job when it is done). Only where the
 * bot is a member: with chat:write.public Slack would let it post in any public channel,
 * but a bot that was not invited has no business there. When Slack refuses for good (the
 * bot is not in the conversation, the channel is gone or archived), the refusal is
 * recorded and the reporter is told in their DM where the case lives. Each step is
 * recorded when done, so a retry never posts twice what was recorded. Runs under the
 * case's job lock.
 */
export async function replyUnderSourceMessage(ctx: AppContext, caseId: string): Promise<void> {
  await withJobLock(ctx.db, caseId, async (db) => {
    const source = await findSourceMessage(db, caseId);
    if (!source || !isSourceReplyOwed(source)) return;
    const current = await findCaseById(db, caseId);
    // Without a channel there is nothing to link yet; provisioning asks again when it has one.
    if (!current?.channelId) return;

    if (!source.reply_failed_at) {
      const reply = await replyInThread(ctx, source, sourceReplyText(ctx.words, current.number, current.channelId));
      if (reply.posted) {
        await recordReplyStep(db, caseId, { reply_ts: reply.ts }, ctx.now());
        return;
      }
      ctx.logger.info({ caseNumber: current.number, slackError: reply.refusal }, 'could not reply under the message a case came from; the reporter is told');
      await recordReplyStep(db, caseId, { reply_failed_at: ctx.now(), reply_failure: reply.refusal }, ctx.now());
    }

    const text = sourceReplyFailedText(ctx.words, current.number, current.channelId, source.permalink);
    const sent = await sendDirectMessage(ctx.slack, current.reporterId, { text, unfurl_links: false });
    if (!sent.delivered) await noteUndeliveredDm(ctx, db, current, { userId: current.reporterId, slackError: sent.error, purpose: 'reporter' });
    await recordReplyStep(db, caseId, { reporter_told_at: ctx.now() }, ctx.now());
  });
}

/** The reply posted in the message's thread, or Slack's refusal for good (`not_in_channel` where the bot is no member); anything passing is thrown for a retry. */
async function replyInThread(
  ctx: AppContext,
  source: SourceMessageRecord,
  text: string,
): Promise<{ posted: true; ts: string } | { posted: false; refusal: string }> {
  try {
    if (!(await isBotInConversation(ctx.slack, source.channel_id))) return { posted: false, refusal: 'not_in_channel' };
    const posted = await ctx.slack.chat.postMessage({ channel: source.channel_id, thread_ts: source.thread_ts ?? source.message_ts, text, unfurl_links: false });
    return { posted: true, ts: posted.ts ?? '' };
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind !== 'permanent') throw error;
    return { posted: false, refusal: failure.error };
  }
}
