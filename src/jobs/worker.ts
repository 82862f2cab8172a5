import { DelayedError, UnrecoverableError, Worker, type Job, type Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import type { AppContext } from '../context.js';
import type { JobRequest } from '../cases/jobs-to-run.js';
import { findCaseById } from '../db/case-repository.js';
import { classifySlackError } from '../outbound/slack-errors.js';
import { QUEUE_NAME, SLACK_BACKOFF } from './job-queue.js';
import { handleDeadlineBreach } from './deadline-breach.js';
import { sendDeadlineWarning } from './deadline-warning.js';
import { inviteLeads } from './invite-leads.js';
import { provisionCase } from './provision-case.js';
import { replyUnderSourceMessage } from './source-reply.js';
import { reconcile } from './reconcile.js';
import { RetryLaterError, retryDelay } from './retry-later.js';
import { PaceLaterError } from '../outbound/slack-pacer.js';
import type { JobOutcome } from '../metrics/anthill-metrics.js';
import { retryStuckSteps } from './retry-stuck.js';
import { refreshCaseCard, syncCase } from './sync-case.js';
import { syncApprovalRequest } from './approval-request.js';
import { sendApprovalNudge } from './approval-nudge.js';
import { sendFollowUp, tellLeadsAfterFollowUps } from './follow-up.js';
import { restoreChannel } from './restore-channel.js';
import { sendActionItemReminder } from './action-item-due.js';
import { askForRetroNotes } from './retro-requests.js';
import { remindAboutRetro } from './retro-reminder.js';
import { postRetroSummary } from './retro-summary.js';
import { postCaseRecord } from './case-record.js';
import { publishHome, refreshHomesOfCase } from './publish-home.js';
import { sendCaseExport } from './export-cases.js';
import { postWeeklyDigest } from './weekly-digest.js';

export interface WorkerSettings {
  readonly connection: Redis;
  /** The queue the worker consumes, for reconciliation to inspect. */
  readonly queue: Queue;
  readonly prefix: string;
  readonly concurrency?: number;
  readonly retryBaseMs?: number;
  readonly retryMaxMs?: number;
  /** How long a job's lock lasts without renewal; a worker that dies loses its jobs to others after this. */
  readonly lockDurationMs?: number;
  /** How often workers look for jobs whose worker died. */
  readonly stalledIntervalMs?: number;
}

type AnthillJob = Job<JobRequest | { kind: 'reconcile' }>;

/** A job of a kind this version does not run (a newer or older release's, or a stray one): it fails, never completes. */
export class UnknownJobKindError extends Error {
  constructor(readonly kind: string) {
    super(`unknown job kind ${kind}`);
    this.name = 'UnknownJobKindError';
  }
}

const KIND_IN_LOG_LENGTH = 60;

async function runJob(ctx: AppContext, queue: Queue, job: AnthillJob): Promise<void> {
  const request = job.data;
  if (typeof request !== 'object' || request === null) throw new UnknownJobKindError(typeof request);
  switch (request.kind) {
    case 'provision-case':
      return provisionCase(ctx, request.caseId, { handOffAfterAnnouncement: true });
    case 'finish-provisioning':
      return provisionCase(ctx, request.caseId);
    case 'source-reply':
      return replyUnderSourceMessage(ctx, request.caseId);
    case 'sync-case':
      return syncCase(ctx, request.caseId);
    case 'refresh-card':
      return refreshCaseCard(ctx, request.caseId);
    case 'invite-leads':
      return inviteLeads(ctx, request.caseId);
    case 'deadline-warning':
      return sendDeadlineWarning(ctx, request);
    case 'deadline-breach':
      return handleDeadlineBreach(ctx, request);
    case 'retry-stuck':
      return retryStuckSteps(ctx, request.caseId);
    case 'approval-request':
      return syncApprovalRequest(ctx, request.compensationId);
    case 'approval-nudge':
      return sendApprovalNudge(ctx, request.compensationId);
    case 'follow-up':
      return sendFollowUp(ctx, request.followUpId);
    case 'follow-up-leads':
      return tellLeadsAfterFollowUps(ctx, request.followUpId);
    case 'restore-channel':
      return restoreChannel(ctx, request.closureId);
    case 'action-item-due':
      return sendActionItemReminder(ctx, request.actionItemId);
    case 'retro-requests':
      return askForRetroNotes(ctx, request.closureId);
    case 'retro-reminder':
      return remindAboutRetro(ctx, request.closureId);
    case 'retro-summary':
      return postRetroSummary(ctx, request.closureId);
    case 'case-record':
      return postCaseRecord(ctx, request.closureId);
    case 'publish-home':
      return publishHome(ctx, request);
    case 'refresh-homes':
      return refreshHomesOfCase(ctx, request.caseId);
    case 'export-cases':
      return sendCaseExport(ctx, request.exportId);
    case 'weekly-digest':
      await postWeeklyDigest(ctx, request);
      return;
    case 'reconcile':
      await reconcile(ctx, queue, { atStartup: false });
      return;
    default: {
      const unknown: never = request;
      const kind = (unknown as { kind?: unknown } | null)?.kind;
      throw new UnknownJobKindError(typeof kind === 'string' ? kind.slice(0, KIND_IN_LOG_LENGTH) : typeof kind);
    }
  }
}

const isFinalAttempt = (job: AnthillJob): boolean => job.attemptsMade + 1 >= (job.opts.attempts ?? 1);

/** Turns a failure into the right retry: Retry-After, backoff, or none (permanent). */
async function handleFailure(ctx: AppContext, job: AnthillJob, error: unknown): Promise<never> {
  if (error instanceof UnknownJobKindError) {
    ctx.logger.error({ job: job.name, jobId: job.id, kind: error.kind }, 'job of an unknown kind failed; this version cannot run it');
    throw new UnrecoverableError(error.message);
  }
  const failure = classifySlackError(error);
  const caseId = job.data && 'caseId' in job.data && typeof job.data.caseId === 'string' ? job.data.caseId : undefined;
  const caseNumber = caseId ? (await findCaseById(ctx.db, caseId).catch(() => undefined))?.number : undefined;
  if (failure.kind === 'permanent') {
    // Handlers record their Slack steps as stuck themselves; an error that gets here is a Slack call left unguarded.
    ctx.logger.error({ caseNumber, job: job.name, slackError: failure.error }, 'job stopped on a permanent Slack error');
    throw new UnrecoverableError(`slack error ${failure.error}`);
  }
  const final = isFinalAttempt(job);
  ctx.logger[final ? 'error' : 'warn'](
    { caseNumber, job: job.name, attempt: job.attemptsMade + 1, err: error },
    final ? 'job failed for good; reconciliation will ask again' : 'job failed; will retry',
  );
  if (failure.kind === 'rate_limited') throw new RetryLaterError(failure.retryAfterMs, 'rate limited by Slack');
  throw error;
}

/**
 * The job worker: runs provisioning, card syncs, reminders, retries of stuck steps and reconciliation. Several workers
 * may run against one Redis and PostgreSQL; job ids and job locks keep work single.
 */
export function startWorker(ctx: AppContext, settings: WorkerSettings): Worker {
  const limits = { baseMs: settings.retryBaseMs ?? 1000, maxMs: settings.retryMaxMs ?? 5 * 60_000 };
  const worker = new Worker(
    QUEUE_NAME,
    async (job: AnthillJob, token?: string) => {
      const started = performance.now();
      const finished = (outcome: JobOutcome) => ctx.metrics.jobFinished(job.data, outcome, (performance.now() - started) / 1000);
      try {
        await runJob(ctx, settings.queue, job);
        finished('completed');
      } catch (error) {
        if (error instanceof PaceLaterError) {
          finished('paced');
          // A Slack method out of slots for now: back in the queue until its next one, no try
          // spent and its worker slot free for work that can go (reminders first).
          if (token === undefined) throw new RetryLaterError(error.retryAfterMs, error.message);
          await job.moveToDelayed(Date.now() + error.retryAfterMs, token);
          throw new DelayedError();
        }
        try {
          await handleFailure(ctx, job, error);
        } catch (failure) {
          finished(failure instanceof UnrecoverableError || isFinalAttempt(job) ? 'failed' : 'retried');
          throw failure;
        }
      }
    },
    {
      connection: settings.connection,
      prefix: settings.prefix,
      concurrency: settings.concurrency ?? 20,
      ...(settings.lockDurationMs && { lockDuration: settings.lockDurationMs }),
      ...(settings.stalledIntervalMs && { stalledInterval: settings.stalledIntervalMs }),
      settings: {
        backoffStrategy: (attemptsMade, type, error) =>
          type === SLACK_BACKOFF ? retryDelay(attemptsMade, error, limits) : limits.baseMs,
      },
    },
  );
  worker.on('error', (error) => ctx.logger.error({ err: error }, 'job worker error'));
  return worker;
}
