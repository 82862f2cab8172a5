import { describe, expect, it } from 'vitest';
import { lastWeek, parsePeriod, previousPeriod } from '../../src/domain/period.js';

const ZONE = 'Europe/Warsaw';
const NOW = new Date('2026-12-02T10:00:00Z');

describe('parsePeriod', () => {
  it('reads 7d, 30d and 90d as that many days up to now, and nothing typed as 30d', () => {
    for (const [typed, days] of [['7d', 7], ['30d', 30], ['90d', 90], ['', 30], [' 90D ', 90]] as const) {
      expect(parsePeriod(typed, ZONE, NOW)).toEqual({ from: new Date(NOW.getTime() - days * 86_400_000), to: NOW, label: typed.trim().toLowerCase() || '30d' });
    }
  });

  it('reads a range of whole days in the workspace zone, both days included, across a clock change', () => {
    // Warsaw is UTC+2 on 1 October and UTC+1 after 25 October.
    expect(parsePeriod('2026-10-01..2026-10-31', ZONE, NOW)).toMatchObject({ from: new Date('2026-09-30T22:00:00Z'), to: new Date('2026-10-31T23:00:00Z') });
    expect(parsePeriod('2026-12-02..2026-12-02', ZONE, NOW)).toMatchObject({ from: new Date('2026-12-01T23:00:00Z'), to: new Date('2026-12-02T23:00:00Z') });
  });

  it.each([
    ['last month', 'period_unreadable'],
    ['0d', 'period_unreadable'],
    ['2026-02-30..2026-03-01', 'period_unreadable'],
    ['2026-10-31..2026-10-01', 'period_reversed'],
    ['9999d', 'period_too_long'],
    ['2000-01-01..2026-01-01', 'period_too_long'],
  ])('refuses %s', (typed, problem) => {
    expect(parsePeriod(typed, ZONE, NOW)).toEqual({ problem });
  });
});

describe('previousPeriod and lastWeek', () => {
  it('the previous period has the same length and ends where the period starts', () => {
    const period = parsePeriod('30d', ZONE, NOW);
    if ('problem' in period) throw new Error('unreadable');
    expect(previousPeriod(period)).toMatchObject({ from: new Date(NOW.getTime() - 60 * 86_400_000), to: period.from });
  });

  it('last week runs Monday to Monday in the zone', () => {
    // 2026-12-07 is a Monday.
    expect(lastWeek(ZONE, new Date('2026-12-07T08:00:00Z'))).toMatchObject({ from: new Date('2026-11-29T23:00:00Z'), to: new Date('2026-12-06T23:00:00Z') });
    expect(lastWeek(ZONE, new Date('2026-12-06T22:30:00Z'))).toMatchObject({ from: new Date('2026-11-22T23:00:00Z'), to: new Date('2026-11-29T23:00:00Z') });
  });
});
