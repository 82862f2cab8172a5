import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Database } from '../db/tables.js';
import { findCaseById } from '../db/case-repository.js';
import { getCaseChannel } from '../db/case-channel-repository.js';
import { listUnpostedEvents, recordEventPost } from '../db/event-repository.js';
import { findStuckStep } from '../db/stuck-step-repository.js';
import { eventLine, SILENT_EVENT_KINDS } from '../blocks/event-lines.js';
import { refreshCard } from '../outbound/card.js';
import { withJobLock } from './job-lock.js';
import { attemptStep } from './stuck-steps.js';

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
}

/** Posts the pending lines; a permanent Slack error makes them a stuck step instead of stopping the job. */
export function postLinesRecorded(ctx: AppContext, db: Kysely<Database>, current: Case, channelId: string): Promise<boolean> {
  return attemptStep(ctx, db, current, { kind: 'channel_lines' }, () => postPendingEventLines(ctx, db, current.id, channelId));
}

/** Rewrites the card; a permanent Slack error (card deleted, channel archived) makes it a stuck step instead. */
export function refreshCardRecorded(ctx: AppContext, db: Kysely<Database>, current: Case, cardTs: string | null): Promise<boolean> {
  return attemptStep(ctx, db, current, { kind: 'card' }, () => refreshCard(ctx, db, current, cardTs));
}

/** Posts the line of every event not yet posted, oldest first, recording each. */
export async function postPendingEventLines(ctx: AppContext, db: Kysely<Database>, caseId: string, channelId: string): Promise<void> {
  for (const event of await listUnpostedEvents(db, caseId, SILENT_EVENT_KINDS)) {
    const line = eventLine(ctx.words, event);
    if (line === undefined) continue;
    const posted = await ctx.slack.chat.postMessage({ channel: channelId, text: line, unfurl_links: false, unfurl_media: false });
    await recordEventPost(db, { eventId: event.id, channelId, ts: posted.ts ?? '', at: ctx.now() });
  }
}
