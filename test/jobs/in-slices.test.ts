import { describe, expect, it } from 'vitest';
import { filterInSlices, flatMapInSlices } from '../../src/jobs/in-slices.js';

describe('work in slices', () => {
  it('flattens exactly one level, keeping order, so array items stay whole', async () => {
    const pairs = await flatMapInSlices([1, 2, 3], (n) => [[n, n * 10]]);
    expect(pairs).toEqual([[1, 10], [2, 20], [3, 30]]);
    expect(await flatMapInSlices([1, 2], (n) => [n, -n])).toEqual([1, -1, 2, -2]);
  });

  it('lets other work of the process run between slices of a long list', async () => {
    const items = Array.from({ length: 2_000 }, (_, i) => i);
    const seenByOther: number[] = [];
    let handled = 0;
    // Queued before the work starts: without a yield it could only run after all of it.
    setImmediate(() => seenByOther.push(handled));
    const kept = await filterInSlices(items, (n) => {
      handled += 1;
      return n % 2 === 0;
    });
    expect(kept).toHaveLength(1_000);
    expect(kept.slice(0, 3)).toEqual([0, 2, 4]);
    expect(seenByOther).toHaveLength(1);
    expect(seenByOther[0]).toBeGreaterThan(0);
    expect(seenByOther[0]).toBeLessThan(items.length);
  });
});
