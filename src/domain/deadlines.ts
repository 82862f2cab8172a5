import { addBusinessTime, businessTimeBetween, type BusinessCalendar } from './business-calendar.js';
import type { Duration } from './duration.js';

/** The two clocks every case runs against. */
export const DEADLINE_KINDS = ['first_response', 'resolution'] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];

export interface DeadlinePlan {
  readonly startsAt: Date;
  readonly warnAt: Date;
  readonly dueAt: Date;
}

/**
 * When a deadline falls and when its reminder goes out, in business time: the clock
 * starts at `startsAt` (or the next opening), the deadline is `duration` of business
 * time later, and the warning after `warnShare` of that business-time window.
 *
 * @example
 * planDeadline(officeHours, new Date('2026-11-23T16:00:00+01:00'), { days: 0, milliseconds: 2 * 3600_000 }, 0.75)
 * // => due Tue 10:00, warning Tue 09:30 (Mon-Fri 09:00-17:00 in Europe/Warsaw)
 */
export function planDeadline(calendar: BusinessCalendar, startsAt: Date, duration: Duration, warnShare: number): DeadlinePlan {
  const dueAt = addBusinessTime(calendar, startsAt, duration);
  const window = businessTimeBetween(calendar, startsAt, dueAt);
  const warnAt = addBusinessTime(calendar, startsAt, { days: 0, milliseconds: Math.floor(window * warnShare) });
  return { startsAt, warnAt, dueAt };
}

export type DeadlineState = 'pending' | 'warning' | 'breached' | 'met';

/** How a deadline stands at `now`; a met deadline stays met even if it was late. */
export function deadlineState(deadline: { warnAt: Date; dueAt: Date; metAt: Date | null }, now: Date): DeadlineState {
  if (deadline.metAt) return 'met';
  if (now.getTime() >= deadline.dueAt.getTime()) return 'breached';
  if (now.getTime() >= deadline.warnAt.getTime()) return 'warning';
  return 'pending';
}
