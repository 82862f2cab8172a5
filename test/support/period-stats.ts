import type { PeriodStats } from '../../src/db/stats-repository.js';

const DAY = 86_400_000;

/**
 * A week's stats in which nothing happened (a daily chart of seven empty days), for
 * builder tests; spread it and set what the test is about.
 *
 * @example
 * const busy: PeriodStats = { ...quietWeek(1), opened: 2 };
 */
export function quietWeek(openNow: number): PeriodStats {
  return {
    opened: 0,
    resolved: 0,
    closed: 0,
    openNow,
    firstResponse: { count: 0, medianMs: null, p90Ms: null },
    resolution: { count: 0, medianMs: null, p90Ms: null },
    deadlines: { firstResponse: { due: 0, breached: 0 }, resolution: { due: 0, breached: 0 } },
    compensation: { totalMinor: 0, count: 0, byKind: [] },
    satisfaction: null,
    topCategories: [],
    rootCauses: [],
    openedPerBucket: { bucketMs: DAY, counts: [0, 0, 0, 0, 0, 0, 0] },
  };
}
