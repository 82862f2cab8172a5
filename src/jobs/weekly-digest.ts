import type { AppContext } from '../context.js';
import { loadStats } from '../db/stats-repository.js';
import { claimWeek, findWeek, markFailed, markPosted, type WeeklyDigestRow } from '../db/weekly-digest-repository.js';
import { previousPeriod } from '../domain/period.js';
import { digestWeek, type DigestWeek } from '../domain/weekly-digest.js';
import { weeklyDigestMessage } from '../blocks/weekly-digest.js';
import { classifySlackError } from '../outbound/slack-errors.js';
import { findPostedDigest, postDigest } from '../outbound/team-channel-digest.js';
import { withJobLock } from './job-lock.js';

/** Points inside the digest job where a test can act (a barrier, a crash); the worker passes none. */
export interface WeeklyDigestHooks {
  /** Before the workspace's digest lock is taken. */
  readonly beforeLock?: () => Promise<void>;
  /** After Slack took the message, before it is recorded as posted. */
  readonly afterPost?: () => Promise<void>;
}

export type WeeklyDigestOutcome = 'posted' | 'found' | 'already' | 'failed' | 'not_due' | 'stale';

/**
 * Monday's digest: last week's stats in the team channel, once per workspace and week.
 * Under the workspace's digest lock (so two workers never post at the same time), the
 * week is claimed with a row in `weekly_digests` (insert, on conflict nothing). A week
 * already posted, or refused for good, does nothing. A week claimed before but never
 * recorded as posted (a crash or a timeout after Slack took the message) is first looked
 * for in the channel's history by its message metadata, and posted only when it is not
 * there. A permanent Slack refusal is recorded on the row and logged, not retried; a
 * temporary failure throws, for the job's backoff. An early wake-up (before Monday
 * 09:00) does nothing, and so does a request for a week that is no longer last week.
 */
export async function postWeeklyDigest(ctx: AppContext, request: { weekStartMs?: number } = {}, hooks: WeeklyDigestHooks = {}): Promise<WeeklyDigestOutcome> {
  const teamId = ctx.workspace.teamId;
  await hooks.beforeLock?.();
  return withJobLock(ctx.db, `weekly-digest ${teamId}`, async (db) => {
    const now = ctx.now();
    const digest = digestWeek(ctx.policy.calendar.timeZone, now);
    const weekStart = digest.week.from;
    if (request.weekStartMs !== undefined && request.weekStartMs !== weekStart.getTime()) return 'stale';
    if (now < digest.dueAt) return 'not_due';
    const channelId = ctx.policy.teamChannel;
    const claimed = await claimWeek(db, { teamId, weekStart, channelId, now });
    const row = claimed ?? (await findWeek(db, { teamId, weekStart }));
    if (!row || row.posted_at || row.failed_at) return 'already';
    const log = { week: digest.firstDay, channel: channelId };
    if (!claimed) {
      const earlier = await postedBefore(ctx, row, channelId);
      if (earlier) {
        await markPosted(db, { teamId, weekStart, channelId, messageTs: earlier, now: ctx.now() });
        ctx.logger.info(log, 'the weekly digest was posted before; recorded it');
        return 'found';
      }
    }
    let messageTs: string;
    try {
      messageTs = await postDigest(ctx.slack, { channelId, weekStart, message: await digestMessage(ctx, digest) });
    } catch (error) {
      const failure = classifySlackError(error);
      if (failure.kind !== 'permanent') throw error;
      await markFailed(db, { teamId, weekStart, channelId, failure: failure.error, now: ctx.now() });
      ctx.logger.error(
        { ...log, slackError: failure.error },
        'the weekly digest could not be posted in the team channel; it is not tried again this week (is the bot still a member of team_channel, and is it not archived?)',
      );
      return 'failed';
    }
    await hooks.afterPost?.();
    await markPosted(db, { teamId, weekStart, channelId, messageTs, now: ctx.now() });
    ctx.logger.info(log, 'posted the weekly digest');
    return 'posted';
  });
}

/** Last week's figures beside the week before, re-read from PostgreSQL (off the lock's connection: each read is its own transaction). */
async function digestMessage(ctx: AppContext, digest: DigestWeek) {
  const db = ctx.db;
  const teamId = ctx.workspace.teamId;
  const before = previousPeriod(digest.week);
  const now = ctx.now();
  const [current, previous] = await Promise.all([
    loadStats(db, { teamId, from: digest.week.from, to: digest.week.to, now }),
    loadStats(db, { teamId, from: before.from, to: before.to, now }),
  ]);
  return weeklyDigestMessage(ctx.words, digest, { current, previous, policy: ctx.policy });
}

/**
 * The digest an earlier run of this week posted without recording it, found by its
 * metadata in the team channel's history. When Slack will not show the history (a
 * missing scope, the bot not a member of a public channel it posts to), it cannot be
 * checked: logged, and the digest is posted; a temporary failure throws.
 */
async function postedBefore(ctx: AppContext, row: WeeklyDigestRow, channelId: string): Promise<string | undefined> {
  try {
    return await findPostedDigest(ctx.slack, { channelId, weekStart: row.week_start, since: row.claimed_at, botUserId: ctx.botUserId });
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind !== 'permanent') throw error;
    ctx.logger.warn({ channel: channelId, slackError: failure.error }, 'could not read the team channel to check for an earlier weekly digest; posting it');
    return undefined;
  }
}
