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
    case 'sync-case':
      return `sync-${request.caseId}-${request.eventId}`;
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
    if (requests.length === 0) return;
    await this.queue.addBulk(
      requests.map((request) => ({ name: request.kind, data: request, opts: this.options(request) })),
    );
  }

  private options(request: JobRequest): JobsOptions {
    return {
      jobId: jobIdFor(request),
      attempts: this.attempts,
      backoff: { type: SLACK_BACKOFF },
      // Finished jobs are dropped so reconciliation can ask for the same work again later.
      removeOnComplete: true,
      removeOnFail: true,
    };
  }
}
