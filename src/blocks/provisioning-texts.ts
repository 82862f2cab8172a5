import type { Case } from '../domain/case.js';
import type { Words } from '../i18n/words.js';
import { channelLink, severityText } from './format.js';
import { escapeMrkdwn, fitText } from './plain-text.js';
import { SLACK_LIMITS } from './limits.js';
import { explainSlackError } from './stuck-steps.js';

/**
 * The case channel's topic: number, severity and summary, escaped and cut to the 250
 * characters Slack allows a topic (counted after escaping and translating, so a summary
 * of `&<>` fits in every language).
 *
 * @example
 * caseTopic(words, { number: 42, severity: 'high', summary: 'Tom & Jerry' }) // 'Complaint #42 · High · Tom &amp; Jerry'
 */
export function caseTopic(words: Words, c: Pick<Case, 'number' | 'severity' | 'summary'>): string {
  const topic = words.t('setup.topic', { number: c.number, severity: severityText(words, c.severity), summary: escapeMrkdwn(c.summary) });
  return fitText(topic, SLACK_LIMITS.topic, 'markup');
}

/**
 * The DM that tells the reporter where the case lives.
 *
 * @example
 * caseOpenedText(words, 42, 'C0CASE042') // 'Complaint #42 is open in <#C0CASE042>. The team has been told.'
 */
export function caseOpenedText(words: Words, number: number, channelId: string): string {
  return fitText(words.t('setup.opened', { number, channel: channelLink(channelId) }), SLACK_LIMITS.messageText, 'markup');
}

/**
 * The DM that tells the reporter provisioning is stuck: why (the Slack error in plain
 * words), when Anthill tries again (in the workspace zone), and the channel when it was
 * made.
 *
 * @example
 * provisioningStuckText(words, { number: 42, slackError: 'token_revoked', channelId: null, nextTryAt })
 */
export function provisioningStuckText(
  words: Words,
  input: { number: number; slackError: string; channelId: string | null; nextTryAt: Date },
): string {
  const params = {
    number: input.number,
    explanation: explainSlackError(words, input.slackError),
    nextTry: escapeMrkdwn(words.dateTime(input.nextTryAt)),
  };
  const text = input.channelId
    ? words.t('setup.stuckWithChannel', { ...params, channel: channelLink(input.channelId) })
    : words.t('setup.stuck', params);
  return fitText(text, SLACK_LIMITS.messageText, 'markup');
}

/**
 * The channel line when the card itself can no longer be updated, so it cannot say so
 * (the one stuck step told in the channel, domain/stuck-step.ts `noticeFor`).
 *
 * @example
 * cardStuckText(words, 'message_not_found')
 */
export function cardStuckText(words: Words, slackError: string): string {
  return fitText(`:construction: ${words.t('stuck.cardLine', { explanation: explainSlackError(words, slackError) })}`, SLACK_LIMITS.messageText, 'markup');
}
