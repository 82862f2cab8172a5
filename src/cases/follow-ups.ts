import type { Kysely, Transaction } from 'kysely';
import type { Policy } from '../config/policy.js';
import { addBusinessTime } from '../domain/business-calendar.js';
import type { Case } from '../domain/case.js';
import { userError } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import {
  answerFollowUp as recordAnswer,
  findFollowUp,
  FOLLOW_UP_ROUNDS,
  insertFollowUp,
  type FollowUp,
  type FollowUpAnswer,
} from '../db/follow-up-repository.js';
import { changeCase, type CaseChange } from './change-case.js';
import type { FollowUpJobRequest } from './jobs-to-run.js';

/** The parts of the policy that decide follow-ups. */
export type FollowUpPolicy = Pick<Policy, 'calendar' | 'followUpAfter'>;

/** The wake-up calls a follow-up round still needs: its question, or the leads after the last Not yet. */
export function followUpJobs(followUp: FollowUp): FollowUpJobRequest[] {
  if (followUp.cancelledAt) return [];
  const base = { caseId: followUp.caseId, followUpId: followUp.id };
  if (!followUp.answer && !followUp.sentAt) return [{ ...base, kind: 'follow-up', runAtMs: followUp.dueAt.getTime() }];
  if (followUp.answer === 'not_yet' && followUp.round >= FOLLOW_UP_ROUNDS && !followUp.leadsToldAt) return [{ ...base, kind: 'follow-up-leads' }];
  return [];
}

/** Starts round `round` of the follow-up: `follow_up_after` of business time from now. */
export function startFollowUp(
  trx: Transaction<Database>,
  policy: FollowUpPolicy,
  input: { case: Pick<Case, 'id' | 'teamId'>; round: number; now: Date },
): Promise<FollowUp> {
  const dueAt = addBusinessTime(policy.calendar, input.now, policy.followUpAfter);
  return insertFollowUp(trx, { caseId: input.case.id, teamId: input.case.teamId, round: input.round, dueAt, now: input.now });
}

export interface FollowUpAnswerInput {
  readonly followUpId: string;
  readonly teamId: string;
  readonly actorId: string;
  readonly now: Date;
  readonly answer: FollowUpAnswer;
}

/**
 * A recorded answer: the change, the round answered and the next round (after Not yet,
 * unless it was the last); `stale` when the round was answered already or cancelled by
 * reopening (the DM's buttons are out of date).
 */
export type FollowUpAnswered =
  | (Extract<CaseChange, { ok: true }> & { readonly followUp: FollowUp; readonly next?: FollowUp })
  | Extract<CaseChange, { ok: false }>
  | { readonly ok: false; readonly code: 'follow_up_stale'; readonly caseNumber: number };

/**
 * Records the answer to a follow-up round (`follow_up_answered`). Customer satisfied ends
 * the follow-ups; Not yet asks again after the same interval, and after the last round
 * the leads are told (a job). A conditional update under the case lock, so of two clicks
 * exactly one is recorded; the other, and a round cancelled by reopening, is refused.
 */
export async function answerFollowUp(db: Kysely<Database>, policy: FollowUpPolicy, input: FollowUpAnswerInput): Promise<FollowUpAnswered> {
  const found = await findFollowUp(db, input.followUpId);
  if (!found || found.teamId !== input.teamId) return userError('case_not_found');
  let answered: FollowUp | undefined;
  let next: FollowUp | undefined;
  let staleCase: number | undefined;
  const change = await changeCase(db, { ...input, caseId: found.caseId }, async (trx, current) => {
    answered = await recordAnswer(trx, { id: found.id, answer: input.answer, by: input.actorId, now: input.now });
    if (!answered) {
      // Nothing is recorded: the refusal below says so in the follow-up's own words.
      staleCase = current.number;
      return userError('case_not_found');
    }
    if (answered.answer === 'not_yet' && answered.round < FOLLOW_UP_ROUNDS) {
      next = await startFollowUp(trx, policy, { case: current, round: answered.round + 1, now: input.now });
    }
    const jobs = [...followUpJobs(answered), ...(next ? followUpJobs(next) : [])];
    return {
      ok: true,
      kind: 'follow_up_answered',
      data: { round: answered.round, answer: input.answer, ...(next && { nextAt: next.dueAt.toISOString() }) },
      jobs: () => jobs,
    };
  });
  if (staleCase !== undefined) return { ok: false, code: 'follow_up_stale', caseNumber: staleCase };
  if (!change.ok) return change;
  if (!answered) throw new Error(`follow-up ${found.id} answered without a row`);
  return { ...change, followUp: answered, ...(next && { next }) };
}
