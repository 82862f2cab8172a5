import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { App } from '@slack/bolt';
import { PacedWebClient, type SlackClientHooks } from './outbound/slack-client.js';
import { RedisSlackPacer } from './outbound/slack-pacer.js';
import type { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import type { Environment } from './config/environment.js';
import type { Policy } from './config/policy.js';
import type { AppContext } from './context.js';
import { connectDatabase, KEPT_CONNECTIONS, openConnections, type Db } from './db/connect.js';
import { ensureDatabase } from './db/ensure-database.js';
import { migrateToLatest } from './db/migrate.js';
import { fillBusinessTimes } from './db/case-times-repository.js';
import { slackLogger } from './logger.js';
import { checkHealth } from './health.js';
import { evictionPolicy, evictionWarning } from './redis-eviction.js';
import { startHealthServer } from './health-server.js';
import { createQueue, QueueJobScheduler } from './jobs/job-queue.js';
import { reconcile } from './jobs/reconcile.js';
import { startWorker, type WorkerSettings } from './jobs/worker.js';
import { RECONCILE_EVERY_MS, scheduleReconciliation } from './jobs/reconcile-schedule.js';
import { scheduleWeeklyDigest } from './jobs/weekly-digest-schedule.js';
import { createSlackApp } from './slack/create-app.js';
import { SlackAccounts } from './slack/slack-accounts.js';
import { wordsFor } from './i18n/words.js';
import { AnthillMetrics, observeBoth } from './metrics/anthill-metrics.js';
import { answerMetrics } from './metrics/metrics-endpoint.js';

export interface AnthillOptions {
  readonly environment: Environment;
  readonly policy: Policy;
  readonly logger: Logger;
  /** Redis key prefix of the job queue; tests and benchmarks isolate themselves with it. */
  readonly queuePrefix?: string;
  readonly worker?: Partial<Pick<WorkerSettings, 'concurrency' | 'retryBaseMs' | 'retryMaxMs' | 'lockDurationMs' | 'stalledIntervalMs'>>;
  readonly jobAttempts?: number;
  /** How often reconciliation runs (default every minute); tests make it faster. */
  readonly reconcileEveryMs?: number;
  readonly now?: () => Date;
  /** Pacing and observation of the bot's Web API calls (see outbound/slack-client.ts); an observer is told besides Anthill's metrics. */
  readonly slackHooks?: SlackClientHooks;
}

export interface RunningAnthill {
  readonly ctx: AppContext;
  /** The HTTP port actually listened on (web role), for PORT=0. */
  readonly port: number | undefined;
  stop(options?: { graceMs?: number }): Promise<void>;
}

/** A Redis connection as BullMQ needs it: commands wait for reconnection instead of failing. */
function connectRedis(url: string): Redis {
  return new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
}

function connectPacingRedis(url: string, closers: Array<() => Promise<unknown>>): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000 });
  // Errors surface as failed commands (and unpaced calls); the connection keeps retrying by itself.
  redis.on('error', () => undefined);
  closers.push(() => redis.quit());
  return redis;
}

/**
 * Starts Anthill in the role the environment names: `web` serves Slack's requests,
 * `worker` runs jobs, `all` both. Migrations are applied first, under Kysely's lock.
 */
export async function startAnthill(options: AnthillOptions): Promise<RunningAnthill> {
  const { environment, policy, logger } = options;
  const prefix = options.queuePrefix ?? 'anthill';
  if (await ensureDatabase(environment.databaseUrl)) logger.info('created the database');
  const db: Db = connectDatabase(environment.databaseUrl, { keptConnections: KEPT_CONNECTIONS });
  const redis = connectRedis(environment.redisUrl);
  const closers: Array<() => Promise<unknown>> = [() => db.destroy(), () => redis.quit()];
  const closeAll = async (): Promise<void> => {
    for (const close of closers.reverse()) await close().catch((error: unknown) => logger.warn({ err: error }, 'error while closing'));
  };

  // One registry per instance: tests run several in one process.
  const metrics = new AnthillMetrics();
  try {
    // Pacing has its own connection that fails fast, so a Redis outage lets calls go unpaced instead of hanging them.
    let pacedTeam = 'pending';
    const pacer =
      options.slackHooks?.pacer ??
      (environment.slackPacing === 'slack'
        ? new RedisSlackPacer({ redis: connectPacingRedis(environment.redisUrl, closers), teamId: () => pacedTeam, prefix, logger })
        : undefined);
    const slack = new PacedWebClient(environment.slackBotToken, {
      slackApiUrl: environment.slackApiUrl,
      // Retries belong to jobs, which survive restarts and honour Retry-After.
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 10_000,
      // Its own console logger would bypass ours, and with it the redaction of errors.
      logger: slackLogger(logger, 'web-api'),
    }, { ...(pacer && { pacer }), observer: observeBoth(metrics.slackObserver, options.slackHooks?.observer) });
    // Independent start-up round trips go together: a restart is healthy sooner.
    const [maxmemoryPolicy, applied, identity] = await Promise.all([
      evictionPolicy(redis),
      migrateToLatest(db),
      slack.auth.test(),
      openConnections(db, KEPT_CONNECTIONS),
    ]);
    const eviction = evictionWarning(maxmemoryPolicy);
    if (eviction) logger.warn({ maxmemoryPolicy }, eviction);
    if (applied.length) logger.info({ migrations: applied }, 'applied database migrations');
    // Cases from before the stats migration get their business times on this policy's calendar.
    const filled = await fillBusinessTimes(db, policy.calendar);
    if (filled) logger.info({ cases: filled }, 'filled business times for stats');
    if (!identity.user_id) throw new Error('auth.test did not return the bot user id');
    if (!identity.team_id) throw new Error('auth.test did not return the workspace id');
    pacedTeam = identity.team_id;

    const queue: Queue = createQueue({ connection: redis, prefix });
    closers.push(() => queue.close());
    metrics.watch({ db, queue, logger });
    const ctx: AppContext = {
      db,
      policy,
      slack,
      botUserId: identity.user_id,
      workspace: { teamId: identity.team_id, ...(identity.enterprise_id && { enterpriseId: identity.enterprise_id }) },
      accounts: new SlackAccounts(slack),
      jobs: new QueueJobScheduler(queue, options.jobAttempts),
      logger,
      words: wordsFor(policy),
      now: options.now ?? (() => new Date()),
      metrics,
    };

    let worker: Worker | undefined;
    if (environment.role !== 'web') {
      const workerRedis = connectRedis(environment.redisUrl);
      closers.push(() => workerRedis.quit());
      worker = startWorker(ctx, { connection: workerRedis, queue, prefix, ...options.worker });
      const everyMs = options.reconcileEveryMs ?? RECONCILE_EVERY_MS;
      const assertSchedules = () => Promise.all([scheduleReconciliation(queue, everyMs), scheduleWeeklyDigest(queue, policy.calendar.timeZone, options.jobAttempts)]);
      await assertSchedules();
      // Re-asserted locally too: a Redis that lost its data also lost the schedules.
      const keepSchedule = setInterval(() => {
        assertSchedules().catch((error: unknown) => logger.warn({ err: error }, 'could not renew the job schedules'));
      }, everyMs);
      keepSchedule.unref();
      closers.push(async () => clearInterval(keepSchedule));
    }

    let app: App | undefined;
    let port: number | undefined;
    const check = () => checkHealth(db, redis);
    if (environment.role !== 'worker') {
      app = createSlackApp(ctx, environment, check);
      const server = (await app.start(environment.port)) as Server | undefined;
      const address = server?.address?.();
      port = address && typeof address === 'object' ? (address as AddressInfo).port : environment.port;
    } else {
      const health = await startHealthServer(environment.port, check, (request, response) => answerMetrics(metrics, environment.metricsToken, logger, request, response));
      port = health.port;
      closers.push(() => new Promise((resolve) => health.server.close(resolve)));
    }
    if (worker) {
      // After the web server listens, so /healthz answers while PostgreSQL is compared with the queue.
      const report = await reconcile(ctx, queue, { atStartup: true });
      logger.info({ requested: report.requested, removed: report.removed }, 'start-up reconciliation done');
    }
    logger.info({ role: environment.role, port, mode: environment.slackAppToken ? 'socket' : 'http' }, 'anthill started');

    return {
      ctx,
      port,
      async stop({ graceMs = 8_000 } = {}) {
        // Stop taking requests first, then let running jobs finish within the grace period
        // (8 s fits inside the 10 s Docker and Kubernetes give between SIGTERM and SIGKILL).
        if (app) await app.stop().catch((error: unknown) => logger.warn({ err: error }, 'error stopping the Slack app'));
        if (worker) {
          const running = worker;
          let timer: NodeJS.Timeout | undefined;
          const graceful = running.close();
          const forced = new Promise<void>((resolve) => {
            timer = setTimeout(() => {
              logger.warn({ graceMs }, 'jobs still running after the grace period; stopping them');
              resolve(running.close(true));
            }, graceMs);
          });
          await Promise.race([graceful, forced]).finally(() => clearTimeout(timer));
        }
        await closeAll();
        logger.info('anthill stopped');
      },
    };
  } catch (error) {
    await closeAll();
    throw error;
  }
}
