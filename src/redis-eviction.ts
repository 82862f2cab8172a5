import type { Redis } from 'ioredis';

/**
 * Redis's `maxmemory-policy`, when the server lets us read it (managed services often
 * refuse `CONFIG`). BullMQ needs `noeviction`: any other policy lets Redis drop queued
 * jobs, reminders included, when memory runs short.
 */
export async function evictionPolicy(redis: Redis): Promise<string | undefined> {
  try {
    const answer = (await redis.config('GET', 'maxmemory-policy')) as unknown;
    return Array.isArray(answer) && typeof answer[1] === 'string' ? answer[1] : undefined;
  } catch {
    return undefined;
  }
}

/** The start-up warning for a Redis whose eviction policy may drop jobs, or undefined when it is safe or unknown. */
export function evictionWarning(policy: string | undefined): string | undefined {
  if (policy === undefined || policy === 'noeviction') return undefined;
  return `Redis maxmemory-policy is ${policy}; set it to noeviction, or Redis may drop queued jobs and reminders when memory runs short`;
}
