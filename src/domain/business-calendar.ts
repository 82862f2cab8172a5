import { localDayOf, steadyOffset, wallToInstant } from './zone-time.js';
import type { Duration } from './duration.js';
import type { OpeningHours } from './opening-hours.js';

/**
 * When a team works. Opening times are wall-clock times in `timeZone`, so a day that
 * changes clocks keeps its local opening times and its real elapsed length changes.
 */
export interface BusinessCalendar {
  /** IANA zone, e.g. `Europe/Warsaw`. */
  readonly timeZone: string;
  readonly hours: OpeningHours;
  /** Local dates `YYYY-MM-DD` on which nothing is open; ignored for 24/7. */
  readonly holidays: readonly string[];
}

const MINUTE = 60_000;
const DAY = 86_400_000;
/** About ten years: a walk that finds no opening time for this long never will. */
const MAX_CLOSED_DAYS = 3700;

/**
 * Length of one business day (the `d` unit) in ms: 24h for 24/7; otherwise the total
 * opening time of the longest opening day of the week, counted from the written opening
 * times (nominal: a clock change does not make `d` longer or shorter). With
 * `Mon-Fri 09:00-17:00; Sat 10:00-12:00` one day is 8h.
 *
 * @example
 * businessDayLength({ timeZone: 'Europe/Warsaw', hours: weekdaysNineToFive, holidays: [] }); // 28_800_000
 */
export function businessDayLength(calendar: BusinessCalendar): number {
  if (calendar.hours.kind === 'always') return DAY;
  const minutesPerDay = calendar.hours.days.map((ranges) =>
    ranges.reduce((sum, range) => sum + range.endMinute - range.startMinute, 0),
  );
  return Math.max(0, ...minutesPerDay) * MINUTE;
}

/**
 * The instant `duration` of business time after `start`: the earliest instant by which
 * that much opening time has passed. So a start outside opening hours (night, weekend,
 * holiday) counts from the next opening, a deadline that uses up a day's remaining time
 * ends at that closing (not at the next opening), and a zero duration returns `start`.
 * `d` counts {@link businessDayLength} each. For 24/7 it is wall-clock addition (a day is
 * 24h) and holidays are ignored. Walks day by day over opening ranges; throws when it finds
 * no opening time for about ten years (e.g. every day a holiday).
 *
 * Clock changes: an opening range lasts the real time between its local start and end;
 * a local time skipped by a spring-forward change maps to the change itself (02:30 that
 * does not exist means the instant the clock shows 03:00), and a local time that occurs
 * twice at a fall-back change means its earlier instant.
 *
 * @example
 * // Mon-Fri 09:00-17:00 in Europe/Warsaw, Friday 16:00 plus 2h:
 * addBusinessTime(calendar, new Date('2026-03-27T16:00:00+01:00'), { days: 0, milliseconds: 7_200_000 });
 * // 2026-03-30T10:00:00+02:00 (Monday; the clocks changed on Sunday)
 */
export function addBusinessTime(calendar: BusinessCalendar, start: Date, duration: Duration): Date {
  const from = start.getTime();
  const total = duration.days * businessDayLength(calendar) + duration.milliseconds;
  if (calendar.hours.kind === 'always' || total <= 0) return new Date(from + Math.max(0, total));
  let remaining = total;
  let closedDays = 0;
  for (let day = localDayOf(calendar.timeZone, from); ; day += 1) {
    const intervals = openIntervals(calendar, day);
    for (const [open, close] of intervals) {
      if (close <= from) continue;
      const begin = Math.max(open, from);
      if (remaining <= close - begin) return new Date(begin + remaining);
      remaining -= close - begin;
    }
    closedDays = intervals.length > 0 ? 0 : closedDays + 1;
    if (closedDays > MAX_CLOSED_DAYS) {
      throw new Error(`No opening time in ${MAX_CLOSED_DAYS} days after ${start.toISOString()} (${calendar.timeZone})`);
    }
  }
}

/**
 * Business time in ms from `a` to `b`, 0 when `b` is not after `a`; for 24/7 plain
 * elapsed time. The inverse of {@link addBusinessTime}:
 * `businessTimeBetween(c, s, addBusinessTime(c, s, d))` is the duration in ms.
 *
 * @example
 * // Mon-Fri 09:00-17:00, Friday 16:00 to Monday 10:00:
 * businessTimeBetween(calendar, new Date('2026-03-27T16:00:00+01:00'), new Date('2026-03-30T10:00:00+02:00')); // 7_200_000
 */
export function businessTimeBetween(calendar: BusinessCalendar, a: Date, b: Date): number {
  const from = a.getTime();
  const to = b.getTime();
  if (to <= from) return 0;
  if (calendar.hours.kind === 'always') return to - from;
  let sum = 0;
  const lastDay = localDayOf(calendar.timeZone, to);
  for (let day = localDayOf(calendar.timeZone, from); day <= lastDay; day += 1) {
    for (const [open, close] of openIntervals(calendar, day)) {
      sum += Math.max(0, Math.min(close, to) - Math.max(open, from));
    }
  }
  return sum;
}

/**
 * True if `instant` is inside opening hours and not on a holiday; an opening range
 * includes its start and excludes its end. Always true for 24/7.
 *
 * @example
 * isOpen(calendar, new Date('2026-12-24T10:00:00+01:00')); // false when 2026-12-24 is a holiday
 */
export function isOpen(calendar: BusinessCalendar, instant: Date): boolean {
  if (calendar.hours.kind === 'always') return true;
  const time = instant.getTime();
  const intervals = openIntervals(calendar, localDayOf(calendar.timeZone, time));
  return intervals.some(([open, close]) => open <= time && time < close);
}

/**
 * When business hours start on the local date `day` (`YYYY-MM-DD`): its first opening;
 * for 24/7 the local midnight. A day with no opening time (a weekend, a holiday) gives
 * the first opening after it, so something due that day is still heard of in working
 * time. Throws for a malformed day, and when no opening comes for about ten years.
 *
 * @example
 * // Mon-Fri 09:00-17:00 in Europe/Warsaw:
 * businessDayStart(calendar, '2026-12-04'); // 2026-12-04T09:00:00+01:00 (a Friday)
 * businessDayStart(calendar, '2026-12-05'); // 2026-12-07T09:00:00+01:00 (Saturday: Monday's opening)
 */
export function businessDayStart(calendar: BusinessCalendar, day: string): Date {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  if (!match) throw new Error(`not a day: ${day}`);
  const first = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY;
  if (calendar.hours.kind === 'always') return new Date(wallToInstant(calendar.timeZone, first * DAY));
  for (let local = first; local <= first + MAX_CLOSED_DAYS; local += 1) {
    const [opening] = openIntervals(calendar, local);
    if (opening) return new Date(opening[0]);
  }
  throw new Error(`No opening time in ${MAX_CLOSED_DAYS} days from ${day} (${calendar.timeZone})`);
}

/**
 * The local date (`YYYY-MM-DD`) of `instant` in `timeZone`.
 *
 * @example
 * localDate('Europe/Warsaw', new Date('2026-12-03T23:30:00Z')); // '2026-12-04'
 */
export function localDate(timeZone: string, instant: Date): string {
  return new Date(localDayOf(timeZone, instant.getTime()) * DAY).toISOString().slice(0, 10);
}

/**
 * Checks an IANA zone name is known to this runtime's Intl.
 *
 * @example
 * isValidTimeZone('Europe/Warsaw'); // true
 * isValidTimeZone('Mars/Olympus');  // false
 */
export function isValidTimeZone(name: string): boolean {
  if (name.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** Opening intervals [open, close) as epoch ms on local day `day` (days since 1970-01-01). */
function openIntervals(calendar: BusinessCalendar, day: number): Array<[number, number]> {
  if (calendar.hours.kind !== 'weekly' || holidayDays(calendar.holidays).has(day)) return [];
  const ranges = calendar.hours.days[mondayIndex(day)] ?? [];
  const zone = calendar.timeZone;
  const offset = steadyOffset(zone, day);
  const toInstant = (minute: number): number => {
    const wall = day * DAY + minute * MINUTE;
    return offset === undefined ? wallToInstant(zone, wall) : wall - offset;
  };
  const intervals: Array<[number, number]> = [];
  for (const range of ranges) {
    const open = toInstant(range.startMinute);
    const close = toInstant(range.endMinute);
    if (close > open) intervals.push([open, close]);
  }
  return intervals;
}

/** 0 for Monday ... 6 for Sunday; 1970-01-01 (day 0) was a Thursday. */
function mondayIndex(day: number): number {
  return (((day + 3) % 7) + 7) % 7;
}

const holidayCache = new WeakMap<readonly string[], Set<number>>();

function holidayDays(holidays: readonly string[]): Set<number> {
  let days = holidayCache.get(holidays);
  if (!days) {
    days = new Set();
    for (const holiday of holidays) {
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(holiday.trim());
      if (match) days.add(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY);
    }
    holidayCache.set(holidays, days);
  }
  return days;
}
