import { describe, expect, it } from 'vitest';
import {
  channelLink,
  formatTimeSpan,
  formatMoney,
  formatShortZonedTime,
  formatZonedTime,
  userMention,
} from '../../src/blocks/format.js';

describe('formatZonedTime', () => {
  it.each([
    ['2026-11-23T13:05:00Z', 'Europe/Warsaw', 'Mon 23 Nov 2026, 14:05 CET'],
    ['2026-07-01T10:00:00Z', 'Europe/Warsaw', 'Wed 1 Jul 2026, 12:00 CEST'],
    ['2026-11-23T13:05:00Z', 'America/New_York', 'Mon 23 Nov 2026, 08:05 EST'],
    ['2026-11-23T13:05:00Z', 'UTC', 'Mon 23 Nov 2026, 13:05 UTC'],
    ['2026-11-23T13:05:00Z', 'Asia/Kolkata', 'Mon 23 Nov 2026, 18:35 GMT+5:30'],
  ])('shows %s in %s as %s', (iso, zone, expected) => {
    expect(formatZonedTime(new Date(iso), zone)).toBe(expected);
  });

  it('has a short form for lists', () => {
    expect(formatShortZonedTime(new Date('2026-11-23T13:05:00Z'), 'Europe/Warsaw')).toBe('23 Nov, 14:05');
  });
});

describe('formatTimeSpan', () => {
  it.each([
    [20_000, '20s'],
    [45 * 60_000, '45m'],
    [90 * 60_000, '1h 30m'],
    [(2 * 1440 + 3 * 60 + 5) * 60_000, '2d 3h'],
    [-90 * 60_000, '1h 30m'],
  ])('%i ms is %s', (ms, expected) => {
    expect(formatTimeSpan(ms)).toBe(expected);
  });
});

describe('formatMoney', () => {
  it.each([
    [12345, 'PLN', '123.45 PLN'],
    [5, 'PLN', '0.05 PLN'],
    [0, 'EUR', '0.00 EUR'],
    [123456789, 'EUR', '1,234,567.89 EUR'],
    [-250, 'PLN', '-2.50 PLN'],
  ])('%i in %s is %s', (minor, currency, expected) => {
    expect(formatMoney(minor, currency)).toBe(expected);
  });
});

describe('userMention and channelLink', () => {
  it('mentions only real-looking Slack ids', () => {
    expect(userMention('U0AAA0001')).toBe('<@U0AAA0001>');
    expect(userMention('W0AAA0001')).toBe('<@W0AAA0001>');
    expect(userMention(null)).toBe('_nobody_');
    expect(userMention('U123> <!channel')).toBe('U123&gt; &lt;!channel');
    expect(userMention('!channel')).toBe('!channel');
  });

  it('writes what it is told for no id, including ids that are not strings (stored event data)', () => {
    expect(userMention(null, 'someone')).toBe('someone');
    expect(userMention(undefined, 'someone')).toBe('someone');
    expect(userMention(42, 'someone')).toBe('someone');
  });

  it('links only real-looking channel ids', () => {
    expect(channelLink('C0CASE042')).toBe('<#C0CASE042>');
    expect(channelLink('C1|x> <!here')).toBe('C1|x&gt; &lt;!here');
  });
});
