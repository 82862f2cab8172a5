/**
 * The Slack message a complaint was opened from ("Open a complaint" on a message): where it
 * is, and the link people follow to it. `threadTs` is set when the message is a reply in a
 * thread, so the case's link goes into that thread.
 */
export interface SourceMessage {
  readonly channelId: string;
  readonly messageTs: string;
  readonly threadTs?: string;
  /** From chat.getPermalink; null when Slack would not give one (a conversation the bot cannot see). */
  readonly permalink: string | null;
}

const CHANNEL_ID = /^[CGD][A-Z0-9]{2,20}$/;
const MESSAGE_TS = /^\d{9,11}\.\d{6}$/;
const PERMALINK = /^https:\/\/[a-z0-9-]+(\.enterprise)?\.slack\.com\/archives\/[A-Z0-9]+\/p\d+(\?[\w=&.%-]*)?$/;

/** A conversation id as Slack writes them: a channel (`C…`), a private channel or group DM (`G…`), a DM (`D…`). */
export function isConversationId(value: unknown): value is string {
  return typeof value === 'string' && CHANNEL_ID.test(value);
}

/** A message timestamp as Slack writes them: `1712345678.123456`. */
export function isMessageTs(value: unknown): value is string {
  return typeof value === 'string' && MESSAGE_TS.test(value);
}

/** A permalink as chat.getPermalink answers: on a `slack.com` workspace address, nowhere else. */
export function isSlackPermalink(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 500 && PERMALINK.test(value);
}
