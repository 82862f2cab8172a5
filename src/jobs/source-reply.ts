import type { AppContext } from '../context.js';
import { findCaseById } from '../db/case-repository.js';
import { findSourceMessage, recordReplyStep } from '../db/source-message-repository.js';
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
    if (!source || source.reply_ts || (source.reply_failed_at && source.reporter_told_at)) return;
    const current = await findCaseById(db, caseId);
    // Without a channel there is nothing to link yet; provisioning asks again when it has one.
    if (!current?.channelId) return;

    if (!source.reply_failed_at) {
      try {
        if (!(await isBotInConversation(ctx.slack, source.channel_id))) throw new NotAMemberError();
        const posted = await ctx.slack.chat.postMessage({
          channel: source.channel_id,
          thread_ts: source.thread_ts ?? source.message_ts,
          text: sourceReplyText(ctx.words, current.number, current.channelId),
          unfurl_links: false,
        });
        await recordReplyStep(db, caseId, { reply_ts: posted.ts ?? '' }, ctx.now());
        return;
      } catch (error) {
        const reason = error instanceof NotAMemberError ? 'not_in_channel' : permanentError(error);
        if (reason === undefined) throw error;
        ctx.logger.info({ caseNumber: current.number, slackError: reason }, 'could not reply under the message a case came from; the reporter is told');
        await recordReplyStep(db, caseId, { reply_failed_at: ctx.now(), reply_failure: reason }, ctx.now());
      }
    }

    const text = sourceReplyFailedText(ctx.words, current.number, current.channelId, source.permalink);
    const sent = await sendDirectMessage(ctx.slack, current.reporterId, { text, unfurl_links: false });
    if (!sent.delivered) await noteUndeliveredDm(ctx, db, current, { userId: current.reporterId, slackError: sent.error, purpose: 'reporter' });
    await recordReplyStep(db, caseId, { reporter_told_at: ctx.now() }, ctx.now());
  });
}

class NotAMemberError extends Error {}

function permanentError(error: unknown): string | undefined {
  const failure = classifySlackError(error);
  return failure.kind === 'permanent' ? failure.error : undefined;
}
