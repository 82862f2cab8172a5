import { describe, expect, it } from 'vitest';
import {
  canDecide,
  canOwn,
  decidingTier,
  decisionRoute,
  type ApprovalTier,
  type CaseParties,
  type DecisionQuestion,
} from '../../src/domain/authority.js';

const OWNER = 'U0OWNER01';
const CLERK = 'U0CLERK01';
const LEAD = 'U0LEAD001';
const HEAD = 'U0HEAD001';
const STAFF = 'U0STAFF01';
const OTHER = 'U0OTHER01';

/** 200.00 by the owner, 2000.00 by the lead, above that by the head (minor units of PLN). */
const TIERS: readonly ApprovalTier[] = [
  { upToMinor: 20_000, approvers: ['owner'] },
  { upToMinor: 200_000, approvers: [LEAD] },
  { upToMinor: null, approvers: [HEAD] },
];

/** The owner may decide only from the top tier; the lead up to 200.00. */
const OWNER_ON_TOP: readonly ApprovalTier[] = [
  { upToMinor: 20_000, approvers: [LEAD] },
  { upToMinor: null, approvers: [HEAD, 'owner'] },
];

const OWNED: CaseParties = { ownerId: OWNER, staffInvolvedIds: [STAFF] };
const UNOWNED: CaseParties = { ownerId: null, staffInvolvedIds: [STAFF] };

function question(overrides: Partial<DecisionQuestion> & Pick<DecisionQuestion, 'personId'>): DecisionQuestion {
  return {
    tiers: TIERS,
    case: OWNED,
    approvedTotalMinor: 0,
    proposal: { amountMinor: 10_000, proposerId: CLERK },
    ...overrides,
  };
}

describe('decidingTier', () => {
  it.each<[string, number, number, number]>([
    ['nothing approved, nothing offered', 0, 0, 0],
    ['one minor unit', 0, 1, 0],
    ['exactly at the first limit', 0, 20_000, 0],
    ['one minor unit above the first limit', 0, 20_001, 1],
    ['exactly at the second limit', 0, 200_000, 1],
    ['one minor unit above the second limit', 0, 200_001, 2],
    ['far above every limit', 0, 100_000_000_000, 2],
    ['approved total plus amount exactly at the first limit', 15_000, 5_000, 0],
    ['approved total plus amount one above the first limit', 15_000, 5_001, 1],
    ['a small amount on a case near the second limit', 199_999, 1, 1],
    ['a small amount on a case at the second limit', 200_000, 1, 2],
    ['a zero amount judged by the approved total alone', 20_001, 0, 1],
  ])('%s (%i approved + %i) → tier %i', (_name, approvedTotalMinor, amountMinor, index) => {
    expect(decidingTier(TIERS, approvedTotalMinor, amountMinor)).toEqual({ index, tier: TIERS[index] });
  });

  it.each<[string, number, number]>([
    ['a negative amount', 0, -1],
    ['a fractional amount', 0, 0.5],
    ['a negative approved total', -1, 1],
    ['a total beyond exact integers', Number.MAX_SAFE_INTEGER, 1],
  ])('refuses %s as a bug', (_name, approvedTotalMinor, amountMinor) => {
    expect(() => decidingTier(TIERS, approvedTotalMinor, amountMinor)).toThrow(RangeError);
  });

  it('refuses tiers that leave an amount without approvers as a bug', () => {
    expect(() => decidingTier([{ upToMinor: 100, approvers: [LEAD] }], 0, 101)).toThrow(/no approval tier covers 101/);
  });
});

describe('decisionRoute', () => {
  it.each<[string, Partial<DecisionQuestion>, { tierIndex: number; totalAfterMinor: number; deciderIds: string[]; ownerMissing: boolean }]>([
    ['the owner tier: the owner and every higher approver', {}, { tierIndex: 0, totalAfterMinor: 10_000, deciderIds: [OWNER, LEAD, HEAD], ownerMissing: false }],
    [
      'the lead tier: the lead and the head, not the owner',
      { proposal: { amountMinor: 20_001, proposerId: CLERK } },
      { tierIndex: 1, totalAfterMinor: 20_001, deciderIds: [LEAD, HEAD], ownerMissing: false },
    ],
    [
      'the top tier: the head alone',
      { approvedTotalMinor: 150_000, proposal: { amountMinor: 50_001, proposerId: CLERK } },
      { tierIndex: 2, totalAfterMinor: 200_001, deciderIds: [HEAD], ownerMissing: false },
    ],
    [
      'an unowned case in the owner tier: the higher approvers, owner missing',
      { case: UNOWNED },
      { tierIndex: 0, totalAfterMinor: 10_000, deciderIds: [LEAD, HEAD], ownerMissing: true },
    ],
    [
      'the proposer is left out',
      { proposal: { amountMinor: 20_001, proposerId: LEAD } },
      { tierIndex: 1, totalAfterMinor: 20_001, deciderIds: [HEAD], ownerMissing: false },
    ],
    [
      'the owner proposing in the owner tier stays in',
      { proposal: { amountMinor: 100, proposerId: OWNER } },
      { tierIndex: 0, totalAfterMinor: 100, deciderIds: [OWNER, LEAD, HEAD], ownerMissing: false },
    ],
    [
      'the owner proposing above the owner tier is left out',
      { tiers: OWNER_ON_TOP, proposal: { amountMinor: 100, proposerId: OWNER } },
      { tierIndex: 0, totalAfterMinor: 100, deciderIds: [LEAD, HEAD], ownerMissing: false },
    ],
    [
      'staff involved are left out, even as listed approvers',
      { case: { ownerId: OWNER, staffInvolvedIds: [LEAD] } },
      { tierIndex: 0, totalAfterMinor: 10_000, deciderIds: [OWNER, HEAD], ownerMissing: false },
    ],
    [
      'someone named in several tiers, or as owner and by id, is listed once',
      {
        tiers: [
          { upToMinor: 20_000, approvers: ['owner', LEAD] },
          { upToMinor: null, approvers: [LEAD, HEAD, OWNER] },
        ],
      },
      { tierIndex: 0, totalAfterMinor: 10_000, deciderIds: [OWNER, LEAD, HEAD], ownerMissing: false },
    ],
    [
      'nobody left: the head proposing in the top tier',
      { proposal: { amountMinor: 300_000, proposerId: HEAD } },
      { tierIndex: 2, totalAfterMinor: 300_000, deciderIds: [], ownerMissing: false },
    ],
  ])('%s', (_name, overrides, expected) => {
    const route = decisionRoute(question({ personId: HEAD, ...overrides }));
    expect(route).toEqual({ ...expected, tier: (overrides.tiers ?? TIERS)[expected.tierIndex] });
  });
});

describe('canDecide', () => {
  const ok = (tierIndex: number) => ({ ok: true, tierIndex });
  const refused = (code: string, tierIndex: number, mayDecide: string[]) => ({ ok: false, code, tierIndex, mayDecide });

  it.each<[string, Partial<DecisionQuestion> & Pick<DecisionQuestion, 'personId'>, object]>([
    // The owner tier.
    ['the owner approves a proposal within the owner tier', { personId: OWNER }, ok(0)],
    ['the owner approves exactly at the owner limit', { personId: OWNER, proposal: { amountMinor: 20_000, proposerId: CLERK } }, ok(0)],
    [
      'the owner may not approve one minor unit above the owner limit',
      { personId: OWNER, proposal: { amountMinor: 20_001, proposerId: CLERK } },
      refused('not_an_approver', 1, [LEAD, HEAD]),
    ],
    ['a colleague who is not an approver', { personId: CLERK, proposal: { amountMinor: 100, proposerId: OWNER } }, refused('not_an_approver', 0, [OWNER, LEAD, HEAD])],
    // Higher tiers approve lower ones.
    ['the lead approves within the owner tier', { personId: LEAD }, ok(0)],
    ['the head approves within the owner tier', { personId: HEAD }, ok(0)],
    ['the lead approves exactly at the lead limit', { personId: LEAD, proposal: { amountMinor: 200_000, proposerId: CLERK } }, ok(1)],
    ['the head approves within the lead tier', { personId: HEAD, proposal: { amountMinor: 200_000, proposerId: CLERK } }, ok(1)],
    [
      'the lead may not approve one minor unit above the lead limit',
      { personId: LEAD, proposal: { amountMinor: 200_001, proposerId: CLERK } },
      refused('not_an_approver', 2, [HEAD]),
    ],
    ['the head approves any amount', { personId: HEAD, proposal: { amountMinor: 100_000_000_000, proposerId: CLERK } }, ok(2)],
    // Cumulative totals.
    ['the owner approves when the approved total plus the amount is exactly the owner limit', { personId: OWNER, approvedTotalMinor: 15_000, proposal: { amountMinor: 5_000, proposerId: CLERK } }, ok(0)],
    [
      'the owner may not approve when the approved total plus the amount is one above it',
      { personId: OWNER, approvedTotalMinor: 15_000, proposal: { amountMinor: 5_001, proposerId: CLERK } },
      refused('not_an_approver', 1, [LEAD, HEAD]),
    ],
    [
      'a small amount on a case already at the lead limit goes to the head',
      { personId: LEAD, approvedTotalMinor: 200_000, proposal: { amountMinor: 1, proposerId: CLERK } },
      refused('not_an_approver', 2, [HEAD]),
    ],
    ['a zero amount (a goodwill gesture) on a case already in the lead tier', { personId: LEAD, approvedTotalMinor: 50_000, proposal: { amountMinor: 0, proposerId: CLERK } }, ok(1)],
    // Self-approval.
    ['nobody approves their own proposal', { personId: CLERK, proposal: { amountMinor: 100, proposerId: CLERK } }, refused('own_proposal', 0, [OWNER, LEAD, HEAD])],
    ['not even the lead within the lead tier', { personId: LEAD, proposal: { amountMinor: 20_001, proposerId: LEAD } }, refused('own_proposal', 1, [HEAD])],
    ['not even the lead within the owner tier', { personId: LEAD, proposal: { amountMinor: 100, proposerId: LEAD } }, refused('own_proposal', 0, [OWNER, HEAD])],
    ['except the owner within the owner tier', { personId: OWNER, proposal: { amountMinor: 20_000, proposerId: OWNER } }, ok(0)],
    [
      'the owner proposing one minor unit above the owner limit',
      { personId: OWNER, proposal: { amountMinor: 20_001, proposerId: OWNER } },
      refused('own_proposal', 1, [LEAD, HEAD]),
    ],
    [
      'a lead who owns the case approves their own proposal within the owner tier',
      { personId: LEAD, case: { ownerId: LEAD, staffInvolvedIds: [] }, proposal: { amountMinor: 100, proposerId: LEAD } },
      ok(0),
    ],
    [
      'but not their own proposal in the lead tier',
      { personId: LEAD, case: { ownerId: LEAD, staffInvolvedIds: [] }, proposal: { amountMinor: 20_001, proposerId: LEAD } },
      refused('own_proposal', 1, [HEAD]),
    ],
    ['the owner approves a colleague’s proposal when owner is a higher tier', { tiers: OWNER_ON_TOP, personId: OWNER }, ok(0)],
    [
      'the owner’s own proposal below the tier that names owner',
      { tiers: OWNER_ON_TOP, personId: OWNER, proposal: { amountMinor: 100, proposerId: OWNER } },
      refused('own_proposal', 0, [LEAD, HEAD]),
    ],
    ['the owner’s own proposal in the tier that names owner', { tiers: OWNER_ON_TOP, personId: OWNER, proposal: { amountMinor: 20_001, proposerId: OWNER } }, ok(1)],
    // Staff involved.
    ['staff involved, though not an approver', { personId: STAFF }, refused('staff_involved', 0, [OWNER, LEAD, HEAD])],
    ['a lead involved in the complaint', { personId: LEAD, case: { ownerId: OWNER, staffInvolvedIds: [LEAD] } }, refused('staff_involved', 0, [OWNER, HEAD])],
    ['a head involved in the complaint, in the top tier', { personId: HEAD, case: { ownerId: OWNER, staffInvolvedIds: [HEAD] }, proposal: { amountMinor: 300_000, proposerId: CLERK } }, refused('staff_involved', 2, [])],
    ['an owner involved in the complaint', { personId: OWNER, case: { ownerId: OWNER, staffInvolvedIds: [OWNER] } }, refused('staff_involved', 0, [LEAD, HEAD])],
    // A case without owner.
    ['anyone but a higher approver, in the owner tier of an unowned case', { personId: OTHER, case: UNOWNED }, refused('no_owner', 0, [LEAD, HEAD])],
    ['the lead, in the owner tier of an unowned case', { personId: LEAD, case: UNOWNED }, ok(0)],
    [
      'the one who proposed, in the owner tier of an unowned case',
      { personId: CLERK, case: UNOWNED },
      refused('own_proposal', 0, [LEAD, HEAD]),
    ],
    [
      'above the owner tier an unowned case needs no owner',
      { personId: OTHER, case: UNOWNED, proposal: { amountMinor: 20_001, proposerId: CLERK } },
      refused('not_an_approver', 1, [LEAD, HEAD]),
    ],
    [
      'a tier naming only the owner, with no higher tier, on an unowned case',
      { personId: LEAD, case: UNOWNED, tiers: [{ upToMinor: null, approvers: ['owner'] }] },
      refused('no_owner', 0, []),
    ],
  ])('%s', (_name, overrides, expected) => {
    expect(canDecide(question(overrides))).toEqual(expected);
  });
});

describe('canOwn', () => {
  it.each<[string, CaseParties, string, object]>([
    ['anyone not involved', OWNED, CLERK, { ok: true }],
    ['a lead', OWNED, LEAD, { ok: true }],
    ['staff involved in the complaint', OWNED, STAFF, { ok: false, code: 'staff_involved' }],
    ['staff involved, on an unowned case', UNOWNED, STAFF, { ok: false, code: 'staff_involved' }],
    ['one of several involved', { ownerId: null, staffInvolvedIds: [CLERK, STAFF] }, CLERK, { ok: false, code: 'staff_involved' }],
  ])('%s', (_name, parties, personId, expected) => {
    expect(canOwn(parties, personId)).toEqual(expected);
  });
});
