import type { Queue } from 'bullmq';
import type { Logger } from 'pino';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { countOpenCases } from '../db/case-repository.js';
import type { Db } from '../db/connect.js';
import { within } from '../health.js';
import { knownJobKind } from '../jobs/job-kinds.js';
import type { SlackCallObserver } from '../outbound/slack-client.js';
import { METHOD_TIERS } from '../outbound/slack-pacer.js';

/** How a job run ended: done, failed for good, failed with a try left, or moved back until its Slack method has a slot. */
export type JobOutcome = 'completed' | 'failed' | 'retried' | 'paced';

/** Which reminder went out: the DM before a deadline, or the ping once it passed. */
export type ReminderKind = 'warning' | 'breach';

/** The queue states `anthill_queue_jobs` reports. */
const QUEUE_STATES = ['waiting', 'delayed', 'active', 'prioritized', 'failed'] as const;
const QUEUE_TIMEOUT_MS = 1000;
const OPEN_CASES_CACHE_MS = 15_000;

/** Seconds, 10 ms to five minutes: a reminder a few milliseconds late and one stuck behind an outage both land in a bucket of their own. */
const LATENESS_BUCKETS = [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const JOB_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];
const SLACK_CALL_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** A Web API method as metrics may name it: one the bot calls, else `other`. */
export function knownSlackMethod(method: string): string {
  return method === 'chat.postMessage' || Object.hasOwn(METHOD_TIERS, method) ? method : 'other';
}

export interface MetricsSources {
  readonly db: Db;
  readonly queue: Queue;
  readonly logger: Logger;
}

/**
 * One Anthill process's metrics, in a registry of its own (never prom-client's global
 * one, so several instances in one process stay apart). Labels are bounded: job kinds
 * and Slack methods this version knows, else `unknown` / `other`; no ids, no text.
 *
 * @example
 * const metrics = new AnthillMetrics();
 * metrics.jobFinished({ kind: 'sync-case' }, 'completed', 0.042);
 * response.end(await metrics.registry.metrics());
 */
export class AnthillMetrics {
  readonly registry = new Registry();
  private readonly jobDuration: Histogram<'kind' | 'outcome'>;
  private readonly slackCalls: Counter<'method' | 'outcome'>;
  private readonly slackCallDuration: Histogram<'method'>;
  private readonly reminderLateness: Histogram<'kind'>;
  private openCases: { at: number; count: Promise<number> } | undefined;

  constructor() {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    this.jobDuration = new Histogram({
      name: 'anthill_job_duration_seconds',
      help: 'How long one run of a job took, by job kind and how it ended (completed, failed for good, retried, paced back into the queue).',
      labelNames: ['kind', 'outcome'],
      buckets: JOB_BUCKETS,
      registers,
    });
    this.slackCalls = new Counter({
      name: 'anthill_slack_calls_total',
      help: "The bot's Slack Web API calls, by method and outcome (ok, error, rate_limited: a 429).",
      labelNames: ['method', 'outcome'],
      registers,
    });
    this.slackCallDuration = new Histogram({
      name: 'anthill_slack_call_duration_seconds',
      help: "How long Slack took to answer one of the bot's Web API calls (after pacing), by method.",
      labelNames: ['method'],
      buckets: SLACK_CALL_BUCKETS,
      registers,
    });
    this.reminderLateness = new Histogram({
      name: 'anthill_reminder_lateness_seconds',
      help: 'How long after its time a reminder went out: a deadline warning DM after warn_at, a breach ping after the deadline.',
      labelNames: ['kind'],
      buckets: LATENESS_BUCKETS,
      registers,
    });
  }

  /** Counts a job run; the kind is read from the job's data and bounded. */
  jobFinished(data: unknown, outcome: JobOutcome, seconds: number): void {
    this.jobDuration.observe({ kind: knownJobKind(data), outcome }, seconds);
  }

  /** Observes the Web API calls of the bot's own client (outbound/slack-client.ts). */
  readonly slackObserver: SlackCallObserver = {
    onCall: ({ method, outcome, durationMs }) => {
      const known = knownSlackMethod(method);
      this.slackCalls.inc({ method: known, outcome });
      this.slackCallDuration.observe({ method: known }, durationMs / 1000);
    },
  };

  /** A reminder went out at `now`; it was due at `dueAt` (warn_at for a warning, due_at for a breach). */
  reminderSent(kind: ReminderKind, dueAt: Date, now: Date): void {
    this.reminderLateness.observe({ kind }, Math.max(0, now.getTime() - dueAt.getTime()) / 1000);
  }

  /** Adds the gauges read at scrape time: queue depth (from Redis) and open cases (from PostgreSQL, cached). */
  watch(sources: MetricsSources): void {
    const registers = [this.registry];
    new Gauge({
      name: 'anthill_queue_jobs',
      help: 'Jobs in the queue by state (waiting, delayed, active, prioritized, failed), read from Redis when scraped.',
      labelNames: ['state'],
      registers,
      async collect() {
        try {
          const counts = await within(sources.queue.getJobCounts(...QUEUE_STATES), QUEUE_TIMEOUT_MS);
          for (const state of QUEUE_STATES) this.set({ state }, counts[state] ?? 0);
        } catch (error) {
          // No figure rather than a stale one: the series disappear until Redis answers again.
          this.reset();
          sources.logger.warn({ err: error }, 'metrics: could not read the queue counts');
        }
      },
    });
    const openCases = (): Promise<number> => {
      const now = performance.now();
      if (!this.openCases || now - this.openCases.at >= OPEN_CASES_CACHE_MS) {
        const count = countOpenCases(sources.db);
        // A failed count is not cached: the next scrape asks again.
        count.catch(() => (this.openCases = undefined));
        this.openCases = { at: now, count };
      }
      return this.openCases.count;
    };
    new Gauge({
      name: 'anthill_open_cases',
      help: 'Cases not closed yet, from PostgreSQL (counted at most every 15 seconds).',
      registers,
      async collect() {
        try {
          this.set(await within(openCases(), QUEUE_TIMEOUT_MS * 2));
        } catch (error) {
          // The last count stands (a gauge without labels cannot go absent; 0 would be a lie).
          sources.logger.warn({ err: error }, 'metrics: could not count the open cases');
        }
      },
    });
  }
}

/** Both observers see every call: Anthill's metrics and the one a caller passed (tests, benchmarks). */
export function observeBoth(first: SlackCallObserver, second: SlackCallObserver | undefined): SlackCallObserver {
  if (!second) return first;
  return {
    onCall(call) {
      first.onCall(call);
      second.onCall(call);
    },
  };
}
