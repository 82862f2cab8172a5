import type { AppContext } from '../context.js';
import { findTargetCase } from '../cases/find-case.js';
import { channelLink } from '../blocks/format.js';
import { escapeMrkdwn } from '../blocks/plain-text.js';
import { userErrorText } from '../blocks/user-error-text.js';
import { expandMembersSkippingRefused, inviteToChannel } from '../outbound/case-channel.js';
import { classifySlackError } from '../outbound/slack-errors.js';
import type { Requester } from './requester.js';

const PAGE = 1000;

/**
 * The announcement's Join button: brings the clicker into the (private) case channel if
 * they are a responder (directly or through a responder user group), a lead, or a member
 * of the team channel, and says what happened. Returns the answer for the clicker.
 *
 * This is the one click whose Slack effect runs in the web process, after the
 * acknowledgement: it is one `conversations.invite` for the person waiting, who is told
 * if it fails and can click again, so a job would add a queue trip and nothing else.
 */
export async function joinCaseChannel(ctx: AppContext, requester: Requester, caseId: string): Promise<string> {
  const found = await findTargetCase(ctx.db, { teamId: requester.teamId, channelId: '', caseId, verb: 'show' });
  const { words } = ctx;
  if (!found.ok) return userErrorText(words, found);
  const caseNumber = String(found.case.number);
  const channelId = found.case.channelId;
  if (!channelId) return words.t('join.settingUp', { caseNumber });
  const channel = channelLink(channelId);
  if (!(await mayJoin(ctx, requester.userId))) {
    return words.t('join.notAllowed', { teamChannel: channelLink(ctx.policy.teamChannel), channel });
  }
  try {
    await inviteToChannel(ctx.slack, channelId, [requester.userId]);
  } catch (error) {
    const failure = classifySlackError(error);
    ctx.logger.warn({ caseNumber: found.case.number, slackError: failure.kind === 'permanent' ? failure.error : failure.kind }, 'could not add someone who clicked Join');
    return failure.kind === 'permanent'
      ? words.t('join.slackRefused', { channel, error: escapeMrkdwn(failure.error) })
      : words.t('join.slackSlow');
  }
  return words.t('join.joined', { channel, caseNumber });
}

/** Responder (user or group member), lead, or member of the team channel. */
async function mayJoin(ctx: AppContext, userId: string): Promise<boolean> {
  const { policy } = ctx;
  if (policy.leads.includes(userId) || policy.responders.includes(userId)) return true;
  const groups = policy.responders.filter((id) => id.startsWith('S'));
  const groupMembers = await expandMembersSkippingRefused(ctx.slack, groups, ctx.botUserId, (group, slackError) =>
    ctx.logger.warn({ group, slackError }, 'could not list a responder group for Join'),
  );
  if (groupMembers.includes(userId)) return true;
  return isTeamChannelMember(ctx, userId);
}

async function isTeamChannelMember(ctx: AppContext, userId: string): Promise<boolean> {
  let cursor: string | undefined;
  do {
    const page = await ctx.slack.conversations.members({ channel: ctx.policy.teamChannel, limit: PAGE, cursor });
    if (page.members?.includes(userId)) return true;
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return false;
}
