import type { CaseStatus } from './case.js';
import type { Severity } from './severity.js';

/** Why Anthill will not serve a person, or will not make them a case's owner. */
export type Refusal = 'unknown_user' | 'deactivated' | 'bot' | 'guest' | 'external';

/**
 * Every problem a person can cause, and the facts each one carries. The Slack layer says
 * it in the team's language (`userErrorText` in blocks/ shows `error.<code>` with these
 * facts, adding mentions and commands where they help), so the domain holds no words.
 */
export interface UserErrorFacts {
  /** The case a button or form names is gone. */
  case_not_found: Record<string, never>;
  /** `#N` names no case of this workspace. */
  no_such_case: { caseNumber: number };
  /** A command without `#N`, typed outside a case channel; `verb` is the subcommand. */
  no_case_here: { verb: string };
  other_workspace: Record<string, never>;
  already_owner: { caseNumber: number; ownerId: string };
  empty_note: Record<string, never>;
  same_severity: { caseNumber: number; severity: Severity };
  resolution_required: Record<string, never>;
  nothing_stuck: { caseNumber: number };
  not_resolved: { caseNumber: number; status: CaseStatus };
  already_responded: { caseNumber: number };
  already_resolved: { caseNumber: number };
  already_escalated: { caseNumber: number };
  case_closed: { caseNumber: number };
  already_closed: { caseNumber: number };
  /** A compensation proposal still waits for its decision: the case cannot close over it. */
  compensation_pending: { caseNumber: number };
  /** The close form's satisfaction is not 1 to 5, or its explanation or agreement is empty. */
  satisfaction_invalid: { caseNumber: number };
  close_explanation_required: { caseNumber: number };
  close_agreement_required: { caseNumber: number };
  /** The requester may not use Anthill (the requester gate). */
  unknown_user: Record<string, never>;
  deactivated: Record<string, never>;
  bot: Record<string, never>;
  guest: Record<string, never>;
  external: Record<string, never>;
  /** The person named by `/complaint assign` may not own a case. */
  assignee_unknown_user: Record<string, never>;
  assignee_deactivated: Record<string, never>;
  assignee_bot: Record<string, never>;
  assignee_guest: Record<string, never>;
  assignee_external: Record<string, never>;
  /** The person who would own the case is named as staff involved in it (`self`: the person asking). */
  staff_cannot_own: { caseNumber: number; personId: string; self: boolean };
  /** A checklist click from a card drawn for another version of the playbook, or naming a step it does not have. */
  playbook_out_of_date: { caseNumber: number };
  /** Done on an action item by someone who neither does it, wrote it, owns its case nor leads the team. */
  action_item_not_allowed: { caseNumber: number; ownerId: string; writerId: string };
}

export type UserErrorCode = keyof UserErrorFacts;

/**
 * A problem a person caused and can fix; shown to them as an ephemeral reply, never
 * thrown. `code` says what it is and `params` the facts; there are no words here.
 */
export type UserError = {
  [C in UserErrorCode]: { readonly ok: false; readonly code: C; readonly params: Readonly<UserErrorFacts[C]> };
}[UserErrorCode];

export type Outcome<T> = ({ readonly ok: true } & T) | UserError;

type FactsArgument<C extends UserErrorCode> = UserErrorFacts[C] extends Record<string, never> ? [] : [facts: UserErrorFacts[C]];

/**
 * @example
 * userError('case_closed', { caseNumber: 12 }) // { ok: false, code: 'case_closed', params: { caseNumber: 12 } }
 * userError('guest')                           // { ok: false, code: 'guest', params: {} }
 */
export function userError<C extends UserErrorCode>(code: C, ...[facts]: FactsArgument<C>): UserError {
  return { ok: false, code, params: facts ?? {} } as UserError;
}
