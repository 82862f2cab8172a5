/**
 * One real Anthill worker in a process of its own, for tests that kill it with SIGKILL.
 * Settings arrive as JSON in argv[2]; it prints `ready <port>` once it takes jobs
 * (the port of its `/healthz` and `/metrics`).
 */
import { startAnthill } from '../../src/anthill.js';
import { loadEnvironment } from '../../src/config/environment.js';
import { parsePolicy } from '../../src/config/policy.js';
import { createLogger } from '../../src/logger.js';
import { testPolicy } from './anthill-harness.js';

interface WorkerProcessSettings {
  slackApiUrl: string;
  token: string;
  databaseUrl: string;
  redisUrl: string;
  prefix: string;
  lockDurationMs: number;
  stalledIntervalMs: number;
  /** The policy file's text, when the test changed the fixture's. */
  policyText?: string;
  metricsToken?: string;
}

const settings = JSON.parse(process.argv[2] ?? '{}') as WorkerProcessSettings;
const environment = loadEnvironment({
  SLACK_BOT_TOKEN: settings.token,
  SLACK_API_URL: settings.slackApiUrl,
  SLACK_SIGNING_SECRET: 'unused-by-workers',
  DATABASE_URL: settings.databaseUrl,
  REDIS_URL: settings.redisUrl,
  PORT: '0',
  ANTHILL_ROLE: 'worker',
  SLACK_PACING: 'off',
  ...(settings.metricsToken && { METRICS_TOKEN: settings.metricsToken }),
});
const running = await startAnthill({
  environment,
  policy: settings.policyText ? parsePolicy(settings.policyText) : await testPolicy(),
  logger: createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', undefined, [settings.token]),
  queuePrefix: settings.prefix,
  worker: { retryBaseMs: 50, retryMaxMs: 500, lockDurationMs: settings.lockDurationMs, stalledIntervalMs: settings.stalledIntervalMs },
});
process.stdout.write(`ready ${running.port}\n`);
