import type { Kysely } from 'kysely';
import type { Policy } from '../config/policy.js';
import { decisionRoute } from '../domain/authority.js';
import { addBusinessTime } from '../domain/business-calendar.js';
import { checkProposalAmount, compensationRefusal, type CompensationKind } from '../domain/compensation.js';
import { checkTransition } from '../domain/lifecycle.js';
import type { Database } from '../db/tables.js';
import { approvedTotal, insertCompensation } from '../db/compensation-repository.js';
import { changeCompensation, partiesOf, type CompensationChange } from './compensation-change.js';
import type { ChangeRequest } from './change-case.js';

/** A request still undecided this long (business time) reminds its approvers once. */
export const NUDGE_AFTER = { days: 0, milliseconds: 60 * 60_000 } as const;

export interface ProposalInput {
  readonly kind: CompensationKind;
  /** Minor units, already read from what the person typed (domain/money.ts `parseAmount`). */
  readonly amountMinor: number;
  readonly note: string;
  readonly customerAsked: string;
}

/**
 * Proposes compensation on a case that is not closed. The deciding tier is the first one
 * covering the case's approved total plus this amount; its approvers (and those of higher
 * tiers) are stored with the proposal and asked by the approval-request job. A proposal
 * nobody may decide (the tier names the owner and nobody owns the case, or its only
 * approver is the proposer) is refused now, with the reason, instead of waiting forever.
 */
export async function proposeCompensation(
  db: Kysely<Database>,
  policy: Pick<Policy, 'approvalTiers' | 'calendar'>,
  input: ChangeRequest & ProposalInput,
): Promise<CompensationChange> {
  const change = await changeCompensation(db, input, async (trx, current) => {
    const denied = checkTransition(current, 'compensate');
    if (denied) return denied;
    const problem = checkProposalAmount(input.kind, input.amountMinor);
    if (problem === 'zero_for_money') return compensationRefusal('zero_for_money', { kind: input.kind });
    if (problem) return compensationRefusal('out_of_range');
    const totalBefore = await approvedTotal(trx, current.id);
    const route = decisionRoute({
      tiers: policy.approvalTiers,
      case: partiesOf(current),
      approvedTotalMinor: totalBefore,
      proposal: { amountMinor: input.amountMinor, proposerId: input.actorId },
    });
    if (route.deciderIds.length === 0) return compensationRefusal('nobody_may_decide', { ownerMissing: route.ownerMissing, tierIndex: route.tierIndex });
    const compensation = await insertCompensation(trx, {
      caseId: current.id,
      teamId: current.teamId,
      kind: input.kind,
      amountMinor: input.amountMinor,
      note: input.note.trim(),
      customerAsked: input.customerAsked.trim(),
      proposedBy: input.actorId,
      approverIds: route.deciderIds,
      nudgeDueAt: addBusinessTime(policy.calendar, input.now, NUDGE_AFTER),
      now: input.now,
    });
    return {
      ok: true,
      kind: 'compensation_proposed',
      compensation,
      data: { kind: input.kind, amountMinor: input.amountMinor, approvers: route.deciderIds, tier: route.tierIndex, approvedTotalMinor: totalBefore },
    };
  });
  if (!change.ok) return change;
  const { compensation } = change;
  const nudge = { kind: 'approval-nudge', caseId: compensation.caseId, compensationId: compensation.id, runAtMs: compensation.nudgeDueAt.getTime() } as const;
  return { ...change, jobs: [...change.jobs, nudge] };
}
