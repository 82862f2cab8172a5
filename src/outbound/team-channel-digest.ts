import type { KnownBlock } from '@slack/types';
import type { WebClient } from '@slack/web-api';

/** The metadata event type every digest message carries, with its week in the payload. */
export const DIGEST_EVENT_TYPE = 'anthill_weekly_digest';
const HISTORY_PAGE = 200;
const HISTORY_PAGES = 5;
/** How far before the claim the search starts: clocks of Slack and the worker may differ a little. */
const CLOCK_MARGIN_S = 300;

/**
 * Posts the weekly digest, tagged with message metadata naming its week, so a later run
 * can recognise it in the channel's history (`findPostedDigest`). Returns the message ts.
 */
export async function postDigest(
  client: WebClient,
  input: { channelId: string; weekStart: Date; message: { text: string; blocks: KnownBlock[] } },
): Promise<string> {
  const reply = await client.chat.postMessage({
    channel: input.channelId,
    text: input.message.text,
    blocks: input.message.blocks,
    unfurl_links: false,
    metadata: { event_type: DIGEST_EVENT_TYPE, event_payload: { week_start: input.weekStart.toISOString() } },
  });
  if (!reply.ts) throw new Error('chat.postMessage gave no ts for the weekly digest');
  return reply.ts;
}

interface HistoryMessage {
  ts?: string;
  bot_id?: string;
  user?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/**
 * The ts of a digest for `weekStart` the bot posted in the channel since `since`, from
 * conversations.history with its metadata; undefined when there is none. Slack errors
 * throw (the caller decides whether a refusal means "post anyway").
 */
export async function findPostedDigest(client: WebClient, input: { channelId: string; weekStart: Date; since: Date; botUserId: string }): Promise<string | undefined> {
  const week = input.weekStart.toISOString();
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES; page++) {
    const reply = await client.conversations.history({
      channel: input.channelId,
      oldest: String(Math.floor(input.since.getTime() / 1000) - CLOCK_MARGIN_S),
      limit: HISTORY_PAGE,
      include_all_metadata: true,
      ...(cursor && { cursor }),
    });
    const messages = (reply.messages ?? []) as HistoryMessage[];
    const found = messages.find(
      (message) =>
        message.metadata?.event_type === DIGEST_EVENT_TYPE &&
        message.metadata.event_payload?.week_start === week &&
        (message.user === input.botUserId || message.bot_id !== undefined),
    );
    if (found?.ts) return found.ts;
    cursor = reply.response_metadata?.next_cursor || undefined;
    if (!cursor) return undefined;
  }
  return undefined;
}
