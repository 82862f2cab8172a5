import type { Kysely } from 'kysely';
import type { SourceMessage } from '../domain/source-message.js';
import type { CaseSourceMessageRow, CaseSourceMessagesTable, Database } from './tables.js';

export type SourceMessageRecord = CaseSourceMessageRow;

type ReplyStep = Partial<Pick<CaseSourceMessagesTable, 'reply_ts' | 'reply_failed_at' | 'reply_failure' | 'reporter_told_at'>>;

/** Records the message a new case came from; runs in the transaction that stores the case. */
export async function findSourceMessage(db: Kysely<Database>, caseId: string): Promise<SourceMessageRecord | undefined> {
  return db.selectFrom('case_source_messages').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

/** The message a case was opened from, as the card and `/complaint show` link it; undefined for other cases. */
export async function findCaseSourceMessage(db: Kysely<Database>, caseId: string): Promise<SourceMessage | undefined> {
  const row = await findSourceMessage(db, caseId);
  return row && toSourceMessage(row);
}

function toSourceMessage(row: SourceMessageRecord): SourceMessage {
  return {
    channelId: row.channel_id,
    messageTs: row.message_ts,
    ...(row.thread_ts !== null && { threadTs: row.thread_ts }),
    permalink: row.permalink,
  };
}

/**
 * The cases already opened from one message, newest first: the shortcut says so before a
 * second is opened (which stays possible on purpose, so this is no unique index).
 */
export async function findCasesFromMessage(
  db: Kysely<Database>,
  message: { teamId: string; channelId: string; messageTs: string },
): Promise<{ caseId: string; number: number; channelId: string | null }[]> {
  const rows = await db
    .selectFrom('case_source_messages as s')
    .innerJoin('cases as c', 'c.id', 's.case_id')
    .leftJoin('case_channels as ch', 'ch.case_id', 's.case_id')
    .select(['s.case_id', 'c.number', 'ch.channel_id'])
    .where('s.team_id', '=', message.teamId)
    .where('s.channel_id', '=', message.channelId)
    .where('s.message_ts', '=', message.messageTs)
    .where('c.team_id', '=', message.teamId)
    .orderBy('c.number', 'desc')
    .execute();
  return rows.map((row) => ({ caseId: row.case_id, number: row.number, channelId: row.channel_id }));
}

/** Records one finished step of the threaded reply, so a retry continues after it. */
export async function recordReplyStep(db: Kysely<Database>, caseId: string, step: ReplyStep, now: Date): Promise<void> {
  await db
    .updateTable('case_source_messages')
    .set({ ...step, updated_at: now })
    .where('case_id', '=', caseId)
    .execute();
}

/**
 * Cases whose threaded reply is owed: the case channel exists (the reply links it) and
 * the reply is neither posted nor refused for good with the reporter told.
 */
/** Whether the case still owes its message the threaded reply, or (when Slack refused it) the reporter the DM instead; `listOwedSourceReplies` in SQL. */
export function isSourceReplyOwed(row: Pick<SourceMessageRecord, 'reply_ts' | 'reply_failed_at' | 'reporter_told_at'>): boolean {
  return row.reply_ts === null && (row.reply_failed_at === null || row.reporter_told_at === null);
}

export async function listOwedSourceReplies(db: Kysely<Database>): Promise<string[]> {
  const rows = await db
    .selectFrom('case_source_messages as s')
    .innerJoin('case_channels as ch', 'ch.case_id', 's.case_id')
    .select('s.case_id')
    .where('ch.channel_id', 'is not', null)
    .where('s.reply_ts', 'is', null)
    .where((eb) => eb.or([eb('s.reply_failed_at', 'is', null), eb('s.reporter_told_at', 'is', null)]))
    .execute();
  return rows.map((row) => row.case_id);
}
