import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  addBusinessTime,
  businessDayLength,
  businessDayStart,
  businessTimeBetween,
  isOpen,
  isValidTimeZone,
  localDate,
  type BusinessCalendar,
} from '../../src/domain/business-calendar.js';
import { parseDuration } from '../../src/domain/duration.js';
import { parseOpeningHours } from '../../src/domain/opening-hours.js';

const HOUR = 3_600_000;
const CHRISTMAS = ['2026-12-24', '2026-12-25'];

function calendar(hours: string, timeZone = 'Europe/Warsaw', holidays: string[] = CHRISTMAS): BusinessCalendar {
  const parsed = parseOpeningHours(hours);
  if (!parsed.ok) throw new Error(parsed.error);
  return { timeZone, hours: parsed.hours, holidays };
}

const weekdays = calendar('Mon-Fri 09:00-17:00');
const split = calendar('Mon-Fri 08:00-12:00,13:00-17:00');
const allDay = calendar('Mon-Sun 00:00-24:00');
const dayShift = calendar('Mon-Sun 09:00-17:00');
/** Open across Warsaw's change at 02:00 (spring: 02:00 -> 03:00, fall: 03:00 -> 02:00). */
const sundayNight = calendar('Sun 01:00-05:00');
/** Opens at 02:30, which is skipped on 2026-03-29 and happens twice on 2026-10-25. */
const sundayGap = calendar('Sun 02:30-04:00');
/** Lord Howe moves 30 minutes at 02:00: 2026-04-05 02:00 -> 01:30, 2026-10-04 02:00 -> 02:30. */
const lordHowe = calendar('Sun 01:00-04:00', 'Australia/Lord_Howe');
const lordHoweGap = calendar('Sun 02:15-04:00', 'Australia/Lord_Howe');
const lordHoweTwice = calendar('Sun 01:45-04:00', 'Australia/Lord_Howe');
const always = calendar('24/7');
const utcWeekdays = calendar('Mon-Fri 09:00-17:00', 'UTC');
const laWeekdays = calendar('Mon-Fri 09:00-17:00', 'America/Los_Angeles');

const addCases: Array<[string, BusinessCalendar, string, string, string]> = [
  ['Friday to Monday across the spring change', weekdays, '2026-03-27T16:00:00+01:00', '2h', '2026-03-30T10:00:00+02:00'],
  ['opened on Saturday', weekdays, '2026-03-28T12:00:00+01:00', '1h', '2026-03-30T10:00:00+02:00'],
  ['opened at night', weekdays, '2026-03-31T02:00:00+02:00', '30m', '2026-03-31T09:30:00+02:00'],
  ['opened in the evening', weekdays, '2026-03-30T20:00:00+02:00', '4h', '2026-03-31T13:00:00+02:00'],
  ['exactly at opening, a full day ends at closing', weekdays, '2026-03-30T09:00:00+02:00', '8h', '2026-03-30T17:00:00+02:00'],
  ['exactly at closing', weekdays, '2026-03-30T17:00:00+02:00', '1m', '2026-03-31T09:01:00+02:00'],
  ['one second before closing', weekdays, '2026-03-30T16:59:59+02:00', '2s', '2026-03-31T09:00:01+02:00'],
  ['1d is one 8h business day', weekdays, '2026-03-26T13:00:00+01:00', '1d', '2026-03-27T13:00:00+01:00'],
  ['2d over the weekend and the change', weekdays, '2026-03-27T15:00:00+01:00', '2d', '2026-03-31T15:00:00+02:00'],
  ['5d from Monday opening', weekdays, '2026-03-23T09:00:00+01:00', '5d', '2026-03-27T17:00:00+01:00'],
  ['1d4h', weekdays, '2026-03-23T09:00:00+01:00', '1d4h', '2026-03-24T13:00:00+01:00'],
  ['Friday to Monday across the fall change', weekdays, '2026-10-23T16:00:00+02:00', '2h', '2026-10-26T10:00:00+01:00'],
  ['1h30m across the fall change', weekdays, '2026-10-23T16:30:00+02:00', '1h30m', '2026-10-26T10:00:00+01:00'],
  ['skips Christmas holidays', weekdays, '2026-12-23T16:00:00+01:00', '2h', '2026-12-28T10:00:00+01:00'],
  ['opened on a holiday', weekdays, '2026-12-24T10:00:00+01:00', '30m', '2026-12-28T09:30:00+01:00'],
  ['2d over the holidays', weekdays, '2026-12-23T09:00:00+01:00', '2d', '2026-12-28T17:00:00+01:00'],
  ['split: morning into afternoon', split, '2026-03-30T11:00:00+02:00', '2h', '2026-03-30T14:00:00+02:00'],
  ['split: using up the morning ends at noon', split, '2026-03-30T11:00:00+02:00', '1h', '2026-03-30T12:00:00+02:00'],
  ['split: opened at lunch', split, '2026-03-30T12:30:00+02:00', '30m', '2026-03-30T13:30:00+02:00'],
  ['split: exactly at the noon closing', split, '2026-03-30T12:00:00+02:00', '1h', '2026-03-30T14:00:00+02:00'],
  ['split: 1d from Friday afternoon', split, '2026-03-27T16:00:00+01:00', '1d', '2026-03-30T16:00:00+02:00'],
  ['all-day: 24h over the spring change is real time', allDay, '2026-03-28T12:00:00+01:00', '24h', '2026-03-29T13:00:00+02:00'],
  ['all-day: 1d is 24h', allDay, '2026-03-28T12:00:00+01:00', '1d', '2026-03-29T13:00:00+02:00'],
  ['all-day: 1d over the fall change', allDay, '2026-10-24T12:00:00+02:00', '1d', '2026-10-25T11:00:00+01:00'],
  ['all-day: holidays are closed', allDay, '2026-12-23T23:00:00+01:00', '2h', '2026-12-26T01:00:00+01:00'],
  ['change inside hours: spring', sundayNight, '2026-03-29T01:30:00+01:00', '1h', '2026-03-29T03:30:00+02:00'],
  ['change inside hours: spring day is 3h', sundayNight, '2026-03-29T00:00:00+01:00', '3h', '2026-03-29T05:00:00+02:00'],
  ['change inside hours: past the short day', sundayNight, '2026-03-29T00:00:00+01:00', '3h1m', '2026-04-05T01:01:00+02:00'],
  ['change inside hours: fall, at the change', sundayNight, '2026-10-25T01:00:00+02:00', '2h', '2026-10-25T02:00:00+01:00'],
  ['change inside hours: fall day is 5h', sundayNight, '2026-10-25T01:00:00+02:00', '5h', '2026-10-25T05:00:00+01:00'],
  ['skipped 02:30 opens at 03:00', sundayGap, '2026-03-29T00:00:00+01:00', '30m', '2026-03-29T03:30:00+02:00'],
  ['repeated 02:30 opens at the earlier one', sundayGap, '2026-10-25T00:00:00+02:00', '1h', '2026-10-25T02:30:00+01:00'],
  ['Lord Howe: 30 minutes skipped', lordHowe, '2026-10-04T01:00:00+10:30', '2h', '2026-10-04T03:30:00+11:00'],
  ['Lord Howe: 30 minutes repeated', lordHowe, '2026-04-05T01:00:00+11:00', '3h', '2026-04-05T03:30:00+10:30'],
  ['Lord Howe: skipped 02:15 opens at 02:30', lordHoweGap, '2026-10-04T00:00:00+10:30', '30m', '2026-10-04T03:00:00+11:00'],
  ['24/7: 1d is 24h of elapsed time', always, '2026-03-28T12:00:00+01:00', '1d', '2026-03-29T13:00:00+02:00'],
  ['24/7: over the fall change', always, '2026-10-24T12:00:00+02:00', '1d', '2026-10-25T11:00:00+01:00'],
  ['24/7: holidays are ignored', always, '2026-12-24T10:00:00+01:00', '2h', '2026-12-24T12:00:00+01:00'],
  ['UTC calendar', utcWeekdays, '2026-03-27T16:00:00Z', '2h', '2026-03-30T10:00:00Z'],
  ['Los Angeles calendar after its change', laWeekdays, '2026-03-06T16:00:00-08:00', '2h', '2026-03-09T10:00:00-07:00'],
];

const betweenCases: Array<[string, BusinessCalendar, string, string, number]> = [
  ['Friday to Monday across the change', weekdays, '2026-03-27T16:00:00+01:00', '2026-03-30T10:00:00+02:00', 2 * HOUR],
  ['night to morning before opening', weekdays, '2026-03-30T20:00:00+02:00', '2026-03-31T08:00:00+02:00', 0],
  ['b before a', weekdays, '2026-03-31T12:00:00+02:00', '2026-03-30T12:00:00+02:00', 0],
  ['a week', weekdays, '2026-03-23T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 40 * HOUR],
  ['over the Christmas holidays', weekdays, '2026-12-23T09:00:00+01:00', '2026-12-28T17:00:00+01:00', 16 * HOUR],
  ['split day', split, '2026-03-30T00:00:00+02:00', '2026-03-31T00:00:00+02:00', 8 * HOUR],
  ['all-day: spring day is 23h', allDay, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 23 * HOUR],
  ['all-day: fall day is 25h', allDay, '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', 25 * HOUR],
  ['09:00-17:00 on the spring day is 8h', dayShift, '2026-03-29T00:00:00+01:00', '2026-03-30T00:00:00+02:00', 8 * HOUR],
  ['09:00-17:00 on the fall day is 8h', dayShift, '2026-10-25T00:00:00+02:00', '2026-10-26T00:00:00+01:00', 8 * HOUR],
  ['change inside hours: spring 01:00-05:00 is 3h', sundayNight, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', 3 * HOUR],
  ['change inside hours: fall 01:00-05:00 is 5h', sundayNight, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z', 5 * HOUR],
  ['skipped 02:30-04:00 is 1h', sundayGap, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z', HOUR],
  ['repeated 02:30-04:00 is 2.5h', sundayGap, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z', 2.5 * HOUR],
  ['Lord Howe: 01:00-04:00 spring is 2.5h', lordHowe, '2026-10-03T00:00:00Z', '2026-10-05T00:00:00Z', 2.5 * HOUR],
  ['Lord Howe: 01:00-04:00 fall is 3.5h', lordHowe, '2026-04-04T00:00:00Z', '2026-04-06T00:00:00Z', 3.5 * HOUR],
  ['Lord Howe: repeated 01:45 opens at the earlier one', lordHoweTwice, '2026-04-04T00:00:00Z', '2026-04-06T00:00:00Z', 2.75 * HOUR],
  ['24/7 ignores holidays', always, '2026-12-24T00:00:00+01:00', '2026-12-26T00:00:00+01:00', 48 * HOUR],
];

const openCases: Array<[string, BusinessCalendar, string, boolean]> = [
  ['exactly at opening', weekdays, '2026-03-30T09:00:00+02:00', true],
  ['a second before opening', weekdays, '2026-03-30T08:59:59+02:00', false],
  ['a second before closing', weekdays, '2026-03-30T16:59:59+02:00', true],
  ['exactly at closing', weekdays, '2026-03-30T17:00:00+02:00', false],
  ['Saturday', weekdays, '2026-03-28T12:00:00+01:00', false],
  ['a holiday', weekdays, '2026-12-24T10:00:00+01:00', false],
  ['the day before a holiday', weekdays, '2026-12-23T10:00:00+01:00', true],
  ['lunch in a split day', split, '2026-03-30T12:30:00+02:00', false],
  ['skipped opening: the change itself', sundayGap, '2026-03-29T03:00:00+02:00', true],
  ['skipped opening: just before the change', sundayGap, '2026-03-29T01:59:00+01:00', false],
  ['repeated opening: the earlier 02:30', sundayGap, '2026-10-25T02:30:00+02:00', true],
  ['repeated opening: before the earlier 02:30', sundayGap, '2026-10-25T02:15:00+02:00', false],
  ['24/7 on a holiday', always, '2026-12-24T10:00:00+01:00', true],
  ['UTC calendar at opening', utcWeekdays, '2026-03-30T09:00:00Z', true],
  ['UTC calendar before opening', utcWeekdays, '2026-03-30T08:59:00Z', false],
  ['Los Angeles calendar at opening', laWeekdays, '2026-03-09T09:00:00-07:00', true],
  ['Los Angeles calendar before opening', laWeekdays, '2026-03-09T08:59:00-07:00', false],
];

function duration(text: string) {
  const parsed = parseDuration(text);
  if (!parsed) throw new Error(`bad duration in test: ${text}`);
  return parsed;
}

/** Every Monday from 2026-01-05 on, for eleven years. */
function everyMonday(): string[] {
  return Array.from({ length: 575 }, (_, week) => new Date(Date.UTC(2026, 0, 5 + week * 7)).toISOString().slice(0, 10));
}

describe.each(['UTC', 'America/Los_Angeles'])('with the process in TZ=%s', (processZone) => {
  let savedZone: string | undefined;
  beforeAll(() => {
    savedZone = process.env.TZ;
    process.env.TZ = processZone;
  });
  afterAll(() => {
    if (savedZone === undefined) delete process.env.TZ;
    else process.env.TZ = savedZone;
  });

  it('really runs in that zone', () => {
    expect(new Date('2026-01-15T12:00:00Z').getTimezoneOffset()).toBe(processZone === 'UTC' ? 0 : 480);
  });

  describe('addBusinessTime', () => {
    it.each(addCases)('%s', (_name, cal, start, text, expected) => {
      const from = new Date(start);
      const result = addBusinessTime(cal, from, duration(text));
      expect(result.toISOString()).toBe(new Date(expected).toISOString());
      const { days, milliseconds } = duration(text);
      expect(businessTimeBetween(cal, from, result)).toBe(days * businessDayLength(cal) + milliseconds);
    });

    it('returns the start for a zero duration', () => {
      const start = new Date('2026-03-28T12:00:00+01:00');
      expect(addBusinessTime(weekdays, start, { days: 0, milliseconds: 0 }).toISOString()).toBe(start.toISOString());
    });

    it('throws instead of looping when no day ever opens', () => {
      const closed = calendar('Mon 09:00-10:00', 'Europe/Warsaw', everyMonday());
      expect(() => addBusinessTime(closed, new Date('2026-01-01T00:00:00Z'), duration('1h'))).toThrow(
        /No opening time in 3700 days/,
      );
      const empty: BusinessCalendar = { timeZone: 'Europe/Warsaw', hours: { kind: 'weekly', days: [[], [], [], [], [], [], []] }, holidays: [] };
      expect(() => addBusinessTime(empty, new Date('2026-01-01T00:00:00Z'), duration('1h'))).toThrow(/No opening time/);
    });

    it('walks ranges, not minutes: 10,000 five-day deadlines are quick', () => {
      const started = performance.now();
      for (let i = 0; i < 10_000; i += 1) {
        addBusinessTime(weekdays, new Date(Date.UTC(2026, 0, 1) + i * 3_700_000), duration('5d'));
      }
      expect(performance.now() - started).toBeLessThan(5_000);
    });
  });

  describe('businessTimeBetween', () => {
    it.each(betweenCases)('%s', (_name, cal, a, b, expected) => {
      expect(businessTimeBetween(cal, new Date(a), new Date(b))).toBe(expected);
    });
  });

  describe('isOpen', () => {
    it.each(openCases)('%s', (_name, cal, instant, expected) => {
      expect(isOpen(cal, new Date(instant))).toBe(expected);
    });
  });
});

describe('businessDayLength', () => {
  it.each([
    ['Mon-Fri 09:00-17:00', 8 * HOUR],
    ['Mon-Fri 08:00-12:00,13:00-17:00', 8 * HOUR],
    ['Mon-Fri 09:00-17:00; Sat 10:00-12:00', 8 * HOUR],
    ['Mon 08:00-12:00,13:00-19:00; Tue 09:00-10:00', 10 * HOUR],
    ['Mon-Sun 00:00-24:00', 24 * HOUR],
    ['24/7', 24 * HOUR],
  ])('%s', (hours, expected) => {
    expect(businessDayLength(calendar(hours))).toBe(expected);
  });
});

describe('isValidTimeZone', () => {
  it.each([
    ['Europe/Warsaw', true],
    ['America/Los_Angeles', true],
    ['Australia/Lord_Howe', true],
    ['UTC', true],
    ['Mars/Olympus', false],
    ['Warsaw', false],
    ['', false],
  ])('%j is %s', (name, expected) => {
    expect(isValidTimeZone(name)).toBe(expected);
  });
});

describe('businessDayStart', () => {
  it('is the first opening of the day', () => {
    expect(businessDayStart(weekdays, '2026-12-04')).toEqual(new Date('2026-12-04T09:00:00+01:00'));
    expect(businessDayStart(split, '2026-12-04')).toEqual(new Date('2026-12-04T08:00:00+01:00'));
  });

  it('is the next opening after a day without one (a weekend, a holiday)', () => {
    expect(businessDayStart(weekdays, '2026-12-05')).toEqual(new Date('2026-12-07T09:00:00+01:00'));
    expect(businessDayStart(weekdays, '2026-12-24')).toEqual(new Date('2026-12-28T09:00:00+01:00'));
  });

  it('is local midnight for 24/7, in summer time too', () => {
    const always: BusinessCalendar = { timeZone: 'Europe/Warsaw', hours: { kind: 'always' }, holidays: [] };
    expect(businessDayStart(always, '2026-12-04')).toEqual(new Date('2026-12-03T23:00:00Z'));
    expect(businessDayStart(always, '2026-07-01')).toEqual(new Date('2026-06-30T22:00:00Z'));
  });

  it('refuses a day that is not written YYYY-MM-DD', () => {
    expect(() => businessDayStart(weekdays, '4 Dec')).toThrow(/not a day/);
  });
});

describe('localDate', () => {
  it('is the day in the zone, not in UTC', () => {
    expect(localDate('Europe/Warsaw', new Date('2026-12-03T23:30:00Z'))).toBe('2026-12-04');
    expect(localDate('America/New_York', new Date('2026-12-04T03:00:00Z'))).toBe('2026-12-03');
  });
});
