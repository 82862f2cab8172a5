import { isRootCause } from '../domain/closure.js';
import type { Words } from '../i18n/words.js';
import { fitText } from './plain-text.js';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const days = new Map<string, Intl.DateTimeFormat>();

/**
 * A calendar day (`YYYY-MM-DD`, already a day of the workspace's zone) as the language
 * writes it: `Fri, 4 Dec 2026`, `pt., 4 gru 2026`. Anything else is shown escaped.
 *
 * @example
 * dayText(words, '2026-12-04') // 'Fri, 4 Dec 2026'
 */
export function dayText(words: Words, day: string): string {
  if (!DAY.test(day)) return fitText(day, 40, 'mrkdwn');
  let format = days.get(words.locale);
  if (!format) {
    format = new Intl.DateTimeFormat(words.locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' });
    days.set(words.locale, format);
  }
  return format.format(new Date(`${day}T12:00:00Z`));
}

/** A root cause in the team's language; a stored code this version does not know is shown escaped. */
export function causeLabel(words: Words, cause: unknown): string {
  if (isRootCause(cause)) return words.t(`retro.cause.${cause}`);
  return typeof cause === 'string' ? fitText(cause, 75, 'mrkdwn') : '—';
}
