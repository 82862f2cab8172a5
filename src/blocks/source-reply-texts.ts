import type { Words } from '../i18n/words.js';
import { channelLink } from './format.js';

/**
 * The threaded reply under the message a case came from (people of another organisation
 * may read it in a Slack Connect channel: it names the case and its channel, nothing else).
 *
 * @example
 * sourceReplyText(words, 12, 'C0CASE0012') // 'Thank you: complaint #12 is open for this message, …in <#C0CASE0012>.'
 */
export function sourceReplyText(words: Words, caseNumber: number, caseChannelId: string): string {
  return words.t('sourceReply.text', { caseNumber, channel: channelLink(caseChannelId) });
}

/** The reporter's DM when the reply could not be posted: where the case lives, and the message. */
export function sourceReplyFailedText(words: Words, caseNumber: number, caseChannelId: string, permalink: string | null): string {
  const label = words.t('sourceReply.theMessage');
  const message = permalink ? `<${permalink}|${label}>` : label;
  return words.t('sourceReply.failed', { caseNumber, channel: channelLink(caseChannelId), message });
}
