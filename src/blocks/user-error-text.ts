import type { UserError } from '../domain/user-error.js';
import { isSlackUserId, userMention } from './format.js';
import { SLACK_LIMITS } from './limits.js';
import { escapeMrkdwn, fitText } from './plain-text.js';

/**
 * What a person is told about a problem they caused, in Slack's terms (safe `mrkdwn`): use
 * cases say it in plain words and facts, and this adds the mention or the command to type
 * where it helps. Plain words are escaped, and so are commands, so `<text>` in a usage
 * hint shows as written instead of being read as a link.
 *
 * @example
 * userErrorText({ ok: false, code: 'no_case_here', message: '…', params: { verb: 'take' } })
 * // 'This is not a case channel. Name the case: `/complaint take #42`.'
 */
export function userErrorText(error: UserError): string {
  const { params } = error;
  switch (error.code) {
    case 'already_owner':
      return isSlackUserId(params.ownerId) ? `${userMention(params.ownerId)} already owns case #${params.caseNumber}.` : plainWords(error.message);
    case 'no_case_here':
      return `This is not a case channel. Name the case: ${command(`/complaint ${params.verb} #42`)}.`;
    case 'empty_note':
      return `Write the note after the command: ${command('/complaint note <text>')}.`;
    case 'resolution_required':
      return `Say how it was resolved: ${command('/complaint resolve <how>')}.`;
    default:
      return plainWords(error.message);
  }
}

function plainWords(message: string): string {
  return fitText(message, SLACK_LIMITS.messageText, 'mrkdwn');
}

function command(typed: string): string {
  return `\`${escapeMrkdwn(typed)}\``;
}
