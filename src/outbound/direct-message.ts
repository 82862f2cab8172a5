import type { ChatPostMessageArguments, WebClient } from '@slack/web-api';
import { slackErrorCode } from './slack-errors.js';

/**
 * Slack's answers for a DM that cannot reach this one person: the account is gone or
 * deactivated, or it is a bot. Anything else (a missing scope, a bad token) concerns
 * every message and still throws.
 */
const UNREACHABLE_PERSON = new Set(['channel_not_found', 'user_not_found', 'user_disabled', 'cannot_dm_bot', 'is_archived']);

export type DirectMessageOutcome =
  /** Where the DM landed (the IM channel and the message ts), to update it later. */
  | { readonly delivered: true; readonly channelId?: string; readonly ts?: string }
  | { readonly delivered: false; readonly error: string };

/**
 * Sends a DM to `userId`; a person Slack cannot reach is an outcome, not an error, so
 * one departed responder never stops the reminders of everyone else.
 *
 * @example
 * const sent = await sendDirectMessage(client, 'U0AAA0001', { text: 'Deadline in 30 minutes' });
 * if (!sent.delivered) record(sent.error);
 */
export async function sendDirectMessage(
  client: WebClient,
  userId: string,
  message: Omit<ChatPostMessageArguments, 'channel'> & { text: string },
): Promise<DirectMessageOutcome> {
  try {
    const posted = await client.chat.postMessage({ ...message, channel: userId } as ChatPostMessageArguments);
    return { delivered: true, ...(posted.channel && { channelId: posted.channel }), ...(posted.ts && { ts: posted.ts }) };
  } catch (error) {
    const code = slackErrorCode(error);
    if (code !== undefined && UNREACHABLE_PERSON.has(code)) return { delivered: false, error: code };
    throw error;
  }
}

/**
 * The bot's DM channel with `userId` (conversations.open), where a file meant for that
 * person alone is shared: files.completeUploadExternal wants a channel id, not a user id.
 *
 * @example
 * const channelId = await openDirectMessage(client, 'U0AAA0001'); // 'D0…'
 */
export async function openDirectMessage(client: WebClient, userId: string): Promise<string> {
  const opened = await client.conversations.open({ users: userId });
  const channelId = opened.channel?.id;
  if (!channelId) throw new Error('conversations.open gave no channel id');
  return channelId;
}
