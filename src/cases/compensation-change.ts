import type { Kysely, Transaction } from 'kysely';
import { checkCaseWorkspace } from '../domain/access.js';
import type { CaseParties } from '../domain/authority.js';
import type { Case } from '../domain/case.js';
import type { CaseEvent, CaseEventKind } from '../domain/case-event.js';
import { compensationRefusal, type Compensation, type CompensationRefusal } from '../domain/compensation.js';
import { userError, type UserError } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import { inCaseLock } from '../db/case-lock.js';
import { findCaseById, updateCase } from '../db/case-repository.js';
import { findCompensation } from '../db/compensation-repository.js';
import { appendEvent } from '../db/event-repository.js';
import type { JobRequest } from './jobs-to-run.js';

export type CompensationOutcome<T> = ({ readonly ok: true } & T) | UserError | CompensationRefusal;

export type CompensationChange = CompensationOutcome<{ case: Case; compensation: Compensation; event: CaseEvent; jobs: JobRequest[] }>;

/** The people of a case the authority rules depend on. */
export function partiesOf(current: Case): CaseParties {
  return { ownerId: current.ownerId, staffInvolvedIds: current.staffInvolvedIds };
}

/** What a compensation step did: its event and the proposal as it is now. */
export type AppliedCompensation = CompensationOutcome<{ kind: CaseEventKind; data: Record<string, unknown>; compensation: Compensation }>;

/**
 * Runs one step of a proposal (propose, decide, answer) in a transaction holding the case
 * lock, like `changeCase`: the step checks and writes the proposal, this records the
 * event; the card sync and the request's messages follow as jobs.
 */
export async function changeCompensation(
  db: Kysely<Database>,
  request: { caseId: string; teamId: string; actorId: string; now: Date },
  apply: (trx: Transaction<Database>, current: Case) => Promise<AppliedCompensation>,
): Promise<CompensationChange> {
  return inCaseLock(db, request.caseId, async (trx, current) => {
    if (!current) return userError('case_not_found');
    const elsewhere = checkCaseWorkspace(current, request.teamId);
    if (elsewhere) return elsewhere;
    const applied = await apply(trx, current);
    if (!applied.ok) return applied;
    await updateCase(trx, current.id, { now: request.now });
    const event = await appendEvent(trx, {
      caseId: current.id,
      teamId: current.teamId,
      kind: applied.kind,
      actorId: request.actorId,
      data: { compensationId: applied.compensation.id, ...applied.data },
      at: request.now,
    });
    const updated = (await findCaseById(trx, current.id)) ?? current;
    const { compensation } = applied;
    const jobs: JobRequest[] = [
      { kind: 'sync-case', caseId: current.id, eventId: event.id },
      { kind: 'approval-request', caseId: current.id, compensationId: compensation.id, version: compensation.version },
    ];
    return { ok: true as const, case: updated, compensation, event, jobs };
  });
}

/**
 * The proposal a button or form names, with its case id, when it belongs to `teamId`;
 * a proposal of another workspace reads as not found.
 */
export async function findProposal(db: Kysely<Database>, id: string, teamId: string): Promise<CompensationOutcome<{ compensation: Compensation }>> {
  const found = await findCompensation(db, id);
  if (!found || found.teamId !== teamId) return compensationRefusal('proposal_not_found');
  return { ok: true, compensation: found };
}

/** The proposal as it is inside the case lock (it can have changed since it was first read). */
export async function reloadProposal(trx: Transaction<Database>, id: string): Promise<Compensation> {
  const found = await findCompensation(trx, id);
  if (!found) throw new Error(`compensation ${id} vanished inside its own case lock`);
  return found;
}
