import { lastWeek, type Period } from './period.js';
import { localDayOf, wallToInstant } from './zone-time.js';

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** The digest goes out at this local hour on Monday; the job scheduler's pattern says the same. */
export const DIGEST_HOUR = 9;
/** Cron pattern of the weekly digest: Mondays at 09:00 (in the workspace zone). */
export const DIGEST_PATTERN = `0 ${DIGEST_HOUR} * * 1`;

/** The week a digest sent at `now` reports on, and when that digest is due. */
export interface DigestWeek {
  /** Monday 00:00 to the next Monday 00:00 in the zone. */
  readonly week: Period;
  /** Its first and last day, `YYYY-MM-DD`, for the title. */
  readonly firstDay: string;
  readonly lastDay: string;
  /** Monday 09:00 after the week, local time: before it the digest is not due yet. */
  readonly dueAt: Date;
}

/**
 * The week before the one `now` falls in, and the Monday 09:00 its digest is due: during
 * the week after it, this is the only week a digest may be sent for. Pure.
 *
 * @example
 * digestWeek('Europe/Warsaw', new Date('2026-12-07T08:00:00Z')).firstDay // '2026-11-30'
 */
export function digestWeek(timeZone: string, now: Date): DigestWeek {
  const week = lastWeek(timeZone, now);
  const monday = localDayOf(timeZone, week.to.getTime());
  return {
    week,
    firstDay: isoDay(monday - 7),
    lastDay: isoDay(monday - 1),
    dueAt: new Date(wallToInstant(timeZone, monday * DAY + DIGEST_HOUR * HOUR)),
  };
}

function isoDay(day: number): string {
  return new Date(day * DAY).toISOString().slice(0, 10);
}
