import type { KnownBlock } from '@slack/types';
import { SLACK_LIMITS } from '../blocks/limits.js';
import { fitText } from '../blocks/plain-text.js';

/** An ephemeral answer to the person who typed or clicked. */
export interface Reply {
  readonly text: string;
  readonly blocks?: KnownBlock[];
}

export const SOMETHING_WENT_WRONG: Reply = {
  text: 'Something went wrong on our side and it has been logged. Your change may not have been saved; please try again.',
};

/**
 * A reply of plain words, such as the command parser's usage hints. Escaped, so a hint
 * such as `/complaint note <text>` shows as written instead of becoming a link. (A use
 * case's refusal goes through `userErrorText`, which escapes the same way.)
 *
 * @example
 * return ack({ response_type: 'ephemeral', ...plainReply(parsed.message) });
 */
export function plainReply(message: string): Reply {
  return { text: fitText(message, SLACK_LIMITS.messageText, 'mrkdwn') };
}
