import type { CaseStatus } from '../domain/case.js';
import type { Severity } from '../domain/severity.js';
import type { Words } from '../i18n/words.js';
import { escapeMrkdwn } from './plain-text.js';

/** Shared pieces of text for the Block Kit builders; every result is safe `mrkdwn`. */

const USER_ID = /^[UW][A-Z0-9]+$/;
const CHANNEL_ID = /^[CG][A-Z0-9]+$/;

const SEVERITY_EMOJI: Record<Severity, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  normal: ':large_yellow_circle:',
  low: ':white_circle:',
};

/** A severity in the team's language, for message `text` (notifications): `Critical`, `Krytyczny`. */
export function severityText(words: Words, severity: Severity): string {
  return words.t(`severity.${severity}`);
}

/** A severity with its coloured dot, for blocks: `:red_circle: Critical`. */
export function severityLabel(words: Words, severity: Severity): string {
  return `${SEVERITY_EMOJI[severity]} ${severityText(words, severity)}`;
}

/** A status in the team's language: `Open`, `Otwarta`. */
export function statusLabel(words: Words, status: CaseStatus): string {
  return words.t(`status.${status}`);
}

export function isSlackUserId(id: unknown): id is string {
  return typeof id === 'string' && USER_ID.test(id);
}

export function isSlackChannelId(id: unknown): id is string {
  return typeof id === 'string' && CHANNEL_ID.test(id);
}

/**
 * The one way Anthill writes a user mention: `<@U…>` for a user id Slack gave us; no id
 * (null, or not a string, as in an event's stored data) is `nobody` (a dash unless the
 * caller says it in words); any other string
 * is shown, escaped, as text, so a malformed id can never become a ping.
 *
 * @example
 * userMention('U0AAA0001')     // '<@U0AAA0001>'
 * userMention(null)            // '—'
 * userMention(null, 'someone') // 'someone'
 */
export function userMention(id: unknown, nobody = '—'): string {
  if (typeof id !== 'string') return nobody;
  return isSlackUserId(id) ? `<@${id}>` : escapeMrkdwn(id);
}

/**
 * The one way Anthill writes a channel link: `<#C…>` for a channel id; anything else is
 * shown, escaped, as text.
 *
 * @example
 * channelLink('C0CASE001') // '<#C0CASE001>'
 */
export function channelLink(id: string): string {
  return isSlackChannelId(id) ? `<#${id}>` : escapeMrkdwn(id);
}
