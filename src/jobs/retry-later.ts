/** Thrown by a job to be tried again after exactly `retryAfterMs` (Slack's Retry-After). */
export class RetryLaterError extends Error {
  constructor(
    readonly retryAfterMs: number,
    message: string,
  ) {
    super(message);
    this.name = 'RetryLaterError';
  }
}

/**
 * Delay before the next try: what Slack asked for when it rate-limited us, otherwise
 * exponential from `baseMs`, capped at `maxMs`.
 *
 * @example
 * retryDelay(3, new Error('HTTP 503'), { baseMs: 1000, maxMs: 60000 }) // => 4000
 */
export function retryDelay(attemptsMade: number, error: unknown, limits: { baseMs: number; maxMs: number }): number {
  if (error instanceof RetryLaterError) return error.retryAfterMs;
  return Math.min(limits.maxMs, limits.baseMs * 2 ** Math.max(0, attemptsMade - 1));
}
