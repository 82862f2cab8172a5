import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startAnthill, type RunningAnthill } from '../src/anthill.js';
import { loadEnvironment } from '../src/config/environment.js';
import { parsePolicy } from '../src/config/policy.js';
import { loadStats, type PeriodStats } from '../src/db/stats-repository.js';
import { connectDatabase } from '../src/db/connect.js';
import { parsePeriod, previousPeriod, type Period } from '../src/domain/period.js';
import { createLogger } from '../src/logger.js';
import { SIGNING_SECRET, REDIS_URL } from '../test/support/anthill-harness.js';
import { FakeSlack } from '../fake-slack/index.js';
import { ResponseUrlCatcher, SlackRequests } from '../fake-slack/slack-requests.js';
import { compareFigures, handStats, type HandFigures } from './insight-sql.js';
import { ensureStatsDatabase, STATS_TEAM_ID, STATS_TIME_ZONE, statsPolicyYaml, type SeededDatabase } from './seed-stats.js';
import { ms, summarize, type LatencySummary } from './stats.js';

/** The issue's targets: the bot within 1.5× the hand-written SQL, and 90 days answered within a second. */
export const STATS_RATIO_TARGET = 1.5;
export const STATS_90D_TARGET_MS = 1000;

const LEAD = 'U0LEAD001';
/** The start of the stats reply's title in English (catalog `stats.title`). */
const STATS_TITLE = 'Complaint stats';
const PERIODS = ['30d', '90d'] as const;
type PeriodText = (typeof PERIODS)[number];

export interface InsightOptions {
  /** Cases of the benchmark's workspace, and of the other one (which must never count). */
  readonly cases: number;
  readonly otherCases: number;
  /** Measured requests (and hand-written statements) per period. */
  readonly runs: number;
  /** Unmeasured ones per period first: the bot's and PostgreSQL's caches warm alike. */
  readonly warmup: number;
  /** How long to wait for one answer on the response URL. */
  readonly timeoutMs: number;
}

/** A million cases; `BENCH_STATS_CASES` seeds another size (a smaller one for a quick look; its own seeding). */
const CASES = Number(process.env.BENCH_STATS_CASES ?? 1_000_000);
export const DEFAULT_INSIGHT_OPTIONS: InsightOptions = { cases: CASES, otherCases: Math.round(CASES / 50), runs: 15, warmup: 3, timeoutMs: 30_000 };

export interface PeriodTiming {
  readonly period: PeriodText;
  /** Signed slash command sent → the ephemeral answer arriving on the response URL. */
  readonly bot: LatencySummary;
  /** The hand-written statement, both periods, from query sent to rows received. */
  readonly sql: LatencySummary;
  /** bot p50 / sql p50 */
  readonly ratio: number;
}

export interface InsightResult {
  readonly options: InsightOptions;
  readonly seed: SeededDatabase;
  readonly timings: readonly PeriodTiming[];
  /** The hand-written statement against `loadStats` for 30 days and the 30 days before. */
  readonly crossCheck: { readonly compared: number; readonly differences: readonly string[] };
  /** Answers that were not the stats reply (an error message, nothing within the timeout). */
  readonly failedAnswers: number;
  readonly targetMet: boolean;
}

/** `loadStats`'s figures in the shape the hand-written statement's take. */
function botFigures(stats: PeriodStats): HandFigures {
  return {
    opened: stats.opened,
    resolved: stats.resolved,
    closed: stats.closed,
    openNow: stats.openNow,
    firstResponse: stats.firstResponse,
    resolution: stats.resolution,
    deadlines: stats.deadlines,
    compensation: {
      totalMinor: stats.compensation.totalMinor,
      count: stats.compensation.count,
      byKind: Object.fromEntries(stats.compensation.byKind.map((entry) => [entry.kind, { totalMinor: entry.totalMinor, count: entry.count }])),
    },
    satisfaction: stats.satisfaction,
    topCategories: stats.topCategories.map((entry) => [entry.categoryId, entry.count] as const),
    rootCauses: stats.rootCauses.map((entry) => [entry.cause, entry.count] as const),
    casesPerWeek: stats.openedPerBucket.counts,
  };
}

function periodOf(text: PeriodText, now: Date): Period {
  const period = parsePeriod(text, STATS_TIME_ZONE, now);
  if ('problem' in period) throw new Error(`period ${text}: ${period.problem}`);
  return period;
}

/** An answer on a response URL as text, for telling a stats reply from an error. */
function answerText(body: unknown): string {
  return JSON.stringify(body);
}

/** Removes the benchmark's BullMQ keys. */
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

/**
 * `/complaint stats 30d` and `90d` end to end on the real bot (role `web`, so no worker
 * competes: it would be busy with reconciling a million Slack-less cases) against a
 * database seeded with `cases` cases over two years, taking turns with a hand-written
 * statement computing the same figures run straight through `pg`; then a cross-check
 * that the hand-written figures for 30 days (and the 30 before) equal `loadStats`'s.
 */
export async function benchInsight(options: InsightOptions = DEFAULT_INSIGHT_OPTIONS): Promise<InsightResult> {
  const seed = await ensureStatsDatabase({ cases: options.cases, otherCases: options.otherCases });
  console.log(`  stats: ${Object.entries(seed.rows).map(([table, n]) => `${table} ${n}`).join(', ')}`);
  const policy = parsePolicy(statsPolicyYaml(seed.seededAt));
  const slack = await FakeSlack.start();
  const catcher = await ResponseUrlCatcher.start();
  const prefix = `anthill-bench-stats-${randomBytes(4).toString('hex')}`;
  slack.addUsers([LEAD, 'U0AAA0001', 'U0HEAD001']);
  slack.createChannel({ name: 'customer-team', id: 'C0TEAM0001', botIsMember: true });
  const logger = createLogger(process.env.BENCH_LOG_LEVEL ?? 'silent', undefined, [slack.token, SIGNING_SECRET]);
  // Serial, as the statement is written to read each index once: on a couple of CPUs, starting parallel workers costs more than they save.
  const pool = new pg.Pool({ connectionString: seed.url, max: 1, options: '-c max_parallel_workers_per_gather=0' });
  let anthill: RunningAnthill | undefined;
  try {
    anthill = await startAnthill({
      environment: loadEnvironment({
        SLACK_BOT_TOKEN: slack.token,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        DATABASE_URL: seed.url,
        REDIS_URL,
        PORT: '0',
        ANTHILL_ROLE: 'web',
        SLACK_PACING: 'off',
      }),
      policy,
      logger,
      queuePrefix: prefix,
    });
    const requests = new SlackRequests({ baseUrl: `http://127.0.0.1:${anthill.port}`, signingSecret: SIGNING_SECRET, teamId: slack.teamId, responseUrl: () => catcher.nextUrl() });

    let failedAnswers = 0;
    const botRun = async (text: PeriodText): Promise<number | undefined> => {
      const sentAt = Date.now();
      const response = await requests.slashCommand({ userId: LEAD, channelId: 'C0TEAM0001', text: `stats ${text}` });
      const url = response.responseUrl ?? '';
      const answer = await catcher.waitFor(() => catcher.posts(url)[0], options.timeoutMs).catch(() => undefined);
      const body = answer?.body as { response_type?: string } | undefined;
      // The stats reply is ephemeral and titled (the policy speaks English); anything else (an error, a usage message) is a failure.
      if (response.status !== 200 || !answer || body?.response_type !== 'ephemeral' || !answerText(body).includes(STATS_TITLE)) {
        failedAnswers += 1;
        if (failedAnswers === 1) console.log(`  stats: unexpected answer to stats ${text}: HTTP ${response.status}, ${answer ? answerText(answer.body).slice(0, 300) : 'nothing'}`);
        return undefined;
      }
      return answer.at - sentAt;
    };
    const sqlRun = async (text: PeriodText): Promise<number> => {
      const now = new Date();
      const period = periodOf(text, now);
      const started = Date.now();
      await handStats(pool, { teamId: STATS_TEAM_ID, previousFrom: previousPeriod(period).from, from: period.from, to: period.to, now });
      return Date.now() - started;
    };

    const samples = Object.fromEntries(PERIODS.map((text) => [text, { bot: [] as number[], sql: [] as number[] }]));
    for (let round = 0; round < options.warmup + options.runs; round++) {
      const measured = round >= options.warmup;
      for (const text of PERIODS) {
        // Who goes first alternates, so a cache warmed by one helps the other as often.
        const order = round % 2 === 0 ? (['bot', 'sql'] as const) : (['sql', 'bot'] as const);
        for (const who of order) {
          const taken = who === 'bot' ? await botRun(text) : await sqlRun(text);
          if (measured && taken !== undefined) samples[text]?.[who].push(taken);
        }
      }
      if (measured) {
        const last = PERIODS.map((text) => `${text} bot ${samples[text]?.bot.at(-1) ?? '-'} ms, sql ${samples[text]?.sql.at(-1) ?? '-'} ms`);
        console.log(`  stats round ${String(round - options.warmup + 1).padStart(2)}/${options.runs}: ${last.join(' | ')}`);
      }
    }

    const timings = PERIODS.map((text): PeriodTiming => {
      const taken = samples[text];
      if (!taken || taken.bot.length === 0 || taken.sql.length === 0) throw new Error(`no successful measured stats ${text}`);
      const bot = summarize(taken.bot);
      const sql = summarize(taken.sql);
      return { period: text, bot, sql, ratio: bot.p50 / sql.p50 };
    });

    // The cross-check: the same instant for both, so the same deadlines have passed.
    const now = new Date();
    const period = periodOf('30d', now);
    const previous = previousPeriod(period);
    const hand = await handStats(pool, { teamId: STATS_TEAM_ID, previousFrom: previous.from, from: period.from, to: period.to, now });
    const db = connectDatabase(seed.url, { maxConnections: 2 });
    let crossCheck: { compared: number; differences: string[] };
    try {
      const [current, before] = await Promise.all([
        loadStats(db, { teamId: STATS_TEAM_ID, from: period.from, to: period.to, now }),
        loadStats(db, { teamId: STATS_TEAM_ID, from: previous.from, to: previous.to, now }),
      ]);
      const first = compareFigures(hand.current, botFigures(current));
      const second = compareFigures(hand.previous, botFigures(before));
      crossCheck = {
        compared: first.compared + second.compared,
        differences: [...first.differences.map((line) => `30d ${line}`), ...second.differences.map((line) => `previous 30d ${line}`)],
      };
      console.log(`  stats: 30d opened ${hand.current.opened}, resolved ${hand.current.resolved}, closed ${hand.current.closed}, open now ${hand.current.openNow}, ` +
        `first response p50 ${ms(hand.current.firstResponse.medianMs ?? 0)}, approved compensation ${hand.current.compensation.count}`);
      for (const line of crossCheck.differences) console.log(`  stats: differs: ${line}`);
    } finally {
      await db.destroy();
    }

    const ninety = timings.find((timing) => timing.period === '90d');
    const targetMet =
      failedAnswers === 0 &&
      crossCheck.differences.length === 0 &&
      timings.every((timing) => timing.ratio <= STATS_RATIO_TARGET) &&
      ninety !== undefined &&
      ninety.bot.p50 < STATS_90D_TARGET_MS;
    return { options, seed, timings, crossCheck, failedAnswers, targetMet };
  } finally {
    await anthill?.stop({ graceMs: 2000 });
    await pool.end();
    await cleanRedis(REDIS_URL, prefix);
    await catcher.stop();
    await slack.stop();
  }
}
