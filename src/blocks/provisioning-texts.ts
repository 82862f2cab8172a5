import type { Case } from '../domain/case.js';
import { channelLink } from './format.js';
import { escapeMrkdwn, fitText } from './plain-text.js';
import { SLACK_LIMITS } from './limits.js';

/**
 * The case channel's topic: number, severity and summary, escaped and cut to the 250
 * characters Slack allows a topic (counted after escaping, so a summary of `&<>` fits).
 *
 * @example
 * caseTopic({ number: 42, severity: 'high', summary: 'Tom & Jerry' }) // 'Complaint #42 · high · Tom &amp; Jerry'
 */
export function caseTopic(c: Pick<Case, 'number' | 'severity' | 'summary'>): string {
  return fitText(`Complaint #${c.number} · ${c.severity} · ${escapeMrkdwn(c.summary)}`, SLACK_LIMITS.topic, 'markup');
}

/**
 * The DM that tells the reporter where the case lives.
 *
 * @example
 * caseOpenedText(42, 'C0CASE042') // 'Complaint #42 is open in <#C0CASE042>. The team has been told.'
 */
export function caseOpenedText(number: number, channelId: string): string {
  return fitText(`Complaint #${number} is open in ${channelLink(channelId)}. The team has been told.`, SLACK_LIMITS.messageText, 'markup');
}

/**
 * The DM that tells the reporter provisioning is stuck: `explanation` is our plain words
 * for the Slack error, `nextTry` when Anthill tries again (already formatted); the
 * channel is named when it was made.
 *
 * @example
 * provisioningStuckText(42, 'the bot token was revoked', null, '1 Dec, 10:05')
 */
export function provisioningStuckText(number: number, explanation: string, channelId: string | null, nextTry: string): string {
  const where = channelId ? ` Its channel is ${channelLink(channelId)}.` : '';
  return fitText(
    `Complaint #${number} is saved, but Anthill could not finish setting it up in Slack: ` +
      `${escapeMrkdwn(explanation)}.${where} An administrator has to fix this. Anthill tries again at ${escapeMrkdwn(nextTry)}, ` +
      `then less and less often; once the cause is fixed, \`/complaint retry #${number}\` tries at once.`,
    SLACK_LIMITS.messageText,
    'markup',
  );
}

/**
 * The channel line when the card itself can no longer be updated, so it cannot say so.
 *
 * @example
 * cardStuckText('Updating the card', 'the message was deleted')
 */
export function cardStuckText(stepLabel: string, explanation: string): string {
  return fitText(
    `:construction: ${escapeMrkdwn(stepLabel)} failed: ${escapeMrkdwn(explanation)}. ` +
      'The card may be out of date; `/complaint show` has the case as it is now. ' +
      'Anthill tries again later; once the cause is fixed, `/complaint retry` tries at once.',
    SLACK_LIMITS.messageText,
    'markup',
  );
}
