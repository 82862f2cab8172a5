import type { Kysely, Transaction } from 'kysely';
import type { Case } from '../domain/case.js';
import { lockCaseById } from './case-repository.js';
import type { Database } from './tables.js';

/**
 * Runs `work` in one transaction holding the case lock: the case row's `for update` lock.
 * Every use case runs under it, and so does each read-check-mark step of a job, so a
 * person's change and a job's mark on the same case never interleave: whichever comes
 * second sees what the first committed. It is held for database work only, never across
 * a Slack call, so a person waiting on Slack's 3-second answer waits at most for a job's
 * few statements. Taking it first also keeps one lock order (case row, then its deadlines
 * and events), so a change and a mark never deadlock.
 *
 * @example
 * const marked = await inCaseLock(db, caseId, (trx) => markDeadline(trx, deadlineId, 'warned_at', now));
 */
export function inCaseLock<T>(
  db: Kysely<Database>,
  caseId: string,
  work: (trx: Transaction<Database>, current: Case | undefined) => Promise<T>,
): Promise<T> {
  return db.transaction().execute(async (trx) => work(trx, await lockCaseById(trx, caseId)));
}

/**
 * `inCaseLock` for a job's mark, which needs the lock and not the case: the row is
 * locked by its id alone, a round trip lighter than reading the whole case.
 */
export function inCaseRowLock<T>(db: Kysely<Database>, caseId: string, work: (trx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await trx.selectFrom('cases').select('cases.id').where('cases.id', '=', caseId).forUpdate().execute();
    return work(trx);
  });
}
