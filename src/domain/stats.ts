/** Pure helpers for stats: the trend against the previous period and a text chart. */

/** How a figure moved from the previous period: the difference and, when there was a base, the percentage. */
export interface Change {
  readonly delta: number;
  /** Rounded to a whole percent; null when the previous value was 0 or unknown (no base to compare with). */
  readonly percent: number | null;
}

/**
 * The change from `previous` to `current`; null when either is unknown (no responses, no closes).
 *
 * @example
 * change(12, 8);  // { delta: 4, percent: 50 }
 * change(3, 0);   // { delta: 3, percent: null }
 * change(null, 2) // null
 */
export function change(current: number | null, previous: number | null): Change | null {
  if (current === null || previous === null) return null;
  const delta = current - previous;
  return { delta, percent: previous === 0 ? null : Math.round((delta / previous) * 100) };
}

const BLOCKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'] as const;

/**
 * A text chart of counts, one Unicode block per value scaled to the largest: zero is the
 * lowest block, the largest the full one; all zeros are all lowest.
 *
 * @example
 * sparkline([0, 1, 2, 4, 8]); // '▁▁▂▄█'
 */
export function sparkline(values: readonly number[]): string {
  const top = Math.max(0, ...values);
  return values
    .map((value) => {
      if (top === 0 || value <= 0) return BLOCKS[0];
      return BLOCKS[Math.max(0, Math.ceil((value / top) * BLOCKS.length) - 1)];
    })
    .join('');
}

/**
 * A share in whole percent, or null when there is nothing to share.
 *
 * @example
 * share(1, 3); // 33
 * share(0, 0); // null
 */
export function share(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 100);
}
