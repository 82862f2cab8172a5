import { formatMilliseconds } from '../domain/duration.js';
import { TZDate } from '@date-fns/tz';
import { format } from 'date-fns';
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

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: ':red_circle: Critical',
  high: ':large_orange_circle: High',
  normal: ':large_yellow_circle: Normal',
  low: ':white_circle: Low',
};

/** Severity without the emoji, for message `text` (notifications). */
export const SEVERITY_TEXT: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  normal: 'Normal',
  low: 'Low',
};

export const STATUS_LABELS: Record<CaseStatus, string> = {
  open: 'Open',
  responded: 'Responded',
  resolved: 'Resolved',
  closed: 'Closed',
};

export function isSlackUserId(id: unknown): id is string {
  return typeof id === 'string' && USER_ID.test(id);
}

export function isSlackChannelId(id: unknown): id is string {
  return typeof id === 'string' && CHANNEL_ID.test(id);
}

/**
 * The one way Anthill writes a user mention: `<@U…>` for a user id Slack gave us; no id
 * (null, or not a string, as in an event's stored data) is `nobody`; any other string
 * is shown, escaped, as text, so a malformed id can never become a ping.
 *
 * @example
 * userMention('U0AAA0001')     // '<@U0AAA0001>'
 * userMention(null)            // '_nobody_'
 * userMention(null, 'someone') // 'someone'
 */
export function userMention(id: unknown, nobody = '_nobody_'): string {
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

/**
 * An instant as the workspace reads it.
 *
 * @example
 * formatZonedTime(new Date('2026-11-23T13:05:00Z'), 'Europe/Warsaw')
 * // 'Mon 23 Nov 2026, 14:05 CET'
 */
export function formatZonedTime(at: Date, timeZone: string): string {
  return `${format(new TZDate(at, timeZone), 'EEE d MMM yyyy, HH:mm')} ${zoneAbbreviation(at, timeZone)}`;
}

/**
 * A compact instant for lists, without year and weekday.
 *
 * @example
 * formatShortZonedTime(new Date('2026-11-23T13:05:00Z'), 'Europe/Warsaw') // '23 Nov, 14:05'
 */
export function formatShortZonedTime(at: Date, timeZone: string): string {
  return format(new TZDate(at, timeZone), 'd MMM, HH:mm');
}

/**
 * A length of time, past or future, in its two largest units (the domain's format).
 *
 * @example
 * formatTimeSpan(90 * 60_000)  // '1h 30m'
 * formatTimeSpan(-20_000)      // '20s'
 */
export function formatTimeSpan(ms: number): string {
  return formatMilliseconds(Math.abs(ms));
}

/**
 * An amount in minor units (two decimals) with its currency code.
 *
 * @example
 * formatMoney(12345, 'PLN')   // '123.45 PLN'
 * formatMoney(123456789, 'EUR') // '1,234,567.89 EUR'
 */
export function formatMoney(minor: number, currency: string): string {
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(Math.round(minor));
  const whole = Math.floor(abs / 100).toLocaleString('en-US');
  const cents = String(abs % 100).padStart(2, '0');
  return `${sign}${whole}.${cents} ${escapeMrkdwn(currency)}`;
}

const zoneNameFormats = new Map<string, Intl.DateTimeFormat>();

/** `CET`, `EST`, `UTC`; `GMT+5:30` where no locale has a common abbreviation. */
function zoneAbbreviation(at: Date, timeZone: string): string {
  // en-US knows American abbreviations, en-GB European ones; each writes GMT±h for the rest.
  let name = '';
  for (const locale of ['en-US', 'en-GB']) {
    name = zoneName(locale, timeZone, at);
    if (!/^GMT[+-]/.test(name)) return name;
  }
  return name;
}

function zoneName(locale: string, timeZone: string, at: Date): string {
  const key = `${locale} ${timeZone}`;
  let formatter = zoneNameFormats.get(key);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' });
    zoneNameFormats.set(key, formatter);
  }
  return formatter.formatToParts(at).find((part) => part.type === 'timeZoneName')?.value ?? timeZone;
}
