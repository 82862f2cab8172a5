import { Queue, type JobsOptions } from 'bullmq';
import type { Redis } from 'ioredis';
import type { JobRequest, JobScheduler } from '../cases/jobs-to-run.js';

export const QUEUE_NAME = 'anthill';
/** Backoff type handled by the worker's strategy: Retry-After for rate limits, else exponential. */
export const SLACK_BACKOFF = 'slack-aware';

export interface QueueSettings {
  readonly connection: Redis;
  /** Redis key prefix; tests and benchmarks use their own. */
  readonly prefix: string;
  /** How often a failing job is tried before reconciliation takes over. */
  readonly attempts?: number;
}

/**
 * A job's id is derived from what it is for, so asking twice for the same work while
 * the first is still queued or running adds nothing.
 */
export function jobIdFor(request: JobRequest): string {
  switch (request.kind) {
    case 'provision-case':
      return `provision-${request.caseId}`;
    case 'source-reply':
      return `source-reply-${request.caseId}`;
    case 'finish-provisioning':
      return `provision-rest-${request.caseId}`;
    case 'sync-case':
      return `sync-${request.caseId}-${request.eventId}`;
    case 'refresh-card':
      return `card-${request.caseId}-${request.runAtMs}`;
    case 'invite-leads':
      return `leads-${request.caseId}-${request.eventId}`;
    case 'deadline-warning':
      return `warn-${request.deadlineId}`;
    case 'deadline-breach':
      return `breach-${request.deadlineId}`;
    case 'retry-stuck':
      return `retry-${request.caseId}`;
    case 'approval-request':
      return `approval-${request.compensationId}-${request.version}`;
    case 'approval-nudge':
      return `nudge-${request.compensationId}`;
    case 'follow-up':
      return `follow-up-${request.followUpId}`;
    case 'follow-up-leads':
      return `follow-up-leads-${request.followUpId}`;
    case 'restore-channel':
      return `restore-${request.closureId}`;
    case 'action-item-due':
      // The due time is part of the id: a rewritten note that moves it asks for a new wake-up call.
      return `action-due-${request.actionItemId}-${request.runAtMs}`;
    case 'retro-requests':
      return `retro-requests-${request.closureId}`;
    case 'retro-reminder':
      return `retro-reminder-${request.closureId}`;
    case 'retro-summary':
      // Asked for at due, and sooner once everyone has answered: each time its own wake-up call.
      return `retro-summary-${request.closureId}-${request.runAtMs}`;
    case 'case-record':
      return `case-record-${request.closureId}`;
    case 'publish-home':
      return `home-${request.teamId}-${request.userId}-${request.runAtMs}`;
    case 'refresh-homes':
      return `homes-${request.caseId}-${request.runAtMs}`;
    case 'export-cases':
      return `export-${request.exportId}`;
    case 'weekly-digest':
      return `weekly-digest-${request.weekStartMs ?? 'now'}`;
  }
}

/**
 * Which ready job a free worker slot takes first. Reminders and breach pings carry no
 * priority, which BullMQ runs before every prioritized job: they never wait behind a
 * backlog. Then provisioning up to the announcement (the channel and the announcement),
 * then everything else, the rest of provisioning included: in a burst of complaints every
 * team announcement goes out before any case's members, card and topic. Lower numbers go first.
 */
export function priorityOf(request: JobRequest): number | undefined {
  switch (request.kind) {
    case 'deadline-warning':
    case 'deadline-breach':
      return undefined;
    case 'provision-case':
      return 1;
    default:
      return 2;
  }
}

export function createQueue(settings: QueueSettings): Queue {
  return new Queue(QUEUE_NAME, { connection: settings.connection, prefix: settings.prefix });
}

/** Puts job requests from use cases on the BullMQ queue. */
export class QueueJobScheduler implements JobScheduler {
  constructor(
    private readonly queue: Queue,
    private readonly attempts = 8,
  ) {}

  async schedule(requests: readonly JobRequest[]): Promise<void> {
    // Bounded batches keep one Redis round trip from growing without limit (reconciliation of many cases).
    for (let i = 0; i < requests.length; i += 500) {
      const batch = requests.slice(i, i + 500);
      await this.queue.addBulk(batch.map((request) => ({ name: request.kind, data: request, opts: this.options(request) })));
    }
  }

  private options(request: JobRequest): JobsOptions {
    // The delay counts from `timestamp`, so the time the request spends reaching Redis does not make it late.
    const timestamp = Date.now();
    const delay = 'runAtMs' in request ? Math.max(0, request.runAtMs - timestamp) : 0;
    const priority = priorityOf(request);
    return {
      jobId: jobIdFor(request),
      timestamp,
      delay,
      ...(priority !== undefined && { priority }),
      attempts: this.attempts,
      backoff: { type: SLACK_BACKOFF },
      // Finished jobs are dropped so reconciliation can ask for the same work again later.
      removeOnComplete: true,
      removeOnFail: true,
    };
  }
}
