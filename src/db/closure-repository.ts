import type { Kysely, Transaction } from 'kysely';
import type { CloseInput, CloseOutcome, Closure } from '../domain/closure.js';
import type { CaseClosureRow, Database } from './tables.js';

export function toClosure(row: CaseClosureRow): Closure {
  return {
    id: row.id,
    caseId: row.case_id,
    teamId: row.team_id,
    outcome: row.outcome as CloseOutcome,
    explanation: row.explanation,
    satisfaction: row.satisfaction,
    agreement: row.agreement,
    customerThanked: row.customer_thanked,
    closedBy: row.closed_by,
    closedAt: row.closed_at,
    recordFileId: row.record_file_id,
    recordPermalink: row.record_permalink,
    recordPostedAt: row.record_posted_at,
    retroDueAt: row.retro_due_at,
    retroRemindAt: row.retro_remind_at,
    retroAskedAt: row.retro_asked_at,
    retroRemindedAt: row.retro_reminded_at,
    summaryPostedAt: row.summary_posted_at,
    archivedAt: row.archived_at,
    cancelledAt: row.cancelled_at,
  };
}

/** Records a close of the case; the caller holds the case lock (one current close per case). */
export async function insertClosure(
  trx: Transaction<Database>,
  input: CloseInput & { caseId: string; teamId: string; closedBy: string; now: Date; retroDueAt: Date; retroRemindAt: Date },
): Promise<Closure> {
  const row = await trx
    .insertInto('case_closures')
    .values({
      case_id: input.caseId,
      team_id: input.teamId,
      outcome: input.outcome,
      explanation: input.explanation,
      satisfaction: input.satisfaction,
      agreement: input.agreement,
      customer_thanked: input.customerThanked,
      closed_by: input.closedBy,
      closed_at: input.now,
      retro_due_at: input.retroDueAt,
      retro_remind_at: input.retroRemindAt,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toClosure(row);
}

export async function findClosure(db: Kysely<Database>, id: string): Promise<Closure | undefined> {
  const row = await db.selectFrom('case_closures').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toClosure(row);
}

/** The case's current close (not cancelled by reopening), if it is closed. */
export async function findCurrentClosure(db: Kysely<Database>, caseId: string): Promise<Closure | undefined> {
  const row = await db.selectFrom('case_closures').selectAll().where('case_id', '=', caseId).where('cancelled_at', 'is', null).executeTakeFirst();
  return row && toClosure(row);
}

/** The case's most recent close, current or cancelled (its record stays linked after reopening). */
export async function findLatestClosure(db: Kysely<Database>, caseId: string): Promise<Closure | undefined> {
  const row = await db.selectFrom('case_closures').selectAll().where('case_id', '=', caseId).orderBy('id', 'desc').limit(1).executeTakeFirst();
  return row && toClosure(row);
}

/** Reopening ends the current close: its retro reminder, summary and archive are no longer owed. */
export async function cancelClosure(trx: Transaction<Database>, caseId: string, now: Date): Promise<Closure | undefined> {
  const row = await trx
    .updateTable('case_closures')
    .set({ cancelled_at: now })
    .where('case_id', '=', caseId)
    .where('cancelled_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toClosure(row);
}

/** Marks the reopened case's channel as back (unarchived, never archived, or replaced). */
export async function markChannelRestored(db: Kysely<Database>, closureId: string, now: Date): Promise<void> {
  await db.updateTable('case_closures').set({ channel_restored_at: now }).where('id', '=', closureId).where('channel_restored_at', 'is', null).execute();
}

/** Closes cancelled by reopening whose case still waits for its channel back: for reconciliation. */
export async function listOwedRestores(db: Kysely<Database>): Promise<{ caseId: string; closureId: string }[]> {
  const rows = await db
    .selectFrom('case_closures')
    .innerJoin('cases', 'cases.id', 'case_closures.case_id')
    .select(['case_closures.id', 'case_closures.case_id'])
    .where('case_closures.cancelled_at', 'is not', null)
    .where('case_closures.archived_at', 'is not', null)
    .where('case_closures.channel_restored_at', 'is', null)
    .where('cases.status', '!=', 'closed')
    .execute();
  return rows.map((row) => ({ caseId: row.case_id, closureId: row.id }));
}
