import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addNote, changeSeverity, escalate, recordFirstResponse, reopen, resolve, setOwner } from '../../src/cases/case-actions.js';
import { openCase } from '../../src/cases/open-case.js';
import { findTargetCase } from '../../src/cases/find-case.js';
import { findCaseById, listCases } from '../../src/db/case-repository.js';
import { listEvents } from '../../src/db/event-repository.js';
import type { Policy } from '../../src/config/policy.js';
import { testPolicy } from '../support/anthill-harness.js';
import { sampleIntake } from '../support/sample-intake.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

let database: TestDatabase;
let policy: Policy;
const now = new Date('2026-11-23T10:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  policy = await testPolicy();
});
afterAll(async () => {
  await database.drop();
});

async function open(teamId = 'T1') {
  return (await openCase(database.db, policy, { teamId, reporterId: 'U0REP0001', intake: sampleIntake(), now })).case;
}

describe('openCase', () => {
  it('numbers cases per workspace from 1, without gaps or duplicates under concurrency', async () => {
    const opened = await Promise.all(Array.from({ length: 30 }, () => open('T-CONCURRENT')));
    expect(opened.map((c) => c.number).sort((a, b) => a - b)).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    expect((await open('T-OTHER')).number).toBe(1);
  });

  it('stores the case with an opened event and asks for provisioning', async () => {
    const result = await openCase(database.db, policy, { teamId: 'T2', reporterId: 'U0REP0001', intake: sampleIntake(), now });
    expect(result.case).toMatchObject({ status: 'open', ownerId: null, claimedLossMinor: 129_900, severity: 'high' });
    const at = (iso: string) => new Date(iso).getTime();
    expect(result.jobs.map((j) => [j.kind, 'runAtMs' in j ? j.runAtMs : undefined])).toEqual([
      ['provision-case', undefined],
      // high severity on a 24/7 calendar: first response 2h (warning at 75%), resolution 1d
      ['deadline-warning', at('2026-11-23T11:30:00Z')],
      ['deadline-breach', at('2026-11-23T12:00:00Z')],
      ['deadline-warning', at('2026-11-24T04:00:00Z')],
      ['deadline-breach', at('2026-11-24T10:00:00Z')],
    ]);
    const events = await listEvents(database.db, result.case.id);
    expect(events.map((e) => e.kind)).toEqual(['opened']);
    expect(events[0]?.actorId).toBe('U0REP0001');
  });

  it('keeps the timeline append-only in the database itself', async () => {
    const c = await open();
    await expect(sql`update case_events set kind = 'note' where case_id = ${c.id}`.execute(database.db)).rejects.toThrow(/append-only/);
    await expect(sql`delete from case_events where case_id = ${c.id}`.execute(database.db)).rejects.toThrow(/append-only/);
  });
});

describe('case actions', () => {
  it('take and assign set the owner, each with an event and a sync job', async () => {
    const c = await open();
    const taken = await setOwner(database.db, { caseId: c.id, teamId: c.teamId, actorId: 'U0AAA0001', ownerId: 'U0AAA0001', now });
    expect(taken.ok && taken.case.ownerId).toBe('U0AAA0001');
    expect(taken.ok && taken.jobs).toEqual([{ kind: 'sync-case', caseId: c.id, eventId: taken.ok ? taken.event.id : '' }]);
    const again = await setOwner(database.db, { caseId: c.id, teamId: c.teamId, actorId: 'U0AAA0001', ownerId: 'U0AAA0001', now });
    expect(again).toMatchObject({ ok: false, code: 'already_owner' });
    const assigned = await setOwner(database.db, { caseId: c.id, teamId: c.teamId, actorId: 'U0AAA0001', ownerId: 'U0BBB0002', now });
    expect(assigned.ok && assigned.case.ownerId).toBe('U0BBB0002');
    const kinds = (await listEvents(database.db, c.id)).map((e) => [e.kind, e.data]);
    expect(kinds).toEqual([
      ['opened', expect.any(Object)],
      ['owner_changed', { from: null, to: 'U0AAA0001' }],
      ['owner_changed', { from: 'U0AAA0001', to: 'U0BBB0002' }],
    ]);
  });

  it('first response moves open → responded once', async () => {
    const c = await open();
    const first = await recordFirstResponse(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', note: 'Called her', now });
    expect(first.ok && first.case.status).toBe('responded');
    const second = await recordFirstResponse(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', note: '', now });
    expect(second).toMatchObject({ ok: false, code: 'already_responded' });
    expect((await findCaseById(database.db, c.id))?.status).toBe('responded');
  });

  it('two people clicking First response sent at once: one wins, one is told', async () => {
    const c = await open();
    const results = await Promise.all([
      recordFirstResponse(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', note: '', now }),
      recordFirstResponse(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U2', note: '', now }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect((await listEvents(database.db, c.id)).filter((e) => e.kind === 'responded')).toHaveLength(1);
  });

  it('a closed case refuses take but accepts notes', async () => {
    const c = await open();
    await database.db.updateTable('cases').set({ status: 'closed' }).where('id', '=', c.id).execute();
    expect(await setOwner(database.db, { caseId: c.id, teamId: c.teamId, actorId: 'U1', ownerId: 'U1', now })).toMatchObject({ ok: false, code: 'case_closed' });
    expect((await addNote(database.db, { caseId: c.id, teamId: c.teamId, actorId: 'U1', text: 'late feedback', now })).ok).toBe(true);
  });

  it('refuses an empty note and an unknown case', async () => {
    const c = await open();
    expect(await addNote(database.db, { caseId: c.id, teamId: c.teamId, actorId: 'U1', text: '   ', now })).toMatchObject({ ok: false, code: 'empty_note' });
    expect(await addNote(database.db, { caseId: '00000000-0000-0000-0000-000000000000', teamId: 'T1', actorId: 'U1', text: 'x', now })).toMatchObject({
      ok: false,
      code: 'case_not_found',
    });
  });

  it('refuses every change asked for from another workspace, recording nothing', async () => {
    const c = await open('T-HOME');
    const elsewhere = { caseId: c.id, teamId: 'T-ELSEWHERE', actorId: 'U1', now };
    const refusals = [
      await addNote(database.db, { ...elsewhere, text: 'x' }),
      await setOwner(database.db, { ...elsewhere, ownerId: 'U1' }),
      await recordFirstResponse(database.db, policy, { ...elsewhere, note: '' }),
      await changeSeverity(database.db, policy, { ...elsewhere, severity: 'critical' }),
      await escalate(database.db, policy, { ...elsewhere, reason: '' }),
      await resolve(database.db, policy, { ...elsewhere, how: 'x' }),
    ];
    for (const refusal of refusals) expect(refusal).toMatchObject({ ok: false, code: 'other_workspace' });
    expect((await listEvents(database.db, c.id)).map((e) => e.kind)).toEqual(['opened']);
    expect(await findCaseById(database.db, c.id)).toMatchObject({ status: 'open', ownerId: null, severity: 'high', escalated: false });
  });
});

describe('deadlines through the lifecycle', () => {
  const deadlines = (caseId: string) =>
    database.db.selectFrom('case_deadlines').selectAll().where('case_id', '=', caseId).orderBy('id').execute();

  it('opening starts both clocks from the severity SLA', async () => {
    const c = await open();
    const rows = await deadlines(c.id);
    expect(rows.map((d) => [d.kind, d.due_at.getTime() - now.getTime()])).toEqual([
      ['first_response', 2 * 3600_000],
      ['resolution', 24 * 3600_000],
    ]);
  });

  it('the first response stops its clock only', async () => {
    const c = await open();
    await recordFirstResponse(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', note: '', now });
    const rows = await deadlines(c.id);
    expect(rows.map((d) => [d.kind, d.met_at !== null])).toEqual([
      ['first_response', true],
      ['resolution', false],
    ]);
  });

  it('a severity change replaces running deadlines, counted from the same start, and asks for their jobs', async () => {
    const c = await open();
    await recordFirstResponse(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', note: '', now });
    const later = new Date(now.getTime() + 60_000);
    const change = await changeSeverity(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', severity: 'critical', now: later });
    expect(change.ok && change.jobs.map((j) => j.kind)).toEqual(['sync-case', 'deadline-warning', 'deadline-breach']);
    const rows = await deadlines(c.id);
    const current = rows.filter((d) => d.superseded_at === null);
    // The met first-response deadline stays; the resolution one is now 8h from the original start.
    expect(current.map((d) => [d.kind, d.due_at.getTime() - now.getTime(), d.met_at !== null])).toEqual([
      ['first_response', 2 * 3600_000, true],
      ['resolution', 8 * 3600_000, false],
    ]);
    expect(await changeSeverity(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', severity: 'critical', now: later })).toMatchObject({ ok: false, code: 'same_severity' });
  });

  it('resolve stops both clocks; reopen starts a new resolution clock from now', async () => {
    const c = await open();
    expect(await resolve(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', how: '  ', now })).toMatchObject({ ok: false, code: 'resolution_required' });
    const resolved = await resolve(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', how: 'Replaced', now });
    expect(resolved.ok && resolved.case.status).toBe('resolved');
    expect((await deadlines(c.id)).every((d) => d.met_at !== null)).toBe(true);
    expect(await resolve(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', how: 'again', now })).toMatchObject({ ok: false, code: 'already_resolved' });

    const reopenedAt = new Date(now.getTime() + 3600_000);
    const reopened = await reopen(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', reason: 'broke again', now: reopenedAt });
    expect(reopened.ok && reopened.case.status).toBe('open');
    const current = (await deadlines(c.id)).filter((d) => d.superseded_at === null && d.kind === 'resolution');
    expect(current).toHaveLength(1);
    expect(current[0]?.starts_at.getTime()).toBe(reopenedAt.getTime());
    expect(current[0]?.met_at).toBeNull();
    expect(await reopen(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', reason: '', now })).toMatchObject({ ok: false, code: 'not_resolved' });
  });

  it('escalation flags the case once and asks for the leads, who are invited before the ping', async () => {
    const c = await open();
    const escalated = await escalate(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', reason: 'over my limit', now });
    expect(escalated.ok && escalated.case.escalated).toBe(true);
    expect(escalated.ok && escalated.jobs.map((j) => j.kind)).toEqual(['invite-leads']);
    expect(escalated.ok && escalated.event.data).toEqual({ reason: 'over my limit', leads: ['U0LEAD001'] });
    expect(await escalate(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', reason: '', now })).toMatchObject({ ok: false, code: 'already_escalated' });
  });
});

describe('list overdue', () => {
  it('lists cases with a running deadline past due, breach job or not; met deadlines do not count', async () => {
    const late = await open('T-OVERDUE');
    const answered = await open('T-OVERDUE');
    await recordFirstResponse(database.db, policy, { caseId: answered.id, teamId: answered.teamId, actorId: 'U1', note: '', now });
    const list = (at: Date) => listCases(database.db, { teamId: 'T-OVERDUE', filter: 'overdue', userId: 'U1', limit: 10, now: at });
    expect((await list(new Date(now.getTime() + 3600_000))).total).toBe(0);
    // Past the 2h first-response deadline: only the unanswered case.
    const overdue = await list(new Date(now.getTime() + 2 * 3600_000 + 1));
    expect(overdue.cases.map((c) => c.case.number)).toEqual([late.number]);
  });
});

describe('the same intake form submitted twice', () => {
  it('opens one case, even when both submissions arrive at once', async () => {
    const submit = () => openCase(database.db, policy, { teamId: 'T-TWICE', reporterId: 'U1', intake: sampleIntake(), intakeViewId: 'V0SAMEFORM', now });
    const [a, b] = await Promise.all([submit(), submit()]);
    const c = await submit();
    expect(new Set([a.case.id, b.case.id, c.case.id]).size).toBe(1);
    expect(c.alreadyOpen).toBe(true);
    const rows = await database.db.selectFrom('cases').select('number').where('team_id', '=', 'T-TWICE').execute();
    expect(rows).toEqual([{ number: 1 }]);
    // A different form is a different complaint, numbered on without a gap.
    const other = await openCase(database.db, policy, { teamId: 'T-TWICE', reporterId: 'U1', intake: sampleIntake(), intakeViewId: 'V0OTHER', now });
    expect(other.case.number).toBe(2);
  });
});

describe('complaints arriving together', () => {
  const openForm = (teamId: string, viewId: string, summary = `Complaint ${viewId}`) =>
    openCase(database.db, policy, { teamId, reporterId: 'U1', intake: { ...sampleIntake(), summary }, intakeViewId: viewId, now });

  it('are numbered in the order they arrived, each with its own event and deadlines', async () => {
    const opened = await Promise.all(Array.from({ length: 8 }, (_, i) => openForm('T-ARRIVED', `V0ORDER${i}`)));
    expect(opened.map((o) => o.case.number)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    for (const [i, o] of opened.entries()) {
      expect(o.case.summary).toBe(`Complaint V0ORDER${i}`);
      expect((await listEvents(database.db, o.case.id)).map((e) => e.kind)).toEqual(['opened']);
      const deadlines = await database.db.selectFrom('case_deadlines').select('case_id').where('case_id', '=', o.case.id).execute();
      expect(deadlines).toHaveLength(2);
      expect(o.jobs.filter((j) => j.kind === 'deadline-warning' || j.kind === 'deadline-breach')).toHaveLength(4);
    }
  });

  it('one form sent again among them fails only itself: it finds its case, the others are stored without a gap', async () => {
    const first = openForm('T-AGAIN', 'V0AGAIN0');
    // These arrive while the first is being stored, so they are stored together, the repeat among them.
    const others = Array.from({ length: 6 }, (_, i) => openForm('T-AGAIN', `V0AGAIN${i + 1}`));
    const again = openForm('T-AGAIN', 'V0AGAIN0');
    const [a, b, ...rest] = await Promise.all([first, again, ...others]);
    expect(b?.case.id).toBe(a?.case.id);
    expect(b?.alreadyOpen).toBe(true);
    const numbers = [a, ...rest].map((o) => o?.case.number).sort((x = 0, y = 0) => x - y);
    expect(numbers).toEqual([1, 2, 3, 4, 5, 6, 7]);
    // Tried again one by one after the repeat failed their statement, they keep the order they arrived in.
    expect(rest.map((o) => o?.case.number)).toEqual([2, 3, 4, 5, 6, 7]);
    const stored = await database.db.selectFrom('cases').select('number').where('team_id', '=', 'T-AGAIN').execute();
    expect(stored).toHaveLength(7);
  });
});

describe('use cases say what went wrong as a code and facts, never in words or Slack syntax', () => {
  const slackSyntax = /<[@#!]|\/complaint|`/;

  it('refusals carry facts in params, no message, and no mention or command', async () => {
    const c = await open();
    await setOwner(database.db, { caseId: c.id, teamId: c.teamId, actorId: 'U0AAA0001', ownerId: 'U0AAA0001', now });
    const refusals = [
      await setOwner(database.db, { caseId: c.id, teamId: c.teamId, actorId: 'U0BBB0001', ownerId: 'U0AAA0001', now }),
      await addNote(database.db, { caseId: c.id, teamId: c.teamId, actorId: 'U1', text: ' ', now }),
      await resolve(database.db, policy, { caseId: c.id, teamId: c.teamId, actorId: 'U1', how: ' ', now }),
      await findTargetCase(database.db, { teamId: 'T1', channelId: 'C0NOTACASE', verb: 'take' }),
      await addNote(database.db, { caseId: c.id, teamId: 'T-ELSEWHERE', actorId: 'U1', text: 'x', now }),
    ];
    for (const refusal of refusals) {
      if (refusal.ok) throw new Error('expected a refusal');
      expect(Object.keys(refusal).sort()).toEqual(['code', 'ok', 'params']);
      expect(JSON.stringify(refusal.params)).not.toMatch(slackSyntax);
    }
    expect(refusals[0]).toMatchObject({ code: 'already_owner', params: { ownerId: 'U0AAA0001', caseNumber: c.number } });
    expect(refusals[3]).toMatchObject({ code: 'no_case_here', params: { verb: 'take' } });
  });
});

describe('staff involved cannot own the case', () => {
  const STAFF = 'U0STAFF01';

  it('is stored with the case and refuses take and assign for them, recording nothing; anyone else may own it', async () => {
    const opened = await openCase(database.db, policy, { teamId: 'T1', reporterId: 'U0REP0001', intake: sampleIntake({ staffInvolvedIds: [STAFF, 'U0STAFF02'] }), now });
    const c = opened.case;
    expect(c.staffInvolvedIds).toEqual([STAFF, 'U0STAFF02']);
    expect((await findCaseById(database.db, c.id))?.staffInvolvedIds).toEqual([STAFF, 'U0STAFF02']);
    expect(await setOwner(database.db, { caseId: c.id, teamId: c.teamId, actorId: STAFF, ownerId: STAFF, now })).toEqual({
      ok: false,
      code: 'staff_cannot_own',
      params: { caseNumber: c.number, personId: STAFF, self: true },
    });
    expect(await setOwner(database.db, { caseId: c.id, teamId: c.teamId, actorId: 'U0AAA0001', ownerId: 'U0STAFF02', now })).toEqual({
      ok: false,
      code: 'staff_cannot_own',
      params: { caseNumber: c.number, personId: 'U0STAFF02', self: false },
    });
    expect((await listEvents(database.db, c.id)).map((e) => e.kind)).toEqual(['opened']);
    expect((await setOwner(database.db, { caseId: c.id, teamId: c.teamId, actorId: STAFF, ownerId: 'U0AAA0001', now })).ok).toBe(true);
  });

  it('a case opened without staff involved has none', async () => {
    expect((await open()).staffInvolvedIds).toEqual([]);
  });
});

describe('list order', () => {
  it('puts the case whose running deadline falls due first at the top, overdue first, then the rest newest first', async () => {
    const team = 'T-ORDER';
    const at = (hours: number) => new Date(now.getTime() + hours * 3600_000);
    const openAt = async (hours: number) => (await openCase(database.db, policy, { teamId: team, reporterId: 'U0REP0001', intake: sampleIntake(), now: at(hours) })).case;
    // high severity on a 24/7 calendar: first response due 2 h after opening, resolution 1 day after.
    const newest = await openAt(0); // first response due at +2 h
    const older = await openAt(-1); // due at +1 h
    const overdue = await openAt(-3); // due at -1 h: overdue
    const answered = await openAt(-4); // answered: next is the resolution, due at +20 h
    await recordFirstResponse(database.db, policy, { caseId: answered.id, teamId: team, actorId: 'U1', note: '', now: at(-3.5) });
    const resolved = await openAt(-5);
    await resolve(database.db, policy, { caseId: resolved.id, teamId: team, actorId: 'U1', how: 'refunded', now: at(-4.5) });

    const listed = await listCases(database.db, { teamId: team, filter: 'open', userId: 'U1', limit: 10, now });
    expect(listed.cases.map((c) => c.case.number)).toEqual([overdue.number, older.number, newest.number, answered.number]);
    expect(listed.cases.map((c) => [c.nextDeadline?.kind, c.nextDeadline?.dueAt.toISOString()])).toEqual([
      ['first_response', at(-1).toISOString()],
      ['first_response', at(1).toISOString()],
      ['first_response', at(2).toISOString()],
      ['resolution', at(20).toISOString()],
    ]);
    expect(listed.total).toBe(4);
    const page = await listCases(database.db, { teamId: team, filter: 'open', userId: 'U1', limit: 2, now });
    expect(page.cases.map((c) => c.case.number)).toEqual([overdue.number, older.number]);
    expect(page.total).toBe(4);
  });
});
