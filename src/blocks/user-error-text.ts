import type { UserError, UserErrorCode } from '../domain/user-error.js';
import type { MessageKey, MessageParams } from '../i18n/translator.js';
import type { Words } from '../i18n/words.js';
import { isSlackUserId, severityText, userMention } from './format.js';
import { commandText, usageLine } from './help.js';
import { SLACK_LIMITS } from './limits.js';
import { escapeMrkdwn, fitText } from './plain-text.js';

/** Every user error code has its message: a code without an `error.<code>` key does not compile. */
type ErrorKey = `error.${UserErrorCode}`;
const everyCodeHasAMessage: ErrorKey extends MessageKey ? true : never = true;
void everyCodeHasAMessage;

/**
 * What a person is told about a problem they caused, in the team's language and Slack's
 * terms (safe `mrkdwn`): use cases give the code and the facts, and this adds the
 * mention or the command to type where it helps.
 *
 * @example
 * userErrorText(words, userError('no_case_here', { verb: 'take' }))
 * // 'This is not a case channel. Name the case: `/complaint take #42`.'
 */
export function userErrorText(words: Words, error: UserError): string {
  const key: ErrorKey = `error.${error.code}`;
  return fitText(words.t(key, errorParams(words, error)), SLACK_LIMITS.messageText, 'markup');
}

function errorParams(words: Words, error: UserError): MessageParams {
  switch (error.code) {
    case 'no_case_here':
      return { verb: escapeMrkdwn(error.params.verb) };
    case 'already_owner': {
      const { ownerId, caseNumber } = error.params;
      const named = isSlackUserId(ownerId);
      return { named: named ? 'yes' : 'no', owner: named ? userMention(ownerId) : '', caseNumber: String(caseNumber) };
    }
    case 'empty_note':
      return { command: commandText(usageLine(words, 'note')) };
    case 'resolution_required':
      return { command: commandText(`/complaint resolve <${words.t('usage.how')}>`) };
    case 'same_severity':
      return { caseNumber: String(error.params.caseNumber), severity: severityText(words, error.params.severity) };
    case 'staff_cannot_own': {
      const { caseNumber, personId, self } = error.params;
      return { self: self ? 'yes' : 'no', person: userMention(personId), caseNumber: String(caseNumber) };
    }
    case 'not_resolved':
      return { caseNumber: String(error.params.caseNumber), status: error.params.status };
    case 'action_item_not_allowed': {
      const { caseNumber, ownerId, writerId } = error.params;
      return { caseNumber: String(caseNumber), owner: userMention(ownerId), writer: userMention(writerId) };
    }
    default:
      // Case numbers are names, not amounts: `#1234`, never `#1,234`.
      return 'caseNumber' in error.params ? { caseNumber: String(error.params.caseNumber) } : {};
  }
}
