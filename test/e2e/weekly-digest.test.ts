import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findWeek } from '../../src/db/weekly-digest-repository.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { WEEKLY_DIGEST_SCHEDULER } from '../../src/jobs/weekly-digest-schedule.js';
import { DIGEST_EVENT_TYPE } from '../../src/outbound/team-channel-digest.js';
import { openCase } from '../../src/cases/open-case.js';
import { REDIS_URL, startHarness, type Harness } from '../support/anthill-harness.js';
import { sampleIntake } from '../support/sample-intake.js';

// Europe/Warsaw is UTC+1 in November. The clock is injected: the digest is tested without waiting for Monday.
const local = (wall: string) => new Date(`${wall}+01:00`);
const MONDAY_EARLY = local('2026-11-16T08:30:00');
const MONDAY_LATE = local('2026-11-16T10:30:00');
const WEEK_START = local('2026-11-09T00:00:00');
let clock = MONDAY_EARLY;
let h: Harness;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  h = await startHarness({ now: () => clock });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
});
afterAll(async () => {
  await queue?.close();
  await redis?.quit();
  await h?.close();
});

async function poll<T>(read: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  for (const until = Date.now() + timeoutMs; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 20))) {
    const value = await read();
    if (value !== undefined) return value;
  }
  throw new Error('poll: condition not met in time');
}

const digests = () => h.slack.messages('C0TEAM0001').filter((m) => m.metadata?.event_type === DIGEST_EVENT_TYPE);
const digestJobs = async () => (await queue.getJobs(['waiting', 'delayed', 'active', 'prioritized'])).filter((job) => job?.name === 'weekly-digest');

describe('the weekly digest schedule', () => {
  it('leaves one job scheduler, Mondays 09:00 in the workspace zone, however many workers assert it', async () => {
    await h.startAnother({ role: 'worker' });
    await h.startAnother({ role: 'worker' });
    const schedulers = (await queue.getJobSchedulers(0, -1)).filter((scheduler) => scheduler.key === WEEKLY_DIGEST_SCHEDULER);
    expect(schedulers).toHaveLength(1);
    expect(schedulers[0]).toMatchObject({ pattern: '0 9 * * 1', tz: 'Europe/Warsaw', name: 'weekly-digest', template: { data: { kind: 'weekly-digest' } } });
    // Its next run, one delayed job, waits for the next real Monday 09:00 in Warsaw.
    const waiting = (await digestJobs()).filter((job) => job.id?.startsWith(`repeat:${WEEKLY_DIGEST_SCHEDULER}:`));
    expect(waiting).toHaveLength(1);
    // The id names the run's due time: repeat:<scheduler>:<ms>.
    const next = new Date(Number(waiting[0]?.id?.split(':').at(-1)));
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Warsaw', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(next)).toBe('Mon 09:00');
  });

  it('is not asked for before Monday 09:00', async () => {
    expect(await findWeek(h.database.db, { teamId: h.slack.teamId, weekStart: WEEK_START })).toBeUndefined();
    expect((await digestJobs()).filter((job) => job.id?.startsWith('weekly-digest-'))).toHaveLength(0);
    expect(digests()).toHaveLength(0);
  });

  it('a worker that was down on Monday 09:00 sends the missed digest when it comes back, once', async () => {
    // The team was using Anthill last week: one case, set up in Slack already (its channel and announcement stand for real ones).
    const opened = await openCase(h.database.db, h.policy, { teamId: h.slack.teamId, reporterId: 'U0REP0001', intake: sampleIntake(), now: local('2026-11-10T10:00:00') });
    const done = local('2026-11-10T10:01:00');
    await h.database.db
      .updateTable('case_channels')
      .set({ channel_id: 'C0CASE0001', members_invited_at: done, card_ts: '1.1', topic_set_at: done, announcement_ts: '1.2', reporter_told_at: done })
      .where('case_id', '=', opened.case.id)
      .execute();
    clock = MONDAY_LATE;
    await h.restart();
    const posted = await h.slack.waitFor(() => digests()[0]);
    expect(posted.text).toBe('Weekly complaint digest for the week of Mon, 9 Nov 2026 – Sun, 15 Nov 2026');
    const row = await poll(async () => {
      const found = await findWeek(h.database.db, { teamId: h.slack.teamId, weekStart: WEEK_START });
      return found?.posted_at ? found : undefined;
    });
    expect(row.message_ts).toBe(posted.ts);

    // Back again the same week: start-up reconciliation finds the week posted and asks for nothing.
    await h.restart();
    expect((await digestJobs()).filter((job) => job.id?.startsWith('weekly-digest-'))).toHaveLength(0);
    expect(digests()).toHaveLength(1);
  });
});
