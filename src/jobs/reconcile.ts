import type { Queue } from 'bullmq';
import type { AppContext } from '../context.js';
import { deadlineJobs } from '../cases/deadline-jobs.js';
import type { JobRequest } from '../cases/jobs-to-run.js';
import { clearFailures, listUnfinishedProvisioning } from '../db/case-channel-repository.js';
import { listOwedDeadlines } from '../db/deadline-repository.js';
import { listCasesWithUnpostedEvents } from '../db/event-repository.js';
import { SILENT_EVENT_KINDS } from '../blocks/event-lines.js';
import { jobIdFor } from './job-queue.js';
import { queuedJobIds } from './queued-job-ids.js';

export interface ReconcileReport {
  readonly requested: number;
  readonly removed: number;
}

const DEADLINE_JOB_ID = /^(warn|breach)-\d+$/;

/**
 * PostgreSQL is the truth and Redis only holds wake-up calls: this asks again for every
 * job the database says is still owed (provisioning, card syncs, every pending reminder
 * and breach), and removes deadline jobs that no longer apply. Job ids make asking twice
 * harmless, so a Redis that lost its data, a crashed enqueue or a worker killed mid-job
 * loses nothing. At start-up, provisioning that stopped on a permanent Slack error is
 * tried again too (an operator may have fixed the cause).
 */
export async function reconcile(ctx: AppContext, queue: Queue, options: { atStartup: boolean }): Promise<ReconcileReport> {
  // Queue first, database second: a job added in between belongs to a deadline the database
  // read below already sees, so it is never mistaken for a stale one.
  const queued = await queuedJobIds(queue);
  const provisioning = await listUnfinishedProvisioning(ctx.db, { includeFailed: options.atStartup });
  if (options.atStartup) await clearFailures(ctx.db, provisioning, ctx.now());
  const unsynced = await listCasesWithUnpostedEvents(ctx.db, SILENT_EVENT_KINDS);
  const owed = (await listOwedDeadlines(ctx.db)).flatMap(deadlineJobs);

  const requests: JobRequest[] = [
    ...provisioning.map((caseId): JobRequest => ({ kind: 'provision-case', caseId })),
    ...unsynced.map(({ caseId, eventId }): JobRequest => ({ kind: 'sync-case', caseId, eventId })),
    ...owed,
  ].filter((request) => !queued.has(jobIdFor(request)));
  await ctx.jobs.schedule(requests);

  const owedIds = new Set(owed.map(jobIdFor));
  const stale = [...queued].filter((id) => DEADLINE_JOB_ID.test(id) && !owedIds.has(id));
  // A job may start between listing and removal; its handler re-reads the deadline anyway.
  await Promise.all(stale.map((id) => queue.remove(id).catch(() => 0)));
  return { requested: requests.length, removed: stale.length };
}
