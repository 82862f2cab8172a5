import { describe, expect, it } from 'vitest';
import { change, share, sparkline } from '../../src/domain/stats.js';

describe('stats helpers', () => {
  it('says the change from the previous period, without a percentage when there is no base', () => {
    expect(change(12, 8)).toEqual({ delta: 4, percent: 50 });
    expect(change(6, 8)).toEqual({ delta: -2, percent: -25 });
    expect(change(3, 0)).toEqual({ delta: 3, percent: null });
    expect(change(null, 2)).toBeNull();
    expect(change(2, null)).toBeNull();
  });

  it('draws counts as blocks scaled to the largest', () => {
    expect(sparkline([0, 1, 2, 4, 8])).toBe('▁▁▂▄█');
    expect(sparkline([0, 0, 0])).toBe('▁▁▁');
    expect(sparkline([3, 5, 7])).toBe('▄▆█');
    expect(sparkline([])).toBe('');
  });

  it('gives a share in whole percent, none of nothing', () => {
    expect(share(1, 3)).toBe(33);
    expect(share(0, 0)).toBeNull();
  });
});
