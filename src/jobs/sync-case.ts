import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Database } from '../db/tables.js';
import { findCaseById } from '../db/case-repository.js';
import { getCaseChannel } from '../db/case-channel-repository.js';
import { listUnpostedEvents, recordEventPost } from '../db/event-repository.js';
import { eventLine, SILENT_EVENT_KINDS } from '../blocks/event-lines.js';
import { refreshCard } from '../outbound/card.js';
import { withJobLock } from './job-lock.js';

/**
 * Brings the case's Slack presence up to date after a change: the card is rewritten in
 * place from the stored case and each new timeline event gets its line in the channel.
 * Safe to run twice: the card update is idempotent and posted lines are recorded.
 * Before provisioning has posted the card there is nothing to sync; provisioning posts
 * the current state itself.
 */
export async function syncCase(ctx: AppContext, caseId: string): Promise<void> {
  await withJobLock(ctx.db, caseId, async (db) => {
    const record = await getCaseChannel(db, caseId);
    const current = await findCaseById(db, caseId);
    if (!record?.channel_id || !record.card_ts || !current) return;
    await refreshCard(ctx, db, current, record.card_ts);
    await postPendingEventLines(ctx, db, caseId, record.channel_id);
  });
}

/** Posts the line of every event not yet posted, oldest first, recording each. */
export async function postPendingEventLines(ctx: AppContext, db: Kysely<Database>, caseId: string, channelId: string): Promise<void> {
  for (const event of await listUnpostedEvents(db, caseId, SILENT_EVENT_KINDS)) {
    const line = eventLine(event);
    if (line === undefined) continue;
    const posted = await ctx.slack.chat.postMessage({ channel: channelId, text: line, unfurl_links: false, unfurl_media: false });
    await recordEventPost(db, { eventId: event.id, channelId, ts: posted.ts ?? '', at: ctx.now() });
  }
}
