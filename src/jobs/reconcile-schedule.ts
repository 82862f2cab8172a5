import type { Queue } from 'bullmq';

export const RECONCILE_EVERY_MS = 60_000;

/**
 * One repeating reconciliation job for the whole deployment: BullMQ's job scheduler
 * keeps a single schedule however many workers upsert it.
 */
export async function scheduleReconciliation(queue: Queue, everyMs = RECONCILE_EVERY_MS): Promise<void> {
  await queue.upsertJobScheduler('reconcile', { every: everyMs }, { name: 'reconcile', data: { kind: 'reconcile' }, opts: { removeOnComplete: true, removeOnFail: true } });
}
