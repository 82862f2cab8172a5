import type { StuckRecord, StuckStep } from '../domain/stuck-step.js';
import type { Words } from '../i18n/words.js';
import { userMention } from './format.js';
import { fitText } from './plain-text.js';
import { SLACK_LIMITS } from './limits.js';

const ERROR_CODE_LENGTH = 60;

/** The permanent Slack errors Anthill explains in plain words (`slackError.<code>` in the catalogs). */
const EXPLAINED_ERRORS = [
  'missing_scope',
  'channel_not_found',
  'is_archived',
  'not_in_channel',
  'restricted_action',
  'invalid_auth',
  'account_inactive',
  'token_revoked',
  'message_not_found',
  'cant_update_message',
  'user_not_found',
  'cant_invite',
  'user_is_restricted',
  'user_is_ultra_restricted',
  'ura_max_channels',
  'user_disabled',
  'cannot_dm_bot',
] as const;

type ExplainedError = (typeof EXPLAINED_ERRORS)[number];

function isExplained(error: string): error is ExplainedError {
  return (EXPLAINED_ERRORS as readonly string[]).includes(error);
}

/**
 * Plain words for a permanent Slack error, for the people working the case (safe
 * mrkdwn: an unknown code is shown escaped).
 *
 * @example
 * explainSlackError(words, 'is_archived') // 'a channel Anthill needs is archived'
 */
export function explainSlackError(words: Words, error: string): string {
  if (isExplained(error)) return words.t(`slackError.${error}`);
  return words.t('slackError.unknown', { code: fitText(error, ERROR_CODE_LENGTH, 'mrkdwn') });
}

/**
 * What the step does, in plain words (safe mrkdwn).
 *
 * @example
 * stuckStepLabel(words, { kind: 'invite', userId: 'U0LEAD001' }) // 'Inviting <@U0LEAD001> into the case channel'
 */
export function stuckStepLabel(words: Words, step: StuckStep): string {
  switch (step.kind) {
    case 'provision':
      return words.t('stuck.step.provision');
    case 'card':
      return words.t('stuck.step.card');
    case 'channel_lines':
      return words.t('stuck.step.channelLines');
    case 'invite':
      return words.t('stuck.step.invite', { user: userMention(step.userId) });
    case 'reminder_dm':
      return words.t('stuck.step.reminderDm', { user: userMention(step.userId) });
    case 'breach_dm':
      return words.t('stuck.step.breachDm', { user: userMention(step.userId) });
    case 'approval':
      return words.t('comp.stuck.approval');
    case 'follow_up':
      return words.t('followUp.stuck');
    case 'action_item':
      return words.t('actions.stuck');
    case 'retro_ask':
      return words.t('retro.stuck.ask');
    case 'retro_reminder':
      return words.t('retro.stuck.reminder');
    case 'retro_summary':
      return words.t('retro.stuck.summary');
    case 'channel_archive':
      return words.t('retro.stuck.archive');
    case 'case_record':
      return words.t('record.stuck');
  }
}

/**
 * One stuck step as a line: what, why, since when, how many tries, when next, in the
 * workspace zone.
 *
 * @example
 * stuckStepLine(words, record)
 * // '• *Updating the case card*: the message is gone (someone deleted it) (`message_not_found`). Since 23 Nov, 14:05; 2 tries, next 23 Nov, 14:40.'
 */
export function stuckStepLine(words: Words, record: StuckRecord): string {
  return words.t('stuck.line', {
    step: stuckStepLabel(words, record.step),
    explanation: explainSlackError(words, record.slackError),
    code: fitText(record.slackError, ERROR_CODE_LENGTH, 'mrkdwn'),
    since: words.shortDateTime(record.since),
    tries: record.tries,
    next: words.shortDateTime(record.nextTryAt),
  });
}

/** The "Stuck in Slack" text of the card and of `/complaint show`, or undefined when nothing is stuck. */
export function stuckStepsText(words: Words, records: readonly StuckRecord[]): string | undefined {
  if (records.length === 0) return undefined;
  const title = `*:construction: ${words.t('stuck.title')}*`;
  const footer = `_${words.t('stuck.footer')}_`;
  // The lines give way, so the title and the way out always fit the section.
  const room = SLACK_LIMITS.sectionText - title.length - footer.length - 2;
  const body = fitText(records.map((r) => stuckStepLine(words, r)).join('\n'), room, 'markup');
  return `${title}\n${body}\n${footer}`;
}
