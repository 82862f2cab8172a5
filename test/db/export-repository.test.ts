import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFirstResponse, reopen, resolve } from '../../src/cases/case-actions.js';
import { closeCase } from '../../src/cases/close-case.js';
import { openCase } from '../../src/cases/open-case.js';
import type { Policy } from '../../src/config/policy.js';
import { exportCursorAfter, loadExportPage, type CaseExportRow, type ExportCursor } from '../../src/db/export-repository.js';
import { testPolicy } from '../support/anthill-harness.js';
import { sampleIntake } from '../support/sample-intake.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// Mon-Fri 09:00-17:00 in Europe/Warsaw (UTC+1 in November), Wednesday 2026-11-11 a holiday.
// high: first response 2h, resolution 1d (8h) of business time.
const TEAM = 'T0EXPORT1';
const local = (wall: string) => new Date(`${wall}+01:00`);
const FROM = local('2026-11-09T00:00:00'); // Monday
const TO = local('2026-11-16T00:00:00');
const NOW = local('2026-11-20T12:00:00');
const CLOSE = { outcome: 'in_favour', explanation: 'Refunded.', agreement: 'Refund by Friday.', customerThanked: true } as const;

let database: TestDatabase;
let policy: Policy;
const ids: Record<string, string> = {};

beforeAll(async () => {
  database = await createTestDatabase();
  policy = await testPolicy((yaml) => yaml.replace('business_hours: 24/7', 'business_hours: Mon-Fri 09:00-17:00').replace('holidays: []', 'holidays: [2026-11-11]'));
  const db = database.db;
  const open = async (name: string, at: string, change: Parameters<typeof sampleIntake>[0] = {}) => {
    const opened = await openCase(db, policy, { teamId: TEAM, reporterId: 'U0REP0001', intake: sampleIntake({ severity: 'high', summary: `Case ${name}`, ...change }), now: local(at) });
    ids[name] = opened.case.id;
  };
  const by = (name: string, at: string) => ({ caseId: ids[name] ?? '', teamId: TEAM, actorId: 'U0AAA0001', now: local(at) });
  const ok = (result: { ok: boolean }) => expect(result.ok).toBe(true);

  // Opened in the period before: not exported, though it was resolved in the period.
  await open('EARLIER', '2026-11-08T23:59:59');
  ok(await resolve(db, policy, { ...by('EARLIER', '2026-11-09T10:00:00'), how: 'Refund' }));
  // C: opened exactly at `from`; closed unresolved at 13:00 (4h: the 2h first response missed, the 8h resolution met), reopened, closed again with 2.
  await open('C', '2026-11-09T00:00:00', { customerName: '=HYPERLINK("x")', categoryId: 'billing' });
  ok(await closeCase(db, policy, { ...by('C', '2026-11-09T13:00:00'), ...CLOSE, satisfaction: 4 }));
  ok(await reopen(db, policy, { ...by('C', '2026-11-09T14:00:00'), reason: 'Wrong item' }));
  ok(await closeCase(db, policy, { ...by('C', '2026-11-09T15:00:00'), ...CLOSE, satisfaction: 2 }));
  // A and A2 opened at the same instant (the keyset's tie); A answered after 1h, resolved exactly at its deadline (8h).
  await open('A', '2026-11-09T10:00:00');
  await open('A2', '2026-11-09T10:00:00');
  ok(await recordFirstResponse(db, policy, { ...by('A', '2026-11-09T11:00:00'), note: '' }));
  ok(await resolve(db, policy, { ...by('A', '2026-11-10T10:00:00'), how: 'Replaced' }));
  // B: Tuesday 16:00, answered Thursday 10:00 exactly at its deadline (the holiday does not count), never resolved.
  await open('B', '2026-11-10T16:00:00', { source: 'phone' });
  ok(await recordFirstResponse(db, policy, { ...by('B', '2026-11-12T10:00:00'), note: '' }));
  await db.updateTable('cases').set({ escalated: true }).where('id', '=', ids.B ?? '').execute();
  // D: opened exactly at `to`: the next period's.
  await open('D', '2026-11-16T00:00:00');
  // Another workspace's case in the period is never exported here.
  await openCase(db, policy, { teamId: 'T0OTHER01', reporterId: 'U0REP0001', intake: sampleIntake(), now: local('2026-11-10T10:00:00') });

  const compensation = (name: string, amount: number, state: string) => ({
    case_id: ids[name] ?? '', team_id: TEAM, kind: 'refund', amount_minor: amount, note: '', customer_asked: '', proposed_by: 'U0AAA0001', proposed_at: FROM,
    state, approver_ids: ['U0LEAD001'], decided_at: state === 'pending' ? null : FROM, nudge_due_at: FROM,
  });
  await db
    .insertInto('compensations')
    .values([compensation('B', 10_000, 'approved'), compensation('B', 2_550, 'approved'), compensation('B', 99_900, 'rejected'), compensation('B', 1_000, 'pending')])
    .execute();

  // Retro notes on both closes of C (the cancelled one too): causes once each, in the order first written.
  const closures = await db.selectFrom('case_closures').select(['id', 'cancelled_at']).where('case_id', '=', ids.C ?? '').orderBy('id').execute();
  const note = (closureId: string, author: string, cause: string, at: string) => ({
    closure_id: closureId, case_id: ids.C ?? '', team_id: TEAM, author_id: author, root_cause: cause,
    root_cause_detail: '', went_well: '', lesson: '', created_at: local(at), updated_at: local(at),
  });
  const [cancelled, standing] = closures;
  await db
    .insertInto('retro_notes')
    .values([
      note(cancelled?.id ?? '', 'U1', 'delivery_partner', '2026-11-09T13:30:00'),
      note(standing?.id ?? '', 'U1', 'process_gap', '2026-11-09T16:00:00'),
      note(standing?.id ?? '', 'U2', 'delivery_partner', '2026-11-09T16:30:00'),
    ])
    .execute();
});
afterAll(async () => {
  await database?.drop();
});

/** Every row of a period, page by page, as the export job reads them. */
async function allRows(from: Date, to: Date, limit = 1000): Promise<CaseExportRow[]> {
  const rows: CaseExportRow[] = [];
  let after: ExportCursor | undefined;
  for (;;) {
    const page = await loadExportPage(database.db, { teamId: TEAM, from, to, now: NOW, after, limit });
    rows.push(...page);
    if (page.length < limit) return rows;
    after = exportCursorAfter(page);
  }
}

const name = (row: CaseExportRow) => Object.entries(ids).find(([, id]) => id === row.id)?.[0];

describe('loadExportPage', () => {
  it('gives the cases opened in [from, to): one opened exactly at from is in, exactly at to out, in order of opening', async () => {
    const rows = await allRows(FROM, TO);
    expect(rows.map(name).slice(0, 1)).toEqual(['C']);
    expect(rows.map(name).sort()).toEqual(['A', 'A2', 'B', 'C']);
    expect(rows.map((row) => row.openedAt.getTime())).toEqual([...rows.map((row) => row.openedAt.getTime())].sort((a, b) => a - b));
    expect(rows[0]?.openedAt).toEqual(FROM);
  });

  it('pages with its keyset through cases opened at the same instant, each once', async () => {
    const whole = await allRows(FROM, TO);
    for (const limit of [1, 2, 3]) {
      const paged = await allRows(FROM, TO, limit);
      expect(paged.map((row) => row.id)).toEqual(whole.map((row) => row.id));
    }
  });

  it('computes every column from the case, its deadlines, compensation, close and retro notes', async () => {
    const rows = await allRows(FROM, TO);
    const of = (n: string) => rows.find((row) => row.id === ids[n]);
    expect(of('A')).toMatchObject({
      status: 'resolved',
      severity: 'high',
      categoryId: 'delivery',
      summary: 'Case A',
      customerName: 'Anna Nowak',
      source: 'email',
      ownerId: null,
      reporterId: 'U0REP0001',
      firstResponseAt: local('2026-11-09T11:00:00'),
      firstResponseBusinessMinutes: 60,
      resolvedAt: local('2026-11-10T10:00:00'),
      resolutionBusinessMinutes: 480,
      // Met exactly at the due time is not a breach.
      firstResponseBreached: false,
      resolutionBreached: false,
      escalated: false,
      compensationApprovedMinor: 0,
      closedAt: null,
      outcome: null,
      satisfaction: null,
      rootCauses: [],
      channelId: null,
    });
    // B: answered exactly at its deadline (not breached); its resolution deadline passed long before NOW.
    expect(of('B')).toMatchObject({
      status: 'responded',
      source: 'phone',
      firstResponseBusinessMinutes: 120,
      firstResponseBreached: false,
      resolutionBreached: true,
      escalated: true,
      compensationApprovedMinor: 12_550,
      resolvedAt: null,
      resolutionBusinessMinutes: null,
    });
    // C: closing unresolved after 4h missed the first response only (and the reopening's resolution deadline was met); the standing close is the second one.
    expect(of('C')).toMatchObject({
      status: 'closed',
      categoryId: 'billing',
      customerName: '=HYPERLINK("x")',
      firstResponseBusinessMinutes: 240,
      resolutionBusinessMinutes: 240,
      firstResponseBreached: true,
      resolutionBreached: false,
      closedAt: local('2026-11-09T15:00:00'),
      outcome: 'in_favour',
      satisfaction: 2,
      rootCauses: ['delivery_partner', 'process_gap'],
    });
    // A2: nothing happened yet; its deadlines are past at NOW.
    expect(of('A2')).toMatchObject({ status: 'open', firstResponseAt: null, firstResponseBusinessMinutes: null, firstResponseBreached: true, resolutionBreached: true });
  });

  it('counts a running deadline not yet due as not breached', async () => {
    const [a2] = (await loadExportPage(database.db, { teamId: TEAM, from: FROM, to: TO, now: local('2026-11-09T10:30:00'), limit: 1000 })).filter((row) => row.id === ids.A2);
    expect(a2).toMatchObject({ firstResponseBreached: false, resolutionBreached: false });
  });

  it('gives nothing for an empty period, or another workspace', async () => {
    expect(await allRows(local('2020-01-01T00:00:00'), local('2020-02-01T00:00:00'))).toEqual([]);
    expect(await loadExportPage(database.db, { teamId: 'T0NOBODY1', from: FROM, to: TO, now: NOW, limit: 10 })).toEqual([]);
  });

  it('a period ending exactly at a case’s opening leaves it out; one starting there takes it alone', async () => {
    expect((await allRows(local('2026-11-16T00:00:00'), local('2026-11-17T00:00:00'))).map(name)).toEqual(['D']);
    expect((await allRows(local('2026-11-08T00:00:00'), FROM)).map(name)).toEqual(['EARLIER']);
  });
});
