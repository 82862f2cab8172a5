import type { StuckRecord, StuckStep } from '../domain/stuck-step.js';
import { formatShortZonedTime, userMention } from './format.js';
import { fitText } from './plain-text.js';
import { SLACK_LIMITS } from './limits.js';

const ERROR_CODE_LENGTH = 60;

/** Plain words for a permanent Slack error, for the people working the case. */
export function explainSlackError(error: string): string {
  const known: Record<string, string> = {
    missing_scope: 'the Anthill app lacks a Slack permission it needs (reinstall the app from manifest.yml)',
    channel_not_found:
      'a channel Anthill needs does not exist or Anthill cannot see it (was it deleted? is team_channel in anthill.yml right?)',
    is_archived: 'a channel Anthill needs is archived',
    not_in_channel: 'Anthill is not a member of the channel (invite it there)',
    restricted_action: 'the workspace does not allow Anthill to do this',
    invalid_auth: 'the bot token is not valid',
    account_inactive: 'the bot token belongs to a deactivated app',
    token_revoked: 'the bot token was revoked',
    message_not_found: 'the message is gone (someone deleted it)',
    cant_update_message: 'Slack does not let Anthill edit that message',
    user_not_found: 'Slack does not know this person (check the user ids in anthill.yml)',
    cant_invite: 'Slack does not allow inviting this person (a guest, or a deactivated account)',
    user_is_restricted: 'this person is a guest who cannot be invited here',
    user_is_ultra_restricted: 'this person is a single-channel guest who cannot be invited here',
    ura_max_channels: 'this single-channel guest is already in their one channel',
    user_disabled: "this person's account is deactivated",
    cannot_dm_bot: 'this is a bot, and Anthill cannot message bots',
  };
  return known[error] ?? `Slack refused a request (${fitText(error, ERROR_CODE_LENGTH, 'mrkdwn')})`;
}

/**
 * What the step does, in plain words (safe mrkdwn).
 *
 * @example
 * stuckStepLabel({ kind: 'invite', userId: 'U0LEAD001' }) // 'Inviting <@U0LEAD001> into the case channel'
 */
export function stuckStepLabel(step: StuckStep): string {
  switch (step.kind) {
    case 'provision':
      return 'Setting the case up in Slack';
    case 'card':
      return 'Updating the case card';
    case 'channel_lines':
      return 'Posting updates in the case channel';
    case 'invite':
      return `Inviting ${userMention(step.userId)} into the case channel`;
    case 'reminder_dm':
      return `Sending ${userMention(step.userId)} a deadline reminder`;
    case 'breach_dm':
      return `Telling ${userMention(step.userId)} that a deadline passed`;
  }
}

/**
 * One stuck step as a line: what, why, since when, how many tries, when next.
 *
 * @example
 * stuckStepLine(record, 'Europe/Warsaw')
 * // '• *Updating the case card*: the message is gone (someone deleted it) (`message_not_found`). Since 23 Nov, 14:05; 2 tries, next 23 Nov, 14:40.'
 */
export function stuckStepLine(record: StuckRecord, timeZone: string): string {
  const code = fitText(record.slackError, ERROR_CODE_LENGTH, 'mrkdwn');
  const tries = record.tries === 1 ? '1 try' : `${record.tries} tries`;
  return (
    `• *${stuckStepLabel(record.step)}*: ${explainSlackError(record.slackError)} (\`${code}\`). ` +
    `Since ${formatShortZonedTime(record.since, timeZone)}; ${tries}, next ${formatShortZonedTime(record.nextTryAt, timeZone)}.`
  );
}

/** The "Stuck in Slack" text of the card and of `/complaint show`, or undefined when nothing is stuck. */
export function stuckStepsText(records: readonly StuckRecord[], timeZone: string): string | undefined {
  if (records.length === 0) return undefined;
  const footer = '_Once the cause is fixed, `/complaint retry` tries again at once._';
  const body = fitText(records.map((r) => stuckStepLine(r, timeZone)).join('\n'), SLACK_LIMITS.sectionText - 100, 'markup');
  return `*:construction: Stuck in Slack*\n${body}\n${footer}`;
}
