import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Database } from '../db/tables.js';
import type { JobRequest } from '../cases/jobs-to-run.js';
import { findCaseById } from '../db/case-repository.js';
import { getCaseChannel } from '../db/case-channel-repository.js';
import { listUnpostedEvents, recordEventPost } from '../db/event-repository.js';
import { findStuckStep } from '../db/stuck-step-repository.js';
import { eventLine, SILENT_EVENT_KINDS } from '../blocks/event-lines.js';
import { refreshCard } from '../outbound/card.js';
import { slackErrorCode } from '../outbound/slack-errors.js';
import { withJobLock } from './job-lock.js';
import { attemptStep } from './stuck-steps.js';
import { refreshHomesOfCase } from './publish-home.js';

/**
 * Brings the case's Slack presence up to date after a change: the card is rewritten in
 * place from the stored case and each new timeline event gets its line in the channel.
 * The two are independent: a card that cannot be updated never stops the lines, nor the
 * other way round; each records its own stuck step (and when the lines are or were
 * stuck, the card is rewritten once more to say how they stand). Safe to run twice: the card update is
 * idempotent and posted lines are recorded. Before provisioning has posted the card
 * there is nothing to sync; provisioning posts the current state itself.
 */
export async function syncCase(ctx: AppContext, caseId: string): Promise<void> {
  await withJobLock(ctx.db, caseId, async (db) => {
    const record = await getCaseChannel(db, caseId);
    const current = await findCaseById(db, caseId);
    if (!record?.channel_id || !record.card_ts || !current) return;
    const linesWereStuck = (await findStuckStep(db, caseId, { kind: 'channel_lines' })) !== undefined;
    const cardUpdated = await refreshCardRecorded(ctx, db, current, record.card_ts);
    const linesPosted = await postLinesRecorded(ctx, db, current, record.channel_id);
    if (cardUpdated && (linesWereStuck || !linesPosted)) await refreshCardRecorded(ctx, db, current, record.card_ts);
  });
  // Every change reaches here: the App Homes that show this case are asked for again.
  await refreshHomesOfCase(ctx, caseId);
}

const CARD_COALESCE_MS = 1000;

/**
 * Asks for the card to be rewritten at the end of the current second, in a job of its
 * own: every ask for the same case within that second is one job (its id names the
 * second), so a burst of reminders and marks rewrites each card once, and the job that
 * asks holds the case's job lock no longer than its own Slack steps.
 */
export function cardRefreshJob(caseId: string, now: Date): JobRequest {
  return { kind: 'refresh-card', caseId, runAtMs: Math.ceil((now.getTime() + 1) / CARD_COALESCE_MS) * CARD_COALESCE_MS };
}

/** The `refresh-card` job: the card rewritten from the case as stored now. */
export async function refreshCaseCard(ctx: AppContext, caseId: string): Promise<void> {
  await withJobLock(ctx.db, caseId, async (db) => {
    const current = await findCaseById(db, caseId);
    const record = await getCaseChannel(db, caseId);
    if (!current || !record?.card_ts) return;
    await refreshCardRecorded(ctx, db, current, record.card_ts);
  });
}

/** Posts the pending lines; a permanent Slack error makes them a stuck step instead of stopping the job. */
export function postLinesRecorded(ctx: AppContext, db: Kysely<Database>, current: Case, channelId: string): Promise<boolean> {
  return attemptStep(ctx, db, current, { kind: 'channel_lines' }, () => postPendingEventLines(ctx, db, current, channelId));
}

/**
 * Rewrites the card; a permanent Slack error (card deleted, channel archived) makes it a
 * stuck step instead. A closed case's archived channel keeps its card as it was: nothing
 * to do, and nothing stuck.
 */
export function refreshCardRecorded(ctx: AppContext, db: Kysely<Database>, current: Case, cardTs: string | null): Promise<boolean> {
  return attemptStep(ctx, db, current, { kind: 'card' }, async () => {
    try {
      await refreshCard(ctx, db, current, cardTs);
    } catch (error) {
      if (!archivedAsExpected(current, error)) throw error;
    }
  });
}

/**
 * A closed case's channel is archived once its retro is done, and later changes (an
 * action item marked done) have nowhere to go: that is expected, not a stuck step. An
 * open case's channel that someone archived still is one, so an operator hears of it.
 */
function archivedAsExpected(current: Case, error: unknown): boolean {
  return current.status === 'closed' && slackErrorCode(error) === 'is_archived';
}

/**
 * Posts the line of every event not yet posted, oldest first, recording each. A closed
 * case's archived channel takes no lines: what is still unposted counts as nothing to
 * post (recorded without a ts), so no job asks again, and `/complaint show` still has it.
 */
export async function postPendingEventLines(ctx: AppContext, db: Kysely<Database>, current: Case, channelId: string): Promise<void> {
  const pending = await listUnpostedEvents(db, current.id, SILENT_EVENT_KINDS);
  for (const [index, event] of pending.entries()) {
    const line = eventLine(ctx.words, event);
    if (line === undefined) continue;
    let ts: string;
    try {
      ts = (await ctx.slack.chat.postMessage({ channel: channelId, text: line, unfurl_links: false, unfurl_media: false })).ts ?? '';
    } catch (error) {
      if (!archivedAsExpected(current, error)) throw error;
      for (const unposted of pending.slice(index)) await recordEventPost(db, { eventId: unposted.id, channelId, ts: NOT_POSTED, at: ctx.now() });
      return;
    }
    await recordEventPost(db, { eventId: event.id, channelId, ts, at: ctx.now() });
  }
}

/** The ts recorded for a line that was never posted: the channel was archived. */
const NOT_POSTED = '';
