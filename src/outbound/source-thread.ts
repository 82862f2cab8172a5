import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from './slack-errors.js';

// Slack's answers for a conversation the bot cannot see at all (a DM between people, a private channel it is not in).
const UNSEEN = new Set(['channel_not_found', 'not_in_channel', 'method_not_supported_for_channel_type']);

/**
 * Whether the bot is a member of the conversation (conversations.info's `is_member`), and
 * it is not archived: the only places it replies under a message.
 *
 * @example
 * if (await isBotInConversation(client, 'C0SUPPORT1')) await client.chat.postMessage({ channel: 'C0SUPPORT1', thread_ts, text });
 */
export async function isBotInConversation(client: WebClient, channelId: string): Promise<boolean> {
  try {
    const { channel } = await client.conversations.info({ channel: channelId });
    return channel?.is_member === true && channel.is_archived !== true;
  } catch (error) {
    if (UNSEEN.has(slackErrorCode(error) ?? '')) return false;
    throw error;
  }
}
