/**
 * Reminder lateness: 10,000 cases whose first-response reminders fall due over the next
 * 60 seconds, seeded in PostgreSQL and handed to the real worker by start-up
 * reconciliation; each reminder's lateness is the time from its due instant to the fake
 * Slack receiving its DM. The floor is bare BullMQ delayed jobs with the same due
 * instants whose processor only records the time.
 */
import { randomBytes } from 'node:crypto';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { sql } from 'kysely';
import type { Db } from '../src/db/connect.js';
import { REDIS_URL, startHarness, type Harness } from '../test/support/anthill-harness.js';
import { summarize, type LatencySummary } from './stats.js';

export interface ReminderOptions {
  readonly cases: number;
  readonly spreadMs: number;
  /** Time from the end of seeding to the first due reminder. */
  readonly leadMs: number;
  readonly concurrency: number;
}

export const DEFAULT_REMINDER_OPTIONS: ReminderOptions = { cases: 10_000, spreadMs: 60_000, leadMs: 15_000, concurrency: 20 };
export const REMINDER_P99_TARGET_MS = 1000;

export interface ReminderResult {
  readonly options: ReminderOptions;
  readonly bot: LatencySummary | undefined;
  readonly floor: LatencySummary | undefined;
  readonly sent: number;
  readonly duplicates: number;
  readonly missing: number;
  readonly redisBytesPerPendingJob: number;
  readonly pendingJobs: number;
  readonly targetMet: boolean;
}

const TEAM = 'T0TEAM001';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function usedMemory(redis: Redis): Promise<number> {
  const info = await redis.info('memory');
  return Number(/used_memory:(\d+)/.exec(info)?.[1] ?? 0);
}

/** Cases, their channels (already provisioned) and deadlines, straight into PostgreSQL. */
export async function seedDueReminders(h: Harness, db: Db, dueAt: readonly number[]): Promise<void> {
  const now = new Date();
  const chunk = 1000;
  for (let start = 0; start < dueAt.length; start += chunk) {
    const numbers = dueAt.slice(start, start + chunk).map((_, i) => start + i + 1);
    const cases = await db
      .insertInto('cases')
      .values(
        numbers.map((n) => ({
          team_id: TEAM,
          number: n,
          summary: `Benchmark complaint ${n}`,
          customer_name: 'Bench Customer',
          customer_contact: 'bench@example.com',
          category_id: 'delivery',
          severity: 'normal',
          source: 'email',
          description: 'Seeded by the reminder benchmark.',
          claimed_loss_minor: null,
          status: 'open',
          reporter_id: 'U0REP0001',
          owner_id: `U0OWN${String(n % 97).padStart(4, '0')}`,
          created_at: now,
          updated_at: now,
        })),
      )
      .returning(['id', 'number'])
      .execute();
    const channels = cases.map((c) => {
      const channel = h.slack.createChannel({ name: `cmp-${c.number}-bench`, id: `CB${String(c.number).padStart(8, '0')}` });
      const card = h.slack.postAsUser(channel.id, h.slack.botUserId, `Complaint #${c.number}`);
      return { case_id: c.id, team_id: TEAM, channel_id: channel.id, channel_name: channel.name, members_invited_at: now, card_ts: card.ts, topic_set_at: now, announcement_ts: '1.1', reporter_told_at: now, updated_at: now };
    });
    await db.insertInto('case_channels').values(channels).execute();
    await db
      .insertInto('case_deadlines')
      .values(
        cases.flatMap((c) => {
          const due = dueAt[c.number - 1] as number;
          return [
            // The measured reminder: warning at `due`; the deadline itself ten minutes later.
            { case_id: c.id, team_id: TEAM, kind: 'first_response', starts_at: now, warn_at: new Date(due), due_at: new Date(due + 600_000), created_at: now },
            { case_id: c.id, team_id: TEAM, kind: 'resolution', starts_at: now, warn_at: new Date(due + 3_600_000), due_at: new Date(due + 7_200_000), created_at: now },
          ];
        }),
      )
      .execute();
  }
  // A database in use has planner statistics (autovacuum analyzes a table once a tenth of
  // it changed); freshly seeded tables have none until autovacuum's next round, and
  // PostgreSQL then plans a lookup by id as a scan of a partial index over every row.
  await sql`analyze cases, case_channels, case_deadlines`.execute(db);
}

async function measureBot(options: ReminderOptions): Promise<Omit<ReminderResult, 'floor' | 'targetMet' | 'options'> & { dueAt: number[] }> {
  const owners = Array.from({ length: 97 }, (_, n) => `U0OWN${String(n).padStart(4, '0')}`);
  const h = await startHarness({ role: 'web', worker: { concurrency: options.concurrency }, users: ['U0REP0001', ...owners], botProcess: true });
  const redis = new Redis(REDIS_URL);
  try {
    const base = Date.now() + options.leadMs + options.cases / 2; // seeding takes about 0.5 ms a case
    const dueAt = Array.from({ length: options.cases }, (_, i) => base + Math.floor((i * options.spreadMs) / options.cases));
    await seedDueReminders(h, h.database.db, dueAt);

    const received = new Map<number, number[]>();
    h.slack.onCall((call) => {
      if (call.method !== 'chat.postMessage') return;
      const match = /^:warning: First response for complaint #(\d+) /.exec(String(call.params.text ?? ''));
      if (!match) return;
      const n = Number(match[1]);
      received.set(n, [...(received.get(n) ?? []), call.at]);
    });

    const before = await usedMemory(redis);
    // A worker starts, reconciles from PostgreSQL, and so schedules every reminder.
    await h.restart({ role: 'all' });
    const pendingJobs = await redis.zcard(`${h.prefix}:anthill:delayed`);
    const redisBytesPerPendingJob = pendingJobs ? (await usedMemory(redis) - before) / pendingJobs : 0;
    const headStartMs = (dueAt[0] as number) - Date.now();
    console.log(`  reconciled: every reminder scheduled ${(headStartMs / 1000).toFixed(1)} s before the first falls due (${new Date(dueAt[0] as number).toISOString()})`);
    if (headStartMs < 0) console.log('  (warning: seeding and start-up took longer than the lead time; early reminders start late)');

    const last = dueAt[dueAt.length - 1] as number;
    while (received.size < options.cases && Date.now() < last + 30_000) await sleep(200);
    await sleep(2000); // anything sent twice would arrive now

    const lateness: number[] = [];
    // Where in the minute reminders were late: p99 of each tenth of the due instants.
    const slices = Array.from({ length: 10 }, () => [] as number[]);
    let duplicates = 0;
    for (const [n, times] of received) {
      const late = (times[0] as number) - (dueAt[n - 1] as number);
      lateness.push(late);
      slices[Math.min(9, Math.floor(((n - 1) * 10) / options.cases))]?.push(late);
      duplicates += times.length - 1;
    }
    console.log(`  p99 by tenth of the minute: ${slices.map((slice) => (slice.length ? `${summarize(slice).p99}` : '-')).join(' / ')} ms`);
    console.log(`  latest seconds (from the first due, worst lateness): ${worstSeconds(received, dueAt)}`);
    return {
      bot: lateness.length ? summarize(lateness) : undefined,
      sent: received.size,
      duplicates,
      missing: options.cases - received.size,
      redisBytesPerPendingJob,
      pendingJobs,
      dueAt,
    };
  } finally {
    await redis.quit();
    await h.close();
  }
}

/** The three seconds of due instants with the latest reminder, to line up with the database's and the process's logs. */
function worstSeconds(received: ReadonlyMap<number, number[]>, dueAt: readonly number[]): string {
  const first = dueAt[0] as number;
  const worst = new Map<number, number>();
  for (const [n, times] of received) {
    const due = dueAt[n - 1] as number;
    const second = Math.floor((due - first) / 1000);
    worst.set(second, Math.max(worst.get(second) ?? 0, (times[0] as number) - due));
  }
  return [...worst]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 3)
    .map(([second, late]) => `${second} s: ${late} ms`)
    .join(', ');
}

async function measureFloor(options: ReminderOptions): Promise<LatencySummary | undefined> {
  const prefix = `anthill-bench-floor-${randomBytes(4).toString('hex')}`;
  const connection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const workerConnection = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  const queue = new Queue('floor', { connection, prefix });
  const lateness: number[] = [];
  const worker = new Worker(
    'floor',
    async (job) => {
      lateness.push(Date.now() - (job.data as { due: number }).due);
    },
    { connection: workerConnection, prefix, concurrency: options.concurrency },
  );
  try {
    const base = Date.now() + options.leadMs;
    const timestamp = Date.now();
    const jobs = Array.from({ length: options.cases }, (_, i) => base + Math.floor((i * options.spreadMs) / options.cases)).map((due, i) => ({
      name: 'reminder',
      data: { due },
      // Delay counted from `timestamp`, exactly as the bot's scheduler does.
      opts: { jobId: `floor-${i}`, timestamp, delay: Math.max(0, due - timestamp), removeOnComplete: true },
    }));
    for (let i = 0; i < jobs.length; i += 500) await queue.addBulk(jobs.slice(i, i + 500));
    const last = base + options.spreadMs;
    while (lateness.length < options.cases && Date.now() < last + 30_000) await sleep(200);
    return lateness.length ? summarize(lateness) : undefined;
  } finally {
    await worker.close();
    await queue.obliterate({ force: true }).catch(() => undefined);
    await queue.close();
    await connection.quit();
    await workerConnection.quit();
  }
}

export async function benchReminderLateness(options: ReminderOptions): Promise<ReminderResult> {
  console.log(`  floor: ${options.cases} bare BullMQ delayed jobs over ${options.spreadMs / 1000}s…`);
  const floor = await measureFloor(options);
  console.log(`  bot: ${options.cases} seeded cases, reminders over ${options.spreadMs / 1000}s…`);
  const bot = await measureBot(options);
  const targetMet =
    bot.bot !== undefined &&
    floor !== undefined &&
    bot.missing === 0 &&
    bot.duplicates === 0 &&
    bot.bot.p99 < REMINDER_P99_TARGET_MS &&
    bot.bot.p99 <= 1.5 * floor.p99 + 100;
  return { options, bot: bot.bot, floor, sent: bot.sent, duplicates: bot.duplicates, missing: bot.missing, redisBytesPerPendingJob: bot.redisBytesPerPendingJob, pendingJobs: bot.pendingJobs, targetMet };
}
