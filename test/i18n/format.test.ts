import { describe, expect, it } from 'vitest';
import { formatAmount, formatDateTime, formatShortDateTime, formatSpan } from '../../src/i18n/format.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;

describe('formatSpan', () => {
  it('writes hours and minutes in each language', () => {
    const span = 2 * HOUR + 30 * MINUTE;
    expect(formatSpan(span, 'pl-PL')).toBe('2 godz. 30 min');
    expect(formatSpan(span, 'en-GB')).toBe('2 hrs 30 mins');
    expect(formatSpan(span, 'sv-SE')).toBe('2 tim 30 min');
    expect(formatSpan(span, 'ru-RU')).toBe('2 ч 30 мин');
  });

  it('keeps the two largest units and drops empty ones', () => {
    expect(formatSpan(26 * HOUR + 5 * MINUTE, 'pl-PL')).toBe('1 dzień 2 godz.');
    expect(formatSpan(-(48 * HOUR), 'en-GB')).toBe('2 days');
    expect(formatSpan(20_000, 'ru-RU')).toBe('0 мин');
  });
});

describe('formatAmount', () => {
  it('formats minor units as the currency of the locale', () => {
    expect(formatAmount(123450, 'PLN', 'pl-PL')).toBe('1234,50\u00a0zł');
    expect(formatAmount(123450, 'EUR', 'en-GB')).toBe('€1,234.50');
    expect(formatAmount(500, 'JPY', 'en-GB')).toBe('JP¥500');
  });

  it('is exact for every whole number of minor units: the largest safe one divided as a float ends in .90', () => {
    expect(formatAmount(Number.MAX_SAFE_INTEGER, 'EUR', 'en-GB')).toBe('€90,071,992,547,409.91');
    expect(formatAmount(-1, 'KWD', 'en-GB')).toBe('-KWD 0.001');
  });
});

describe('formatDateTime', () => {
  it('shows the moment in the workspace time zone and the language', () => {
    const at = new Date('2026-12-01T13:05:00Z');
    expect(formatDateTime(at, 'Europe/Warsaw', 'en-GB')).toBe('Tue, 1 Dec 2026, 14:05 CET');
    expect(formatDateTime(at, 'Europe/Warsaw', 'pl-PL')).toMatch(/^wt\., 1 gru 2026.*14:05/);
  });
});

describe('formatDateTime', () => {
  it.each([
    ['2026-11-23T13:05:00Z', 'Europe/Warsaw', 'en-GB', 'Mon, 23 Nov 2026, 14:05 CET'],
    ['2026-07-01T10:00:00Z', 'Europe/Warsaw', 'pl-PL', 'śr., 1 lip 2026, 12:00 CEST'],
    ['2026-11-23T13:05:00Z', 'America/New_York', 'sv-SE', 'mån 23 nov. 2026 08:05 EST'],
    ['2026-11-23T13:05:00Z', 'UTC', 'en-GB', 'Mon, 23 Nov 2026, 13:05 UTC'],
    ['2026-11-23T13:05:00Z', 'Asia/Kolkata', 'en-GB', 'Mon, 23 Nov 2026, 18:35 GMT+5:30'],
    ['2026-11-23T13:05:00Z', 'Europe/Warsaw', 'ru-RU', 'пн, 23 нояб. 2026 г., 14:05 CET'],
  ])('shows %s in %s for %s as %s', (iso, zone, locale, expected) => {
    expect(formatDateTime(new Date(iso), zone, locale)).toBe(expected);
  });

  it('has a short form for lists', () => {
    expect(formatShortDateTime(new Date('2026-11-23T13:05:00Z'), 'Europe/Warsaw', 'pl-PL')).toBe('23 lis, 14:05');
  });
});
