/**
 * Who may decide a compensation proposal: pure rules over the policy's approval tiers.
 * Amounts are whole minor units of the policy currency (see money.ts).
 */

/**
 * Who may approve compensation up to an amount, as `approval_tiers` in `anthill.yml`
 * says, with the limit in minor units of the policy currency. `upToMinor: null` means
 * no upper limit and is always the last tier.
 */
export interface ApprovalTier {
  readonly upToMinor: number | null;
  /** Slack user ids, or `owner`: whoever owns the case. */
  readonly approvers: readonly string[];
}

/** The approver entry that stands for the case owner. */
export const OWNER_APPROVER = 'owner';

/** The people of a case the rules depend on. */
export interface CaseParties {
  readonly ownerId: string | null;
  /** Staff personally involved in the complaint: they neither own the case nor approve its compensation. */
  readonly staffInvolvedIds: readonly string[];
}

export interface Proposal {
  /** Minor units; 0 for a gesture that costs nothing. */
  readonly amountMinor: number;
  readonly proposerId: string;
}

/** Everything a decision on one proposal depends on. */
export interface DecisionQuestion {
  readonly tiers: readonly ApprovalTier[];
  readonly case: CaseParties;
  /** The case's compensation approved so far, in minor units, read when the decision is made. */
  readonly approvedTotalMinor: number;
  readonly proposal: Proposal;
  /** Who is deciding (clicked Approve or Reject). */
  readonly personId: string;
}

/** Which tier decides a proposal and who may decide it. */
export interface DecisionRoute {
  readonly tierIndex: number;
  readonly tier: ApprovalTier;
  /** The approved total with this proposal added: what picked the tier. */
  readonly totalAfterMinor: number;
  /**
   * User ids of the people who may decide, in tier order, each once: the tier's approvers
   * and those of every higher tier, `owner` as the case owner, without staff involved
   * and without the proposer (unless the proposer owns the case and the tier names owner).
   * Empty when nobody may; the proposal then cannot be decided as the policy stands.
   */
  readonly deciderIds: readonly string[];
  /** The deciding tier names `owner` and the case has none. */
  readonly ownerMissing: boolean;
}

export type DecisionRefusalCode = 'staff_involved' | 'own_proposal' | 'no_owner' | 'not_an_approver';

export type Decision =
  | { readonly ok: true; readonly tierIndex: number }
  | {
      readonly ok: false;
      readonly code: DecisionRefusalCode;
      readonly tierIndex: number;
      /** Who may decide instead ({@link DecisionRoute.deciderIds}). */
      readonly mayDecide: readonly string[];
    };

export type Ownership = { readonly ok: true } | { readonly ok: false; readonly code: 'staff_involved' };

/**
 * The first tier whose limit covers the case's approved total plus the new amount.
 *
 * @example
 * // tiers up to 200.00, 2000.00 and unlimited, in grosze
 * decidingTier(tiers, 15_000, 5_000) // { index: 0, tier: tiers[0] }: exactly 200.00
 * decidingTier(tiers, 15_000, 5_001) // { index: 1, tier: tiers[1] }
 */
export function decidingTier(
  tiers: readonly ApprovalTier[],
  approvedTotalMinor: number,
  amountMinor: number,
): { readonly index: number; readonly tier: ApprovalTier } {
  assertMinor(approvedTotalMinor, 'approved total');
  assertMinor(amountMinor, 'amount');
  const total = approvedTotalMinor + amountMinor;
  assertMinor(total, 'approved total plus amount');
  const index = tiers.findIndex((tier) => tier.upToMinor === null || total <= tier.upToMinor);
  const tier = tiers[index];
  // The policy refuses tiers without an unlimited last one at start-up.
  if (tier === undefined) throw new Error(`no approval tier covers ${total} minor units`);
  return { index, tier };
}

/**
 * Which tier decides the proposal and who may decide it.
 *
 * @example
 * decisionRoute({ tiers, case: { ownerId: 'U0OWNER01', staffInvolvedIds: [] }, approvedTotalMinor: 0,
 *   proposal: { amountMinor: 10_000, proposerId: 'U0CLERK01' }, personId: 'U0OWNER01' })
 * // { tierIndex: 0, deciderIds: ['U0OWNER01', 'U0LEAD001', 'U0HEAD001'], ownerMissing: false, … }
 */
export function decisionRoute(question: Omit<DecisionQuestion, 'personId'>): DecisionRoute {
  const { tiers, case: parties, approvedTotalMinor, proposal } = question;
  const { index, tier } = decidingTier(tiers, approvedTotalMinor, proposal.amountMinor);
  const ownerMayApproveOwn = proposal.proposerId === parties.ownerId && tier.approvers.includes(OWNER_APPROVER);
  const deciderIds = new Set<string>();
  for (const higher of tiers.slice(index)) {
    for (const approver of higher.approvers) {
      const id = approver === OWNER_APPROVER ? parties.ownerId : approver;
      if (id === null || parties.staffInvolvedIds.includes(id)) continue;
      if (id === proposal.proposerId && !ownerMayApproveOwn) continue;
      deciderIds.add(id);
    }
  }
  return {
    tierIndex: index,
    tier,
    totalAfterMinor: approvedTotalMinor + proposal.amountMinor,
    deciderIds: [...deciderIds],
    ownerMissing: parties.ownerId === null && tier.approvers.includes(OWNER_APPROVER),
  };
}

/**
 * Whether `personId` may approve or reject the proposal. Refusals, first match wins:
 * `staff_involved` (the person is involved in the complaint), `own_proposal` (nobody
 * decides their own proposal, except the owner within a tier that names owner),
 * `no_owner` (the tier names owner and the case has none), `not_an_approver`.
 *
 * @example
 * canDecide({ ...question, personId: 'U0CLERK01' })
 * // { ok: false, code: 'not_an_approver', tierIndex: 0, mayDecide: ['U0OWNER01', 'U0LEAD001', 'U0HEAD001'] }
 */
export function canDecide(question: DecisionQuestion): Decision {
  const route = decisionRoute(question);
  const { personId } = question;
  if (route.deciderIds.includes(personId)) return { ok: true, tierIndex: route.tierIndex };
  const refuse = (code: DecisionRefusalCode): Decision => ({ ok: false, code, tierIndex: route.tierIndex, mayDecide: route.deciderIds });
  if (question.case.staffInvolvedIds.includes(personId)) return refuse('staff_involved');
  if (personId === question.proposal.proposerId) return refuse('own_proposal');
  if (route.ownerMissing) return refuse('no_owner');
  return refuse('not_an_approver');
}

/**
 * Whether `personId` may own the case: not when they are involved in the complaint.
 *
 * @example
 * canOwn({ ownerId: null, staffInvolvedIds: ['U0STAFF01'] }, 'U0STAFF01') // { ok: false, code: 'staff_involved' }
 */
export function canOwn(parties: CaseParties, personId: string): Ownership {
  return parties.staffInvolvedIds.includes(personId) ? { ok: false, code: 'staff_involved' } : { ok: true };
}

function assertMinor(value: number, what: string): void {
  if (!Number.isSafeInteger(value) || value < 0) throw new RangeError(`${what} ${value} is not a whole, non-negative number of minor units`);
}
