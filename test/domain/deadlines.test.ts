import { describe, expect, it } from 'vitest';
import type { BusinessCalendar } from '../../src/domain/business-calendar.js';
import { deadlineState, planDeadline } from '../../src/domain/deadlines.js';
import { parseDuration } from '../../src/domain/duration.js';
import { parseOpeningHours } from '../../src/domain/opening-hours.js';

function calendar(hours: string, holidays: string[] = []): BusinessCalendar {
  const parsed = parseOpeningHours(hours);
  if (!parsed.ok) throw new Error(parsed.error);
  return { timeZone: 'Europe/Warsaw', hours: parsed.hours, holidays };
}
const office = calendar('Mon-Fri 09:00-17:00', ['2026-12-24', '2026-12-25']);
const always = calendar('24/7');
const d = (text: string) => {
  const parsed = parseDuration(text);
  if (!parsed) throw new Error(text);
  return parsed;
};

describe('planDeadline', () => {
  it.each([
    // opened, duration, calendar, expected warn, expected due (hand-checked, Warsaw is UTC+1 in winter)
    ['Mon 16:00, 2h: warning after 1h30 of business time, Tue 09:30; due Tue 10:00', '2026-11-23T16:00:00+01:00', '2h', office, '2026-11-24T09:30:00+01:00', '2026-11-24T10:00:00+01:00'],
    ['Saturday noon: the clock starts Monday 09:00', '2026-11-28T12:00:00+01:00', '4h', office, '2026-11-30T12:00:00+01:00', '2026-11-30T13:00:00+01:00'],
    ['1d is one business day (8h)', '2026-11-23T10:00:00+01:00', '1d', office, '2026-11-23T16:00:00+01:00', '2026-11-24T10:00:00+01:00'],
    ['Christmas holidays and the weekend are skipped', '2026-12-23T16:00:00+01:00', '2h', office, '2026-12-28T09:30:00+01:00', '2026-12-28T10:00:00+01:00'],
    ['24/7 counts wall-clock time', '2026-11-23T10:00:00Z', '1h', always, '2026-11-23T10:45:00Z', '2026-11-23T11:00:00Z'],
    ['night start on 24/7 is not moved', '2026-11-23T03:00:00Z', '4h', always, '2026-11-23T06:00:00Z', '2026-11-23T07:00:00Z'],
  ])('%s', (_name, opened, duration, cal, warn, due) => {
    const plan = planDeadline(cal, new Date(opened), d(duration), 0.75);
    expect(plan.warnAt.toISOString()).toBe(new Date(warn).toISOString());
    expect(plan.dueAt.toISOString()).toBe(new Date(due).toISOString());
    expect(plan.startsAt.toISOString()).toBe(new Date(opened).toISOString());
  });
});

describe('deadlineState', () => {
  const deadline = { warnAt: new Date('2026-11-23T10:45:00Z'), dueAt: new Date('2026-11-23T11:00:00Z'), metAt: null };
  it.each([
    ['2026-11-23T10:00:00Z', 'pending'],
    ['2026-11-23T10:45:00Z', 'warning'],
    ['2026-11-23T10:59:59Z', 'warning'],
    ['2026-11-23T11:00:00Z', 'breached'],
  ])('at %s it is %s', (now, state) => {
    expect(deadlineState(deadline, new Date(now))).toBe(state);
  });
  it('a met deadline is met, even after its due time', () => {
    expect(deadlineState({ ...deadline, metAt: new Date('2026-11-23T11:30:00Z') }, new Date('2026-11-23T12:00:00Z'))).toBe('met');
  });
});
