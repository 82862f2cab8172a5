import { describe, expect, it } from 'vitest';
import { RetryLaterError, retryDelay } from '../../src/jobs/retry-later.js';

describe('retryDelay', () => {
  const limits = { baseMs: 1000, maxMs: 10_000 };
  it('waits exactly what Slack asked for', () => {
    expect(retryDelay(5, new RetryLaterError(30_000, 'rl'), limits)).toBe(30_000);
  });
  it('backs off exponentially up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(n, new Error('503'), limits))).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });
});
