import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { readFile } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { startAnthill, type AnthillOptions, type RunningAnthill } from '../../src/anthill.js';
import { loadEnvironment, type Environment } from '../../src/config/environment.js';
import { parsePolicy, type Policy } from '../../src/config/policy.js';
import { createLogger } from '../../src/logger.js';
import { FakeSlack, type RateLimitOption } from '../../fake-slack/index.js';
import { SlackRequests, ResponseUrlCatcher } from '../../fake-slack/slack-requests.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import type { BotProcessSettings } from './bot-process.js';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The policy integration tests run with, optionally changed by a test. */
export async function testPolicy(edit: (yaml: string) => string = (y) => y): Promise<Policy> {
  const text = await readFile(new URL('../fixtures/anthill.test.yml', import.meta.url), 'utf8');
  return parsePolicy(edit(text));
}

/** Everyone the policy names (responders, leads, approvers): people of the fake workspace. */
export function policyPeople(policy: Policy): string[] {
  const approvers = policy.approvalTiers.flatMap((tier) => tier.approvers).filter((id) => id !== 'owner');
  return [...new Set([...policy.responders, ...policy.leads, ...approvers])].filter((id) => !id.startsWith('S'));
}

/** A bot in a process of its own; `child` for a test that kills it. */
export interface BotProcess extends RunningAnthill {
  readonly child: ChildProcess;
}

export interface BotProcessOptions {
  readonly role?: Environment['role'];
  readonly worker?: AnthillOptions['worker'];
  /** The policy file's text, when the test changed the fixture's (the process cannot take the parsed policy). */
  readonly policyText?: string;
  readonly metricsToken?: string;
}

export interface Harness {
  readonly slack: FakeSlack;
  readonly database: TestDatabase;
  readonly catcher: ResponseUrlCatcher;
  readonly prefix: string;
  policy: Policy;
  anthill: RunningAnthill;
  requests: SlackRequests;
  /** Starts another Anthill process-alike against the same database, Redis and fake Slack. */
  startAnother(options?: Partial<AnthillOptions> & { role?: Environment['role'] }): Promise<RunningAnthill>;
  /**
   * Starts the bot in a process of its own against the same database, Redis and fake Slack
   * (default role `worker`); the harness stops it on close unless the test killed it.
   */
  startProcess(options?: BotProcessOptions): Promise<BotProcess>;
  /** Stops the running Anthill and starts a fresh one (same database and queue), optionally after a pause. */
  restart(options?: Partial<AnthillOptions> & { downForMs?: number; role?: Environment['role'] }): Promise<void>;
  close(): Promise<void>;
}

/**
 * The whole bot for one test file: a fresh database, its own Redis queue prefix, the
 * fake Slack Web API, and the real Bolt app listening on a free port. It logs through
 * Anthill's logger (silent unless TEST_LOG_LEVEL is set), or through `logger` when given.
 */
export async function startHarness(
  options: Partial<AnthillOptions> & {
    policy?: Policy;
    role?: Environment['role'];
    redisUrl?: string;
    /** `slack` paces the bot's calls to Slack's tiers, shared in Redis (default `off`). */
    pacing?: 'slack' | 'off';
    /** The fake's rate limits (`'slack'`: Slack's published tiers); default none. */
    slackRateLimits?: RateLimitOption;
    /**
     * The bot in a process of its own (benchmarks), so the fake Slack's and the measuring's
     * work is not charged to it. Its `ctx` is not reachable; only the test policy is supported.
     */
    botProcess?: boolean;
    /** People of the workspace besides the policy's (reporters, agents); the fake knows no one else. */
    users?: readonly string[];
  } = {},
): Promise<Harness> {
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const slack = await FakeSlack.start(options.slackRateLimits === undefined ? {} : { rateLimits: options.slackRateLimits });
  const database = await createTestDatabase({ migrate: false });
  const catcher = await ResponseUrlCatcher.start();
  const prefix = `anthill-test-${randomBytes(4).toString('hex')}`;
  const policy = options.policy ?? (await testPolicy());
  slack.addUsers([...policyPeople(policy), ...(options.users ?? [])]);
  slack.createChannel({ name: 'customer-team', id: 'C0TEAM0001', botIsMember: true });
  const logger = options.logger ?? createLogger(process.env.TEST_LOG_LEVEL ?? 'silent', undefined, [slack.token, SIGNING_SECRET]);

  if (options.botProcess === true && options.policy !== undefined) throw new Error('startHarness: botProcess runs the test policy only');
  const variablesFor = (role: Environment['role'], metricsToken?: string): Record<string, string> => ({
      SLACK_BOT_TOKEN: slack.token,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      DATABASE_URL: database.url,
      REDIS_URL: redisUrl,
      PORT: '0',
      ANTHILL_ROLE: role,
      // The fake Slack is unlimited unless a test turns its tiers on; so is the bot's pacing.
      SLACK_PACING: options.pacing ?? 'off',
      ...(metricsToken !== undefined && { METRICS_TOKEN: metricsToken }),
  });
  const processes: BotProcess[] = [];
  const startProcess = async (extra: BotProcessOptions = {}): Promise<BotProcess> => {
    const started = await startBotProcess({
      environment: variablesFor(extra.role ?? 'worker', extra.metricsToken),
      queuePrefix: prefix,
      worker: { retryBaseMs: 50, retryMaxMs: 500, ...options.worker, ...extra.worker },
      jobAttempts: options.jobAttempts ?? 5,
      secrets: [slack.token, SIGNING_SECRET, ...(extra.metricsToken === undefined ? [] : [extra.metricsToken])],
      ...(extra.policyText !== undefined && { policyText: extra.policyText }),
    });
    processes.push(started);
    return started;
  };
  const launch = (extra: Partial<AnthillOptions> & { role?: Environment['role'] } = {}): Promise<RunningAnthill> => {
    const role = extra.role ?? options.role ?? 'all';
    if (options.botProcess === true) return startProcess({ role, ...(extra.worker && { worker: extra.worker }) });
    const worker = { retryBaseMs: 50, retryMaxMs: 500, ...options.worker, ...extra.worker };
    const environment = loadEnvironment(variablesFor(role));
    return startAnthill({
      environment,
      policy: harness.policy,
      logger,
      queuePrefix: prefix,
      worker,
      jobAttempts: options.jobAttempts ?? 5,
      ...(options.reconcileEveryMs && { reconcileEveryMs: options.reconcileEveryMs }),
      ...(options.now && { now: options.now }),
      ...(options.slackHooks && { slackHooks: options.slackHooks }),
      ...(extra.now && { now: extra.now }),
    });
  };

  const others: RunningAnthill[] = [];
  const harness: Harness = {
    slack,
    database,
    catcher,
    prefix,
    policy,
    anthill: undefined as unknown as RunningAnthill,
    requests: undefined as unknown as SlackRequests,
    startProcess,
    async startAnother(extra) {
      const another = await launch(extra);
      others.push(another);
      return another;
    },
    async restart(extra) {
      await harness.anthill.stop({ graceMs: 5000 });
      if (extra?.downForMs) await new Promise((resolve) => setTimeout(resolve, extra.downForMs));
      harness.anthill = await launch(extra);
      harness.requests = requestsFor(harness.anthill);
    },
    async close() {
      for (const other of others) await other.stop({ graceMs: 2000 });
      for (const started of processes) await started.stop();
      await harness.anthill.stop({ graceMs: 2000 });
      await cleanRedis(redisUrl, prefix);
      await database.drop();
      await catcher.stop();
      await slack.stop();
    },
  };
  const requestsFor = (running: RunningAnthill): SlackRequests =>
    new SlackRequests({ baseUrl: `http://127.0.0.1:${running.port}`, signingSecret: SIGNING_SECRET, teamId: slack.teamId, responseUrl: () => catcher.nextUrl() });
  harness.anthill = await launch();
  harness.requests = requestsFor(harness.anthill);
  return harness;
}

const BOT_PROCESS = fileURLToPath(new URL('./bot-process.ts', import.meta.url));
/** Extra Node flags for the bot's process, e.g. `BOT_NODE_ARGS='--cpu-prof --cpu-prof-dir=prof'` to profile a benchmark's bot. */
const BOT_NODE_ARGS = (process.env.BOT_NODE_ARGS ?? '').split(' ').filter(Boolean);

/** The bot started by test/support/bot-process.ts, once it says it is ready. */
async function startBotProcess(settings: BotProcessSettings): Promise<BotProcess> {
  const child = spawn(process.execPath, [...BOT_NODE_ARGS, '--import', 'tsx', BOT_PROCESS, JSON.stringify(settings)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise<number>((resolve, reject) => {
    lines.on('line', (line) => {
      const match = /^ready (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`bot process exited with ${code} before it was ready`)));
  });
  const port = await ready;
  return {
    child,
    get ctx(): never {
      throw new Error('the bot runs in a process of its own: its context is not reachable');
    },
    port: port === 0 ? undefined : port,
    async stop() {
      // Already gone: exited, or killed by the test (a signal leaves exitCode null).
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Removes the test's BullMQ keys. */
async function cleanRedis(url: string, prefix: string): Promise<void> {
  const { Redis } = await import('ioredis');
  const redis = new Redis(url);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}
