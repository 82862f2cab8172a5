import { localDayOf, wallToInstant } from './zone-time.js';

const DAY = 86_400_000;
const DAYS = /^(\d{1,4})d$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;
/** Longest period a person may ask for: ten years of days. */
export const MAX_PERIOD_DAYS = 3660;

/**
 * A stretch of time for stats and exports, `[from, to)`. `7d` means the last 7 × 24 hours
 * up to now; `2026-10-01..2026-10-31` the whole days from the first's midnight to the end
 * of the last in the workspace zone. `label` is what was typed, for the reply.
 */
export interface Period {
  readonly from: Date;
  readonly to: Date;
  readonly label: string;
}

export type PeriodProblem = 'period_unreadable' | 'period_reversed' | 'period_too_long';

/**
 * Reads a period as typed after `/complaint stats` or `/complaint export`: empty means 30
 * days. Pure: the zone and the clock are passed in.
 *
 * @example
 * parsePeriod('2026-10-01..2026-10-31', 'Europe/Warsaw', now) // { from: 2026-09-30T22:00Z, to: 2026-10-31T23:00Z, … }
 */
export function parsePeriod(text: string, timeZone: string, now: Date): Period | { problem: PeriodProblem } {
  const typed = text.trim().toLowerCase() || '30d';
  const days = DAYS.exec(typed);
  if (days) {
    const count = Number(days[1]);
    if (count < 1) return { problem: 'period_unreadable' };
    if (count > MAX_PERIOD_DAYS) return { problem: 'period_too_long' };
    return { from: new Date(now.getTime() - count * DAY), to: now, label: typed };
  }
  const range = RANGE.exec(typed);
  if (!range) return { problem: 'period_unreadable' };
  const first = dayNumber(range[1] ?? '');
  const last = dayNumber(range[2] ?? '');
  if (first === undefined || last === undefined) return { problem: 'period_unreadable' };
  if (last < first) return { problem: 'period_reversed' };
  if (last - first + 1 > MAX_PERIOD_DAYS) return { problem: 'period_too_long' };
  return { from: new Date(wallToInstant(timeZone, first * DAY)), to: new Date(wallToInstant(timeZone, (last + 1) * DAY)), label: typed };
}

/** The period of the same length just before `period`, for the trend. */
export function previousPeriod(period: Period): Period {
  const length = period.to.getTime() - period.from.getTime();
  return { from: new Date(period.from.getTime() - length), to: period.from, label: period.label };
}

/**
 * The week before the one `now` falls in, Monday 00:00 to Monday 00:00 in the zone: what
 * the Monday digest reports.
 */
export function lastWeek(timeZone: string, now: Date): Period {
  const today = localDayOf(timeZone, now.getTime());
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
  const monday = today - ((today + 3) % 7);
  return { from: new Date(wallToInstant(timeZone, (monday - 7) * DAY)), to: new Date(wallToInstant(timeZone, monday * DAY)), label: '7d' };
}

/** `YYYY-MM-DD` as days since 1970-01-01, or undefined when it is no real date. */
function dayNumber(text: string): number | undefined {
  const [year, month, day] = text.split('-').map(Number);
  if (!year || !month || !day) return undefined;
  const at = Date.UTC(year, month - 1, day);
  const back = new Date(at);
  if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) return undefined;
  return at / DAY;
}
