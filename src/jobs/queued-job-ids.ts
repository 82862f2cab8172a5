import type { Queue } from 'bullmq';

/**
 * Ids of every job waiting to run or running, read straight from BullMQ's sets and lists:
 * ids only, so comparing tens of thousands of reminders with the database stays cheap.
 */
export async function queuedJobIds(queue: Queue): Promise<Set<string>> {
  const client = await queue.client;
  const { delayed, prioritized, wait, paused, active } = queue.keys;
  const [inDelayed, inPrioritized, inWait, inPaused, inActive] = await Promise.all([
    client.zrange(delayed as string, 0, -1),
    client.zrange(prioritized as string, 0, -1),
    client.lrange(wait as string, 0, -1),
    client.lrange(paused as string, 0, -1),
    client.lrange(active as string, 0, -1),
  ]);
  return new Set([...inDelayed, ...inPrioritized, ...inWait, ...inPaused, ...inActive]);
}
