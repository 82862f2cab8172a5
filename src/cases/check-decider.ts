import type { Kysely } from 'kysely';
import type { Policy } from '../config/policy.js';
import { canDecide } from '../domain/authority.js';
import type { Case } from '../domain/case.js';
import { compensationRefusal, type Compensation } from '../domain/compensation.js';
import { userError } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import { findCaseById } from '../db/case-repository.js';
import { approvedTotal } from '../db/compensation-repository.js';
import { findProposal, partiesOf, type CompensationOutcome } from './compensation-change.js';

/**
 * Whether the person may decide the proposal as things stand, read without a lock: so a
 * Reject click by someone without authority is refused before the form opens. The
 * decision itself checks again in its transaction (`decideCompensation`).
 */
export async function checkDecider(
  db: Kysely<Database>,
  policy: Pick<Policy, 'approvalTiers'>,
  input: { compensationId: string; teamId: string; personId: string },
): Promise<CompensationOutcome<{ compensation: Compensation; case: Case; summary: string }>> {
  const found = await findProposal(db, input.compensationId, input.teamId);
  if (!found.ok) return found;
  const proposal = found.compensation;
  const current = await findCaseById(db, proposal.caseId);
  if (!current) return userError('case_not_found');
  const judged = await judgeDecider(db, policy, current, proposal, input.personId);
  if (!judged.ok) return judged;
  return { ok: true, compensation: proposal, case: current, summary: current.summary };
}

/**
 * The check both the early refusal and the decision make: the proposal is still pending,
 * and the person may decide it as the case stands in `db` (its owner, staff involved and
 * approved total). Inside a decision `db` is its transaction, so the total is current.
 */
export async function judgeDecider(db: Kysely<Database>, policy: Pick<Policy, 'approvalTiers'>, current: Case, proposal: Compensation, personId: string) {
  if (proposal.state !== 'pending') return alreadyDecided(proposal);
  const decision = canDecide({
    tiers: policy.approvalTiers,
    case: partiesOf(current),
    approvedTotalMinor: await approvedTotal(db, current.id),
    proposal: { amountMinor: proposal.amountMinor, proposerId: proposal.proposedBy },
    personId,
  });
  if (!decision.ok) return compensationRefusal('may_not_decide', { reason: decision.code, mayDecide: decision.mayDecide });
  return decision;
}

/** Told to whoever clicks a proposal someone has decided already: who decided, and when. */
export function alreadyDecided(proposal: Compensation) {
  return compensationRefusal('already_decided', { state: proposal.state, decidedBy: proposal.decidedBy, decidedAt: proposal.decidedAt });
}
