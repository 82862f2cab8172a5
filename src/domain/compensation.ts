/**
 * Compensation proposals: what is offered, how much, and where the proposal stands.
 * Amounts are whole minor units of the policy currency (see money.ts).
 */
import { MAX_AMOUNT_MINOR } from './money.js';

export const COMPENSATION_KINDS = ['refund', 'discount', 'voucher', 'replacement', 'free_service', 'goodwill', 'other'] as const;
export type CompensationKind = (typeof COMPENSATION_KINDS)[number];

/**
 * Kinds that may cost no money, so an amount of 0 is allowed: a goodwill gesture (an
 * apology, a call from a manager), a replacement or a free service the team values at
 * nothing. A refund, discount, voucher or "other" of 0 is a mistyped amount.
 */
export const NON_MONETARY_KINDS: readonly CompensationKind[] = ['replacement', 'free_service', 'goodwill'];

export const PROPOSAL_STATES = ['pending', 'approved', 'rejected'] as const;
export type ProposalState = (typeof PROPOSAL_STATES)[number];

export const CUSTOMER_ANSWERS = ['offered', 'accepted', 'declined'] as const;
export type CustomerAnswer = (typeof CUSTOMER_ANSWERS)[number];

export function isCompensationKind(value: unknown): value is CompensationKind {
  return typeof value === 'string' && (COMPENSATION_KINDS as readonly string[]).includes(value);
}

export function isCustomerAnswer(value: unknown): value is CustomerAnswer {
  return typeof value === 'string' && (CUSTOMER_ANSWERS as readonly string[]).includes(value);
}

/** One proposal as the rest of the code sees it. */
export interface Compensation {
  /** bigint as a string. */
  readonly id: string;
  readonly caseId: string;
  readonly teamId: string;
  readonly kind: CompensationKind;
  readonly amountMinor: number;
  readonly note: string;
  /** What the customer asked for, as the proposer typed it. */
  readonly customerAsked: string;
  readonly proposedBy: string;
  readonly proposedAt: Date;
  readonly state: ProposalState;
  /** Who were asked to decide when it was proposed. */
  readonly approverIds: readonly string[];
  readonly decidedBy: string | null;
  readonly decidedAt: Date | null;
  readonly rejectReason: string | null;
  readonly customerAnswer: CustomerAnswer | null;
  readonly answeredBy: string | null;
  readonly answeredAt: Date | null;
  /** What the customer would value instead, when they declined. */
  readonly customerWants: string | null;
  readonly requestChannelId: string | null;
  readonly requestTs: string | null;
  readonly version: number;
  readonly shownVersion: number;
  readonly nudgeDueAt: Date;
  readonly nudgedAt: Date | null;
}

export type ProposalAmountProblem = 'zero_for_money' | 'out_of_range';

/**
 * Whether `amountMinor` may be offered as `kind`: a whole number of minor units from 0 to
 * {@link MAX_AMOUNT_MINOR}, and more than 0 unless the kind may cost nothing.
 *
 * @example
 * checkProposalAmount('goodwill', 0) // undefined
 * checkProposalAmount('refund', 0)   // 'zero_for_money'
 */
export function checkProposalAmount(kind: CompensationKind, amountMinor: number): ProposalAmountProblem | undefined {
  if (!Number.isSafeInteger(amountMinor) || amountMinor < 0 || amountMinor > MAX_AMOUNT_MINOR) return 'out_of_range';
  if (amountMinor === 0 && !NON_MONETARY_KINDS.includes(kind)) return 'zero_for_money';
  return undefined;
}

/**
 * Which answers the customer's answer may move to: any at first; after "offered", accepted
 * or declined; accepted and declined are final (a new proposal follows a decline).
 *
 * @example
 * canRecordAnswer(null, 'offered')      // true
 * canRecordAnswer('accepted', 'declined') // false
 */
export function canRecordAnswer(current: CustomerAnswer | null, next: CustomerAnswer): boolean {
  if (current === null) return true;
  return current === 'offered' && next !== 'offered';
}

/** Answers a proposal in `current` may still record, in button order. */
export function answersLeft(current: CustomerAnswer | null): CustomerAnswer[] {
  return CUSTOMER_ANSWERS.filter((answer) => canRecordAnswer(current, answer));
}

/**
 * Why a compensation step was refused, with the facts the answer names; worded by
 * blocks/compensation-texts.ts as `comp.error.<code>`.
 */
export interface CompensationRefusalFacts {
  /** An amount of 0 for a kind that costs money. */
  zero_for_money: { kind: CompensationKind };
  out_of_range: Record<string, never>;
  /** Nobody may decide the proposal as the policy stands; `ownerMissing`: the tier names the owner and nobody owns the case. */
  nobody_may_decide: { ownerMissing: boolean; tierIndex: number };
  /** The button or form names a proposal that does not exist (or of another workspace). */
  proposal_not_found: Record<string, never>;
  /** Decided already (another click, another approver, a stale message). */
  already_decided: { state: ProposalState; decidedBy: string | null; decidedAt: Date | null };
  /** The person may not decide; `mayDecide` are who may. */
  may_not_decide: { reason: 'staff_involved' | 'own_proposal' | 'no_owner' | 'not_an_approver'; mayDecide: readonly string[] };
  /** The customer's answer is recorded for approved proposals only. */
  not_approved: { state: ProposalState };
  /** That answer no longer fits (accepted and declined are final). */
  answer_recorded: { answer: CustomerAnswer | null };
  reject_reason_required: Record<string, never>;
  wants_required: Record<string, never>;
}

export type CompensationRefusalCode = keyof CompensationRefusalFacts;

export type CompensationRefusal = {
  [C in CompensationRefusalCode]: { readonly ok: false; readonly code: C; readonly params: Readonly<CompensationRefusalFacts[C]>; readonly compensation: true };
}[CompensationRefusalCode];

type RefusalArgument<C extends CompensationRefusalCode> = CompensationRefusalFacts[C] extends Record<string, never> ? [] : [facts: CompensationRefusalFacts[C]];

/**
 * @example
 * compensationRefusal('not_approved', { state: 'pending' })
 */
export function compensationRefusal<C extends CompensationRefusalCode>(code: C, ...[facts]: RefusalArgument<C>): CompensationRefusal {
  return { ok: false, code, params: facts ?? {}, compensation: true } as CompensationRefusal;
}

export function isCompensationRefusal(value: { readonly ok: false }): value is CompensationRefusal {
  return 'compensation' in value && value.compensation === true;
}
