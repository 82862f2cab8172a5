import type { WebClient } from '@slack/web-api';
import { slackErrorCode } from './slack-errors.js';

/**
 * Archives a channel; one someone archived already counts as done (`already_archived`).
 * Any other refusal (`not_in_channel`, `restricted_action`, a missing scope) throws, for
 * the caller to record as a stuck step.
 *
 * @example
 * await archiveChannel(ctx.slack, 'C0CASE042') // 'archived'
 */
export async function archiveChannel(client: WebClient, channelId: string): Promise<'archived' | 'already_archived'> {
  try {
    await client.conversations.archive({ channel: channelId });
    return 'archived';
  } catch (error) {
    if (slackErrorCode(error) === 'already_archived') return 'already_archived';
    throw error;
  }
}
