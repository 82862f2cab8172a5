import type { Kysely } from 'kysely';
import type { Policy } from '../config/policy.js';
import { addBusinessTime } from '../domain/business-calendar.js';
import type { CloseInput, Closure } from '../domain/closure.js';
import { checkTransition } from '../domain/lifecycle.js';
import { userError } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import { insertClosure } from '../db/closure-repository.js';
import { meetDeadlines } from '../db/deadline-repository.js';
import { hasPendingCompensation } from '../db/compensation-repository.js';
import { cancelFollowUps } from '../db/follow-up-repository.js';
import { recordCaseMoments } from '../db/case-times-repository.js';
import { changeCase, type CaseChange, type ChangeRequest } from './change-case.js';
import { closingJobs } from './closing-jobs.js';

/** The parts of the policy that decide a close: the calendar and `retro_due`. */
export type ClosePolicy = Pick<Policy, 'calendar' | 'retroDue'>;

export type CaseClosed = Extract<CaseChange, { ok: true }> & { readonly closure: Closure };

/**
 * Closes a case with what the close form recorded: outcome, the explanation the customer
 * got, satisfaction, the agreement and whether they were thanked. Every clock stops and
 * pending follow-ups are cancelled; the retro is due `retro_due` of business time from
 * now, with its reminder at half of it. A case whose compensation proposal waits for a
 * decision is refused: decide it first. Under the case lock, so closing twice records one
 * close and refuses the other.
 */
export async function closeCase(
  db: Kysely<Database>,
  policy: ClosePolicy,
  input: ChangeRequest & CloseInput,
): Promise<CaseClosed | Extract<CaseChange, { ok: false }>> {
  let closure: Closure | undefined;
  const change = await changeCase(db, input, async (trx, current) => {
    const denied = checkTransition(current, 'close');
    if (denied) return denied;
    // What was agreed cannot be written down while an approver has yet to decide on it.
    if (await hasPendingCompensation(trx, current.id)) return userError('compensation_pending', { caseNumber: current.number });
    const invalid = checkCloseInput(input);
    if (invalid) return userError(invalid, { caseNumber: current.number });
    await meetDeadlines(trx, current.id, ['first_response', 'resolution'], input.now);
    // Closing stops both clocks, so for stats it is also the resolution (and first response) a case never had.
    await recordCaseMoments(trx, policy.calendar, current, ['first_response', 'resolution'], input.now);
    await cancelFollowUps(trx, current.id, input.now);
    const half = { days: policy.retroDue.days / 2, milliseconds: policy.retroDue.milliseconds / 2 };
    closure = await insertClosure(trx, {
      caseId: current.id,
      teamId: current.teamId,
      closedBy: input.actorId,
      now: input.now,
      outcome: input.outcome,
      explanation: input.explanation.trim(),
      satisfaction: input.satisfaction,
      agreement: input.agreement.trim(),
      customerThanked: input.customerThanked,
      retroDueAt: addBusinessTime(policy.calendar, input.now, policy.retroDue),
      retroRemindAt: addBusinessTime(policy.calendar, input.now, half),
    });
    const closed = closure;
    return {
      ok: true,
      kind: 'closed',
      data: { closureId: closed.id, outcome: closed.outcome, satisfaction: closed.satisfaction, thanked: closed.customerThanked, from: current.status },
      patch: { status: 'closed' },
      jobs: () => closingJobs(closed),
    };
  });
  if (!change.ok) return change;
  if (!closure) throw new Error(`case ${input.caseId} closed without a closure row`);
  return { ...change, closure };
}

/** The close form's facts, checked again here: a form is only the first line of defence. */
function checkCloseInput(input: CloseInput): 'satisfaction_invalid' | 'close_explanation_required' | 'close_agreement_required' | undefined {
  if (!Number.isInteger(input.satisfaction) || input.satisfaction < 1 || input.satisfaction > 5) return 'satisfaction_invalid';
  if (!input.explanation.trim()) return 'close_explanation_required';
  if (!input.agreement.trim()) return 'close_agreement_required';
  return undefined;
}
