import type { Queue } from 'bullmq';
import { DIGEST_PATTERN } from '../domain/weekly-digest.js';
import { SLACK_BACKOFF } from './job-queue.js';

export const WEEKLY_DIGEST_SCHEDULER = 'weekly-digest';

/**
 * One job scheduler for the Monday digest, at 09:00 in the workspace zone: upserting it
 * from every worker at start-up (and again with reconciliation's schedule) keeps one
 * scheduler under its id, with the latest pattern and zone. Its jobs retry Slack's
 * temporary failures with the queue's backoff.
 *
 * @example
 * await scheduleWeeklyDigest(queue, policy.calendar.timeZone);
 */
export async function scheduleWeeklyDigest(queue: Queue, timeZone: string, attempts = 8): Promise<void> {
  await queue.upsertJobScheduler(
    WEEKLY_DIGEST_SCHEDULER,
    { pattern: DIGEST_PATTERN, tz: timeZone },
    {
      name: 'weekly-digest',
      data: { kind: 'weekly-digest' },
      opts: { attempts, backoff: { type: SLACK_BACKOFF }, removeOnComplete: true, removeOnFail: true },
    },
  );
}
