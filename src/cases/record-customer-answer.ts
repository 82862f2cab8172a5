import type { Kysely } from 'kysely';
import { canRecordAnswer, compensationRefusal, type CustomerAnswer } from '../domain/compensation.js';
import type { Database } from '../db/tables.js';
import { recordAnswer } from '../db/compensation-repository.js';
import { changeCompensation, findProposal, reloadProposal, type CompensationChange } from './compensation-change.js';

export interface AnswerInput {
  readonly compensationId: string;
  readonly teamId: string;
  readonly actorId: string;
  readonly now: Date;
  readonly answer: CustomerAnswer;
  /** What the customer would value instead; required when they declined. */
  readonly wants?: string;
}

/**
 * Records what the customer said about an approved proposal: offered to them, accepted,
 * or declined (with what they would value instead). A conditional update, so two clicks
 * record one answer; accepted and declined are final.
 */
export async function recordCustomerAnswer(db: Kysely<Database>, input: AnswerInput): Promise<CompensationChange> {
  const found = await findProposal(db, input.compensationId, input.teamId);
  if (!found.ok) return found;
  const wants = input.wants?.trim() ?? '';
  if (input.answer === 'declined' && !wants) return compensationRefusal('wants_required');
  return changeCompensation(db, { ...input, caseId: found.compensation.caseId }, async (trx) => {
    const proposal = await reloadProposal(trx, input.compensationId);
    if (proposal.state !== 'approved') return compensationRefusal('not_approved', { state: proposal.state });
    if (!canRecordAnswer(proposal.customerAnswer, input.answer)) return compensationRefusal('answer_recorded', { answer: proposal.customerAnswer });
    const answered = await recordAnswer(trx, { id: proposal.id, answer: input.answer, by: input.actorId, wants: input.answer === 'declined' ? wants : null, now: input.now });
    if (!answered) return compensationRefusal('answer_recorded', { answer: (await reloadProposal(trx, proposal.id)).customerAnswer });
    return { ok: true, kind: 'compensation_answered', compensation: answered, data: { answer: input.answer, ...(wants && { wants }) } };
  });
}
