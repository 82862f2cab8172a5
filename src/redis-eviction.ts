import type { Redis } from 'ioredis';

/**
 * Redis's `maxmemory-policy`, when the server lets us read it (managed services often
 * refuse `CONFIG`) within `timeoutMs`. BullMQ needs `noeviction`: any other policy lets
 * Redis drop queued jobs, reminders included, when memory runs short.
 *
 * @example
 * await evictionPolicy(redis) // => 'noeviction', or undefined when Redis does not say in time
 */
export async function evictionPolicy(redis: Redis, timeoutMs = 2_000): Promise<string | undefined> {
  // The connection waits for Redis indefinitely; start-up must not (the web role serves /healthz without it).
  let timer: NodeJS.Timeout | undefined;
  const unanswered = new Promise<undefined>((resolve) => {
    timer = setTimeout(resolve, timeoutMs, undefined);
  });
  const asked = (async () => {
    try {
      const answer = (await redis.config('GET', 'maxmemory-policy')) as unknown;
      return Array.isArray(answer) && typeof answer[1] === 'string' ? answer[1] : undefined;
    } catch {
      return undefined;
    }
  })();
  try {
    return await Promise.race([asked, unanswered]);
  } finally {
    clearTimeout(timer);
  }
}

/** The start-up warning for a Redis whose eviction policy may drop jobs, or undefined when it is safe or unknown. */
export function evictionWarning(policy: string | undefined): string | undefined {
  if (policy === undefined || policy === 'noeviction') return undefined;
  return `Redis maxmemory-policy is ${policy}; set it to noeviction, or Redis may drop queued jobs and reminders when memory runs short`;
}
