/** Dates, amounts and lengths of time in a locale, all through `Intl`; results are plain text. */
import { minorToDecimalText } from '../domain/money.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

/**
 * A moment in the workspace time zone, e.g. `Tue, 1 Dec 2026, 14:05 CET` (en-GB) or
 * `wt., 1 gru 2026, 14:05 CET` (pl-PL). The zone is named by its common abbreviation
 * (`CET`, `EST`) in every language, `GMT+5:30` where there is none.
 */
export function formatDateTime(at: Date, timeZone: string, locale: string): string {
  return formatMoment(at, timeZone, locale, false);
}

/**
 * A moment to the second, for records: `Tue, 1 Dec 2026, 14:05:07 CET` (en-GB),
 * `wt., 1 gru 2026, 14:05:07 CET` (pl-PL); the zone named as in `formatDateTime`.
 */
export function formatExactDateTime(at: Date, timeZone: string, locale: string): string {
  return formatMoment(at, timeZone, locale, true);
}

function formatMoment(at: Date, timeZone: string, locale: string, seconds: boolean): string {
  const parts = cached(`${locale} ${timeZone}${seconds ? ' seconds' : ''}`, () =>
    new Intl.DateTimeFormat(locale, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      ...(seconds && { second: '2-digit' }),
      hourCycle: 'h23',
      timeZoneName: 'short',
    }),
  ).formatToParts(at);
  // format() writes U+202F as a plain space, for text that is copied and searched; formatToParts does not.
  return parts
    .map((part) => (part.type === 'timeZoneName' ? zoneAbbreviation(at, timeZone, part.value) : part.value.replaceAll('\u202f', ' ')))
    .join('');
}

// Making an Intl formatter costs far more than using one (tens of microseconds against a
// few), and every card, reminder and line formats several values: each is made once per
// locale, zone and options, and kept. The keys come from the policy and the code, a handful.
const formats = new Map<string, Intl.DateTimeFormat | Intl.NumberFormat>();

function cached<F extends Intl.DateTimeFormat | Intl.NumberFormat>(key: string, make: () => F): F {
  let format = formats.get(key) as F | undefined;
  if (format === undefined) {
    format = make();
    formats.set(key, format);
  }
  return format;
}

/** The locale's own short zone name unless it is only an offset; then en-US's (EST) or en-GB's (CET). */
function zoneAbbreviation(at: Date, timeZone: string, localName: string): string {
  if (!/^(GMT|UTC)[+-−]/.test(localName)) return localName;
  for (const locale of ['en-US', 'en-GB']) {
    const name = cached(`${locale} ${timeZone} zone`, () => new Intl.DateTimeFormat(locale, { timeZone, timeZoneName: 'short' }))
      .formatToParts(at)
      .find((part) => part.type === 'timeZoneName')?.value;
    if (name !== undefined && !/^GMT[+-]/.test(name)) return name;
  }
  return localName;
}

/**
 * A calendar day stored as `YYYY-MM-DD` (a day in the workspace zone, such as an action
 * item's due day), with its weekday: `Tue, 1 Dec 2026` (en-GB), `wt., 1 gru 2026` (pl-PL).
 * It names a day, not a moment, so no zone shifts it.
 */
export function formatDay(day: string, locale: string): string {
  const [year, month, date] = day.split('-').map(Number);
  const at = new Date(Date.UTC(year ?? 1970, (month ?? 1) - 1, date ?? 1));
  return cached(`${locale} day`, () => new Intl.DateTimeFormat(locale, { timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric' })).format(at);
}

/** A compact moment for lists, without year and weekday: `1 Dec, 14:05`, `1 gru, 14:05`. */
export function formatShortDateTime(at: Date, timeZone: string, locale: string): string {
  return cached(`${locale} ${timeZone} short`, () =>
    new Intl.DateTimeFormat(locale, { timeZone, day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }),
  ).format(at);
}

/**
 * An amount held in minor units, in the currency's own number of decimals.
 *
 * @example
 * formatAmount(123450, 'PLN', 'pl-PL') // '1234,50 zł'
 */
export function formatAmount(minor: number, currency: string, locale: string): string {
  const format = cached(`${locale} ${currency} amount`, () => new Intl.NumberFormat(locale, { style: 'currency', currency }));
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  // Intl formats a decimal string exactly: no division, no floating point on money.
  return format.format(minorToDecimalText(Math.round(minor), digits) as Intl.StringNumericLiteral);
}

/**
 * A length of time, past or future, in its two largest units (days, hours, minutes),
 * e.g. `2 hrs 30 mins` (en-GB), `2 godz. 30 min` (pl-PL); under a minute is `0 min`-like.
 */
export function formatSpan(ms: number, locale: string): string {
  const total = Math.floor(Math.abs(ms) / MINUTE) * MINUTE;
  const parts: [number, 'day' | 'hour' | 'minute'][] = [
    [Math.floor(total / DAY), 'day'],
    [Math.floor((total % DAY) / HOUR), 'hour'],
    [Math.floor((total % HOUR) / MINUTE), 'minute'],
  ];
  const first = parts.findIndex(([value]) => value > 0);
  const shown = first === -1 ? [parts[2]!] : parts.slice(first, first + 2).filter(([value]) => value > 0);
  return shown
    .map(([value, unit]) => cached(`${locale} ${unit} span`, () => new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'short' })).format(value))
    .join(' ');
}

/** The locale's decimal mark: `.` in en-GB, `,` in pl-PL, sv-SE and ru-RU. */
function decimalMark(locale: string): string {
  return cached(`${locale} number`, () => new Intl.NumberFormat(locale)).formatToParts(1.5).find((part) => part.type === 'decimal')?.value ?? '.';
}

/**
 * How a person would type an amount with the currency's number of decimals, written as
 * text (no number arithmetic): the example of a form's hint and its placeholder.
 *
 * @example
 * typedAmount('123', 2, 'pl-PL') // '123,45'
 * typedAmount('123', 0, 'en-GB') // '123'
 * typedAmount('0', 2, 'en-GB', '0') // '0.00'
 */
export function typedAmount(whole: string, digits: number, locale: string, fractionDigit?: string): string {
  if (digits === 0) return whole;
  const fraction = fractionDigit === undefined ? '4567890123'.slice(0, digits) : fractionDigit.repeat(digits);
  return `${whole}${decimalMark(locale)}${fraction}`;
}
