import type { Kysely, Transaction } from 'kysely';
import type { Closure } from '../domain/closure.js';
import type { Compensation } from '../domain/compensation.js';
import { toClosure } from './closure-repository.js';
import { toCompensation } from './compensation-repository.js';
import type { Database } from './tables.js';

/**
 * Remembers the file id Slack handed out for a close's record before its bytes go up, so
 * a retry after a crash can ask Slack whether that upload was completed. Only while the
 * record is not posted; true when stored.
 */
export async function storeRecordUpload(trx: Transaction<Database>, input: { closureId: string; fileId: string }): Promise<boolean> {
  const row = await trx
    .updateTable('case_closures')
    .set({ record_file_id: input.fileId })
    .where('id', '=', input.closureId)
    .where('record_posted_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Marks the record posted, once: a conditional update, true for the call that set it. A
 * close cancelled by reopening meanwhile is marked too: the file is in the channel, and
 * `/complaint show` links it.
 */
export async function markRecordPosted(
  trx: Transaction<Database>,
  input: { closureId: string; fileId: string; permalink: string | null; now: Date },
): Promise<boolean> {
  const row = await trx
    .updateTable('case_closures')
    .set({ record_file_id: input.fileId, record_permalink: input.permalink, record_posted_at: input.now })
    .where('id', '=', input.closureId)
    .where('record_posted_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Closes still owed their record (not posted, not cancelled) whose case has a channel to post it in: for reconciliation. */
export async function listOwedRecords(db: Kysely<Database>): Promise<Closure[]> {
  const rows = await db
    .selectFrom('case_closures')
    .innerJoin('case_channels', 'case_channels.case_id', 'case_closures.case_id')
    .selectAll('case_closures')
    .where('case_closures.record_posted_at', 'is', null)
    .where('case_closures.cancelled_at', 'is', null)
    .where('case_channels.channel_id', 'is not', null)
    .execute();
  return rows.map(toClosure);
}

/** Every compensation proposal of the case, oldest first, for the record. */
export async function listCompensations(db: Kysely<Database>, caseId: string): Promise<Compensation[]> {
  const rows = await db.selectFrom('compensations').selectAll().where('case_id', '=', caseId).orderBy('id').execute();
  return rows.map(toCompensation);
}
