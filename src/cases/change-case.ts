import type { Kysely, Transaction } from 'kysely';
import { checkCaseWorkspace } from '../domain/access.js';
import type { Case } from '../domain/case.js';
import type { CaseEvent, CaseEventKind } from '../domain/case-event.js';
import { userError, type Outcome } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import { inCaseLock } from '../db/case-lock.js';
import { findCaseById, updateCase, type CasePatch } from '../db/case-repository.js';
import { appendEvent } from '../db/event-repository.js';
import type { JobRequest } from './jobs-to-run.js';

export type CaseChange = Outcome<{ case: Case; event: CaseEvent; jobs: JobRequest[] }>;

/** Who changes which case, from which workspace, when. */
export interface ChangeRequest {
  readonly caseId: string;
  /** The workspace the request came from: a case of another workspace is refused. */
  readonly teamId: string;
  readonly actorId: string;
  readonly now: Date;
}

/**
 * What one change does: the timeline event it records, what it sets on the case, and
 * jobs besides the card sync. A change whose own job syncs the card afterwards
 * (escalation: invite the leads first, then ping them) says `syncedByJob`.
 */
export type AppliedChange = Outcome<{
  kind: CaseEventKind;
  data?: Record<string, unknown>;
  patch?: CasePatch;
  jobs?: (event: CaseEvent) => JobRequest[];
  syncedByJob?: boolean;
}>;

/**
 * Runs one change to a case in a transaction holding the case lock, so two people clicking
 * at once, or a person and a job marking a deadline, are serialised and each sees the
 * other's result. `apply` checks the change and does any work of its own (deadlines);
 * this records the event and the patch. The card refresh and the channel line follow as
 * a job.
 */
export async function changeCase(
  db: Kysely<Database>,
  request: ChangeRequest,
  apply: (trx: Transaction<Database>, current: Case) => Promise<AppliedChange>,
): Promise<CaseChange> {
  const { caseId, actorId, now } = request;
  return inCaseLock(db, caseId, async (trx, current) => {
    if (!current) return userError('case_not_found');
    const elsewhere = checkCaseWorkspace(current, request.teamId);
    if (elsewhere) return elsewhere;
    const applied = await apply(trx, current);
    if (!applied.ok) return applied;
    await updateCase(trx, caseId, { ...applied.patch, now });
    const event = await appendEvent(trx, { caseId, teamId: current.teamId, kind: applied.kind, actorId, data: applied.data ?? {}, at: now });
    const updated = await findCaseById(trx, caseId);
    if (!updated) throw new Error(`case ${caseId} vanished inside its own transaction`);
    const sync: JobRequest[] = applied.syncedByJob ? [] : [{ kind: 'sync-case', caseId, eventId: event.id }];
    return { ok: true as const, case: updated, event, jobs: [...sync, ...(applied.jobs?.(event) ?? [])] };
  });
}
