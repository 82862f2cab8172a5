import type { Kysely } from 'kysely';
import type { Policy } from '../config/policy.js';
import { compensationRefusal } from '../domain/compensation.js';
import type { Database } from '../db/tables.js';
import { decidePending } from '../db/compensation-repository.js';
import { alreadyDecided, judgeDecider } from './check-decider.js';
import { changeCompensation, findProposal, reloadProposal, type CompensationChange } from './compensation-change.js';

export interface DecisionInput {
  readonly compensationId: string;
  readonly teamId: string;
  readonly actorId: string;
  readonly now: Date;
  readonly decision: 'approve' | 'reject';
  /** Why it was rejected; required for a rejection. */
  readonly reason?: string;
}

/**
 * Approves or rejects a pending proposal. Inside one transaction under the case lock, the
 * approved total is read and `canDecide` checked again (the owner or the total may have
 * changed since the request went out), then the state moves by a conditional update that
 * only matches `pending`: double clicks, two approvers at once, a stale copy of the
 * request or a retried request decide once, and the others are told who decided.
 */
export async function decideCompensation(db: Kysely<Database>, policy: Pick<Policy, 'approvalTiers'>, input: DecisionInput): Promise<CompensationChange> {
  const found = await findProposal(db, input.compensationId, input.teamId);
  if (!found.ok) return found;
  const reason = input.reason?.trim() ?? '';
  if (input.decision === 'reject' && !reason) return compensationRefusal('reject_reason_required');
  return changeCompensation(db, { ...input, caseId: found.compensation.caseId }, async (trx, current) => {
    const proposal = await reloadProposal(trx, input.compensationId);
    const decision = await judgeDecider(trx, policy, current, proposal, input.actorId);
    if (!decision.ok) return decision;
    const state = input.decision === 'approve' ? 'approved' : 'rejected';
    const decided = await decidePending(trx, { id: proposal.id, state, by: input.actorId, reason: state === 'rejected' ? reason : null, now: input.now });
    if (!decided) return alreadyDecided(await reloadProposal(trx, proposal.id));
    return {
      ok: true,
      kind: state === 'approved' ? 'compensation_approved' : 'compensation_rejected',
      compensation: decided,
      data: { amountMinor: decided.amountMinor, kind: decided.kind, tier: decision.tierIndex, ...(state === 'rejected' && { reason }) },
    };
  });
}

