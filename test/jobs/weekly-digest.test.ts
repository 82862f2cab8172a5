import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFirstResponse, resolve } from '../../src/cases/case-actions.js';
import { openCase } from '../../src/cases/open-case.js';
import type { AppContext } from '../../src/context.js';
import { findWeek } from '../../src/db/weekly-digest-repository.js';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import type { JobRequest } from '../../src/cases/jobs-to-run.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { reconcile } from '../../src/jobs/reconcile.js';
import { postWeeklyDigest } from '../../src/jobs/weekly-digest.js';
import { DIGEST_EVENT_TYPE } from '../../src/outbound/team-channel-digest.js';
import { REDIS_URL, startHarness, type Harness } from '../support/anthill-harness.js';
import { captureLog } from '../support/log-capture.js';
import { sampleIntake } from '../support/sample-intake.js';

// The test policy: Europe/Warsaw (UTC+1 in November), 24/7. Weeks run Monday 00:00 to Monday 00:00 local.
const TEAM_CHANNEL = 'C0TEAM0001';
const local = (wall: string) => new Date(`${wall}+01:00`);
let h: Harness;

beforeAll(async () => {
  // Web only: no worker and no reconciliation run a digest behind the test's back; the test runs the handler.
  h = await startHarness({ role: 'web' });
  const ctx = h.anthill.ctx;
  const teamId = h.slack.teamId;
  const open = async (at: string, categoryId = 'delivery') =>
    (await openCase(ctx.db, ctx.policy, { teamId, reporterId: 'U0REP0001', intake: sampleIntake({ categoryId, severity: 'high' }), now: local(at) })).case.id;
  const by = (caseId: string, at: string) => ({ caseId, teamId, actorId: 'U0AAA0001', now: local(at) });
  // The week of 9-15 November: A answered after 1h and resolved after 1 day; B (billing) still open.
  const a = await open('2026-11-10T10:00:00');
  expect((await recordFirstResponse(ctx.db, ctx.policy, { ...by(a, '2026-11-10T11:00:00'), note: '' })).ok).toBe(true);
  expect((await resolve(ctx.db, ctx.policy, { ...by(a, '2026-11-11T10:00:00'), how: 'Replaced' })).ok).toBe(true);
  await open('2026-11-12T15:00:00', 'billing');
  // The week before: one case. Another workspace's case in the week counts nowhere.
  await open('2026-11-04T10:00:00');
  await openCase(ctx.db, ctx.policy, { teamId: 'T0OTHER01', reporterId: 'U0REP0001', intake: sampleIntake(), now: local('2026-11-10T12:00:00') });
});
afterAll(async () => {
  await h?.close();
});

/** The jobs' context with the clock at `wall` (Warsaw time). */
const at = (wall: string, extra: Partial<AppContext> = {}): AppContext => ({ ...h.anthill.ctx, now: () => local(wall), ...extra });
const digestsOf = (weekStart: Date) =>
  h.slack.messages(TEAM_CHANNEL).filter((m) => m.metadata?.event_type === DIGEST_EVENT_TYPE && m.metadata.event_payload.week_start === weekStart.toISOString());
const shown = (message: { blocks?: unknown[] | undefined }) => ((message.blocks ?? []) as Array<{ text?: { text: string } }>).map((b) => b.text?.text ?? '').join('\n');
const week = (teamId: string, weekStart: Date) => findWeek(h.anthill.ctx.db, { teamId, weekStart });

/** Resolves once `parties` callers are waiting, so they go on together. */
function barrier(parties: number): () => Promise<void> {
  let waiting = 0;
  let release: () => void = () => undefined;
  const all = new Promise<void>((resolve) => (release = resolve));
  return async () => {
    waiting += 1;
    if (waiting === parties) release();
    await all;
  };
}

describe('the weekly digest job', () => {
  it('posts last week’s figures beside the week before in the team channel, once', async () => {
    const weekStart = local('2026-11-09T00:00:00');
    expect(await postWeeklyDigest(at('2026-11-16T09:00:00'))).toBe('posted');
    expect(await postWeeklyDigest(at('2026-11-16T09:01:00'))).toBe('already');
    const posted = digestsOf(weekStart);
    expect(posted).toHaveLength(1);
    const message = posted[0];
    expect(message?.text).toBe('Weekly complaint digest for the week of Mon, 9 Nov 2026 – Sun, 15 Nov 2026');
    const body = shown(message ?? {});
    expect(body).toContain(':calendar: *Weekly complaint digest* for the week of Mon, 9 Nov 2026 – Sun, 15 Nov 2026');
    expect(body).toContain('Open now (not yet resolved): 2');
    // Open now: B and last week's case (the other workspace's does not count).
    expect(body).toContain('• Opened: *2*   _before: 1, +1, +100%_');
    expect(body).toContain('• Resolved: *1*   _before: 0, +1_');
    expect(body).toContain('• First response, median: *1 hr*');
    expect(body).toContain('• Resolution, median: *1 day*');
    // A met both deadlines (its resolution exactly at 24h); B missed both; last week's case missed both.
    expect(body).toContain('• First response: *50% (1 of 2)*   _before: 100% (1 of 1), -50 pp_');
    expect(body).toContain('• Resolution: *50% (1 of 2)*   _before: 100% (1 of 1), -50 pp_');
    expect(body).toContain('`▁█▁█▁▁▁`  peak 1');
    expect(body).toContain('• Late or damaged delivery: 1');
    expect(body).toContain('• Wrong invoice or charge: 1');
    expect(body).not.toMatch(/<!here>|<!channel>|<@U/);
    const row = await week(h.slack.teamId, weekStart);
    expect(row).toMatchObject({ channel_id: TEAM_CHANNEL, message_ts: message?.ts, failed_at: null });
    expect(row?.posted_at).not.toBeNull();
  });

  it('posts once when two runs race for the same week, and says kindly that the week was quiet', async () => {
    const weekStart = local('2026-11-16T00:00:00');
    const together = barrier(2);
    const outcomes = await Promise.all([
      postWeeklyDigest(at('2026-11-23T09:00:00'), {}, { beforeLock: together }),
      postWeeklyDigest(at('2026-11-23T09:00:00'), { weekStartMs: weekStart.getTime() }, { beforeLock: together }),
    ]);
    expect(outcomes.sort()).toEqual(['already', 'posted']);
    const posted = digestsOf(weekStart);
    expect(posted).toHaveLength(1);
    expect(shown(posted[0] ?? {})).toContain('A quiet week: no complaint was opened, answered, resolved or closed.');
  });

  it('does nothing before Monday 09:00, nor for a week that is no longer last week', async () => {
    const weekStart = local('2026-11-23T00:00:00');
    expect(await postWeeklyDigest(at('2026-11-30T08:59:59'))).toBe('not_due');
    expect(await postWeeklyDigest(at('2026-11-30T10:00:00'), { weekStartMs: local('2026-11-16T00:00:00').getTime() })).toBe('stale');
    expect(await week(h.slack.teamId, weekStart)).toBeUndefined();
    expect(digestsOf(weekStart)).toHaveLength(0);
  });

  it('after a crash between posting and recording, finds the digest by its metadata instead of posting it again', async () => {
    const weekStart = local('2026-11-23T00:00:00');
    const crash = async () => {
      throw new Error('worker killed');
    };
    await expect(postWeeklyDigest(at('2026-11-30T09:00:00'), {}, { afterPost: crash })).rejects.toThrow('worker killed');
    expect(digestsOf(weekStart)).toHaveLength(1);
    expect(await week(h.slack.teamId, weekStart)).toMatchObject({ message_ts: null, posted_at: null });

    expect(await postWeeklyDigest(at('2026-11-30T09:05:00'))).toBe('found');
    const posted = digestsOf(weekStart);
    expect(posted).toHaveLength(1);
    expect((await week(h.slack.teamId, weekStart))?.message_ts).toBe(posted[0]?.ts);
  });

  it('posts a week claimed by a run that stopped before posting, and retries a temporary failure', async () => {
    const weekStart = local('2026-10-26T00:00:00');
    await h.anthill.ctx.db.insertInto('weekly_digests').values({ team_id: h.slack.teamId, week_start: weekStart, claimed_at: local('2026-11-02T09:00:00') }).execute();
    h.slack.failNext('chat.postMessage', { status: 503 });
    await expect(postWeeklyDigest(at('2026-11-02T09:01:00'))).rejects.toThrow();
    expect(digestsOf(weekStart)).toHaveLength(0);
    expect(await postWeeklyDigest(at('2026-11-02T09:02:00'))).toBe('posted');
    expect(digestsOf(weekStart)).toHaveLength(1);
  });

  it('records a permanent refusal and logs it once, without trying again', async () => {
    const weekStart = new Date('2026-10-19T00:00:00+02:00'); // summer time until 25 October
    const log = captureLog('info');
    h.slack.failNext('chat.postMessage', { error: 'is_archived' });
    const before = h.slack.calls('chat.postMessage').length;
    expect(await postWeeklyDigest(at('2026-10-26T09:00:00', { logger: log.logger }))).toBe('failed');
    expect(await postWeeklyDigest(at('2026-10-26T10:00:00', { logger: log.logger }))).toBe('already');
    expect(h.slack.calls('chat.postMessage').length - before).toBe(1);
    const row = await week(h.slack.teamId, weekStart);
    expect(row).toMatchObject({ failure: 'is_archived', posted_at: null, message_ts: null });
    expect(row?.failed_at).not.toBeNull();
    const errors = log.entries().filter((entry) => entry.level === 'error' || entry.level === 50);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ slackError: 'is_archived', channel: TEAM_CHANNEL, week: '2026-10-19' });
    expect(String(errors[0]?.msg)).toContain('the weekly digest could not be posted in the team channel');
  });

  it('is asked for by reconciliation while last week is owed, never for a week posted or refused, nor before the workspace used Anthill', async () => {
    const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
    try {
      const asked = async (wall: string) => {
        const requests: JobRequest[] = [];
        await reconcile(at(wall, { jobs: { schedule: async (batch) => void requests.push(...batch) } }), queue, { atStartup: false });
        return requests.filter((request) => request.kind === 'weekly-digest');
      };
      // 2-8 November: cases from before its end, no row yet. Due from Monday 09:00, all that week.
      expect(await asked('2026-11-09T08:59:00')).toEqual([]);
      const owed = [{ kind: 'weekly-digest', weekStartMs: local('2026-11-02T00:00:00').getTime() }];
      expect(await asked('2026-11-09T09:00:00')).toEqual(owed);
      expect(await asked('2026-11-15T23:59:00')).toEqual(owed);
      // Posted (9-15 November), refused for good (19-25 October): nothing.
      expect(await asked('2026-11-16T10:00:00')).toEqual([]);
      expect(await asked('2026-10-26T10:00:00')).toEqual([]);
      // 5-11 October: the workspace had no case yet.
      expect(await asked('2026-10-12T10:00:00')).toEqual([]);
    } finally {
      await queue.close();
      await redis.quit();
    }
  });
});
