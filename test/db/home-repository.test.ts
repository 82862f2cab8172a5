import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setOwner } from '../../src/cases/case-actions.js';
import { closeCase } from '../../src/cases/close-case.js';
import { openCase } from '../../src/cases/open-case.js';
import type { Policy } from '../../src/config/policy.js';
import { insertRetroRequests } from '../../src/db/retro-repository.js';
import { claimHomePublish, firstDelivery, loadHomeContent, recordHomeOpened, requestHomesOfCase } from '../../src/db/home-repository.js';
import { testPolicy } from '../support/anthill-harness.js';
import { sampleIntake } from '../support/sample-intake.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const TEAM = 'T0HOME001';
const OWNER = 'U0AAA0001';
const APPROVER = 'U0LEAD001';
const NOW = new Date('2026-11-23T10:00:00Z');
const at = (ms: number) => new Date(NOW.getTime() + ms);

let database: TestDatabase;
let policy: Policy;

beforeAll(async () => {
  database = await createTestDatabase();
  policy = await testPolicy();
});
afterAll(async () => {
  await database.drop();
});

async function openOwned(summary: string, openedAt: Date, owner = OWNER) {
  const opened = (await openCase(database.db, policy, { teamId: TEAM, reporterId: 'U0REP0001', intake: sampleIntake({ summary }), now: openedAt })).case;
  const owned = await setOwner(database.db, { caseId: opened.id, teamId: TEAM, actorId: owner, ownerId: owner, now: openedAt });
  expect(owned.ok).toBe(true);
  return opened;
}

async function propose(caseId: string, approvers: string[], state = 'pending', amountMinor = 50_000) {
  await database.db
    .insertInto('compensations')
    .values({ case_id: caseId, team_id: TEAM, kind: 'refund', amount_minor: amountMinor, note: '', customer_asked: '', proposed_by: OWNER, proposed_at: NOW, nudge_due_at: NOW, approver_ids: approvers, state })
    .execute();
}

describe('the publish slot', () => {
  it('goes to exactly one of two workers claiming at once, and opens again 5 s later', async () => {
    await recordHomeOpened(database.db, { teamId: TEAM, userId: 'U0SLOT001', now: NOW });
    const claim = (now: Date) => claimHomePublish(database.db, { teamId: TEAM, userId: 'U0SLOT001', now, everyMs: 5000 });
    const both = await Promise.all([claim(NOW), claim(NOW)]);
    expect(both.filter((result) => result.claimed)).toHaveLength(1);
    expect(await claim(at(4999))).toEqual({ claimed: false, retryAt: at(5000) });
    expect(await claim(at(5000))).toEqual({ claimed: true });
    expect(await claimHomePublish(database.db, { teamId: TEAM, userId: 'U0NEVER01', now: NOW, everyMs: 5000 })).toEqual({ claimed: false, unknown: true });
  });
});

describe('event deliveries', () => {
  it('are handled the first time only, even when two arrive at once', async () => {
    const deliver = () => firstDelivery(database.db, { eventId: 'Ev0TWICE01', teamId: TEAM, now: NOW });
    expect((await Promise.all([deliver(), deliver()])).sort()).toEqual([false, true]);
    expect(await deliver()).toBe(false);
  });
});

describe('whose Homes a change concerns', () => {
  it('asks for the Homes of the case’s owner, the owner it was taken from, its reporter, approvers and the leads, if they opened theirs', async () => {
    const c = await openOwned('Involvement', NOW, 'U0FIRST01');
    expect((await setOwner(database.db, { caseId: c.id, teamId: TEAM, actorId: APPROVER, ownerId: OWNER, now: NOW })).ok).toBe(true);
    await propose(c.id, ['U0HEAD001']);
    const people = ['U0FIRST01', OWNER, 'U0REP0001', 'U0HEAD001', APPROVER, 'U0STRANGE'];
    for (const userId of people) await recordHomeOpened(database.db, { teamId: TEAM, userId, now: NOW });
    // Someone of the same id in another workspace is not asked.
    await recordHomeOpened(database.db, { teamId: 'T0ELSEWHERE', userId: OWNER, now: NOW });
    const asked = await requestHomesOfCase(database.db, { caseId: c.id, leadIds: [APPROVER], now: at(1000) });
    expect(asked.map((home) => home.teamId)).toEqual(asked.map(() => TEAM));
    expect(asked.map((home) => home.userId).sort()).toEqual(['U0FIRST01', OWNER, 'U0REP0001', 'U0HEAD001', APPROVER].sort());
    const stranger = await database.db.selectFrom('home_views').select('requested_at').where('user_id', '=', 'U0STRANGE').executeTakeFirstOrThrow();
    expect(stranger.requested_at).toEqual(NOW);
  });
});

describe('the Home content', () => {
  it('lists an owner’s unresolved cases by next deadline, an approver’s pending requests, retro notes owed and action items', async () => {
    const team = 'T0CONTENT';
    const open = async (summary: string, openedAt: Date) => {
      const opened = (await openCase(database.db, policy, { teamId: team, reporterId: 'U0REP0001', intake: sampleIntake({ summary }), now: openedAt })).case;
      expect((await setOwner(database.db, { caseId: opened.id, teamId: team, actorId: OWNER, ownerId: OWNER, now: openedAt })).ok).toBe(true);
      return opened;
    };
    const later = await open('Later', NOW);
    const sooner = await open('Sooner', at(-3600_000));
    const closed = await open('Closed one', at(-7200_000));
    const closure = await closeCase(database.db, policy, {
      caseId: closed.id, teamId: team, actorId: OWNER, now: at(-60_000),
      outcome: 'in_favour', explanation: 'Refunded.', agreement: 'Refund.', customerThanked: true, satisfaction: 4,
    });
    expect(closure.ok).toBe(true);
    const closureRow = await database.db.selectFrom('case_closures').select(['id', 'retro_due_at']).where('case_id', '=', closed.id).executeTakeFirstOrThrow();
    await database.db.transaction().execute((trx) => insertRetroRequests(trx, closureRow.id, [OWNER, APPROVER]));
    const note = await database.db
      .insertInto('retro_notes')
      .values({ closure_id: closureRow.id, case_id: closed.id, team_id: team, author_id: APPROVER, root_cause: 'process', root_cause_detail: '', went_well: '', lesson: '', created_at: NOW, updated_at: NOW })
      .returning('id')
      .executeTakeFirstOrThrow();
    await database.db
      .insertInto('action_items')
      .values({ case_id: closed.id, team_id: team, retro_note_id: note.id, description: 'Fix the packing line', owner_id: OWNER, due_on: '2026-11-20', remind_at: NOW, created_by: APPROVER, created_at: NOW })
      .execute();
    for (const [caseId, approvers, state] of [
      [later.id, [APPROVER], 'pending'],
      [sooner.id, [APPROVER, 'U0HEAD001'], 'pending'],
      [sooner.id, [APPROVER], 'approved'],
      [later.id, ['U0HEAD001'], 'pending'],
    ] as const) {
      await database.db
        .insertInto('compensations')
        .values({ case_id: caseId, team_id: team, kind: 'refund', amount_minor: 12_345, note: '', customer_asked: '', proposed_by: OWNER, proposed_at: NOW, nudge_due_at: NOW, approver_ids: [...approvers], state })
        .execute();
    }

    const owner = await loadHomeContent(database.db, { teamId: team, userId: OWNER, isLead: false, now: NOW });
    expect(owner.myCases.items.map((listed) => listed.case.summary)).toEqual(['Sooner', 'Later']);
    expect(owner.myCases.total).toBe(2);
    expect(owner.approvals).toEqual({ items: [], total: 0 });
    expect(owner.retros.items.map((retro) => retro.caseNumber)).toEqual([closed.number]);
    expect(owner.retros.items[0]?.dueAt).toEqual(closureRow.retro_due_at);
    expect(owner.actionItems.items.map((item) => [item.description, item.dueOn])).toEqual([['Fix the packing line', '2026-11-20']]);
    expect(owner.overdue).toBeUndefined();

    const lead = await loadHomeContent(database.db, { teamId: team, userId: APPROVER, isLead: true, now: at(3 * 3600_000) });
    expect(lead.approvals.total).toBe(2);
    expect(lead.approvals.items.map((approval) => [approval.caseNumber, approval.amountMinor, approval.kind])).toEqual([
      [later.number, 12_345, 'refund'],
      [sooner.number, 12_345, 'refund'],
    ]);
    expect(lead.myCases.total).toBe(0);
    expect(lead.retros.items.map((retro) => retro.caseNumber)).toEqual([closed.number]);
    // Three hours on, both cases are past their 2-hour first-response deadline.
    expect(lead.overdue?.items.map((listed) => listed.case.summary)).toEqual(['Sooner', 'Later']);
  });
});
