import type { Kysely, Transaction } from 'kysely';
import type { Case } from '../domain/case.js';
import type { CaseEvent } from '../domain/case-event.js';
import { userError, type Outcome } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import { lockCaseById } from '../db/case-repository.js';
import type { JobRequest } from './jobs-to-run.js';

export type CaseChange = Outcome<{ case: Case; event: CaseEvent; jobs: JobRequest[] }>;

/**
 * What one change did: its timeline event and any jobs besides the card sync; a change
 * whose own job syncs the card afterwards (escalation: invite first, then ping) says so.
 */
export type AppliedChange = Outcome<{ event: CaseEvent; jobs?: JobRequest[]; syncedByJob?: boolean }>;

/**
 * Runs one change to a case in a transaction holding the case's row lock, so two people
 * clicking at once are serialised and each sees the other's result. The change appends
 * its event; the card refresh and channel line follow as a job.
 */
export async function changeCase(
  db: Kysely<Database>,
  caseId: string,
  apply: (trx: Transaction<Database>, current: Case) => Promise<AppliedChange>,
): Promise<CaseChange> {
  return db.transaction().execute(async (trx) => {
    const current = await lockCaseById(trx, caseId);
    if (!current) return userError('case_not_found', 'That case does not exist.');
    const applied = await apply(trx, current);
    if (!applied.ok) return applied;
    const updated = await lockCaseById(trx, caseId);
    if (!updated) throw new Error(`case ${caseId} vanished inside its own transaction`);
    return {
      ok: true as const,
      case: updated,
      event: applied.event,
      jobs: [...(applied.syncedByJob ? [] : [{ kind: 'sync-case' as const, caseId, eventId: applied.event.id }]), ...(applied.jobs ?? [])],
    };
  });
}
