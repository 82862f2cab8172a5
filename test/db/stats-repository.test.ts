import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFirstResponse, reopen, resolve } from '../../src/cases/case-actions.js';
import { closeCase } from '../../src/cases/close-case.js';
import { openCase } from '../../src/cases/open-case.js';
import type { Policy } from '../../src/config/policy.js';
import { loadStats, STATS_SQL, statsParameters } from '../../src/db/stats-repository.js';
import { testPolicy } from '../support/anthill-harness.js';
import { sampleIntake } from '../support/sample-intake.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// Mon-Fri 09:00-17:00 in Europe/Warsaw (UTC+1 in November), Wednesday 2026-11-11 a holiday.
// high: first response 2h, resolution 1d (8h) of business time.
const TEAM = 'T0STATS01';
const H = 3_600_000;
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
  const open = async (name: string, at: string, categoryId = 'delivery') => {
    const opened = await openCase(db, policy, { teamId: TEAM, reporterId: 'U0REP0001', intake: sampleIntake({ categoryId, severity: 'high' }), now: local(at) });
    ids[name] = opened.case.id;
    return opened.case.id;
  };
  const by = (name: string, at: string) => ({ caseId: ids[name] ?? '', teamId: TEAM, actorId: 'U0AAA0001', now: local(at) });
  const ok = (result: { ok: boolean }) => expect(result.ok).toBe(true);

  // E: opened in the previous period, resolved (its first response too) on Monday after 16h, reopened, resolved again.
  await open('E', '2026-11-05T10:00:00');
  ok(await resolve(db, policy, { ...by('E', '2026-11-09T10:00:00'), how: 'Refund' }));
  ok(await reopen(db, policy, { ...by('E', '2026-11-10T12:00:00'), reason: 'Refund bounced' }));
  ok(await resolve(db, policy, { ...by('E', '2026-11-12T11:00:00'), how: 'Refund again' }));
  // C: opened exactly at `from` (night), closed unresolved at 13:00 (4h), reopened and closed again: the later close stands.
  await open('C', '2026-11-09T00:00:00');
  ok(await closeCase(db, policy, { ...by('C', '2026-11-09T13:00:00'), ...CLOSE, satisfaction: 4 }));
  ok(await reopen(db, policy, { ...by('C', '2026-11-09T14:00:00'), reason: 'Wrong item' }));
  ok(await closeCase(db, policy, { ...by('C', '2026-11-09T15:00:00'), ...CLOSE, satisfaction: 2 }));
  // A: answered after 1h, resolved exactly at its resolution deadline (8h, Tuesday 10:00), closed Friday.
  await open('A', '2026-11-09T10:00:00');
  ok(await recordFirstResponse(db, policy, { ...by('A', '2026-11-09T11:00:00'), note: '' }));
  ok(await resolve(db, policy, { ...by('A', '2026-11-10T10:00:00'), how: 'Replaced' }));
  ok(await closeCase(db, policy, { ...by('A', '2026-11-13T10:00:00'), ...CLOSE, satisfaction: 5 }));
  // B: Tuesday 16:00, answered Thursday 10:00 exactly at its deadline (2h: the holiday does not count), never resolved.
  await open('B', '2026-11-10T16:00:00', 'billing');
  ok(await recordFirstResponse(db, policy, { ...by('B', '2026-11-12T10:00:00'), note: '' }));
  // D: opened exactly at `to`: the next period's.
  await open('D', '2026-11-16T00:00:00');
  // Another workspace's case in the period counts nowhere here.
  await openCase(db, policy, { teamId: 'T0OTHER01', reporterId: 'U0REP0001', intake: sampleIntake(), now: local('2026-11-10T10:00:00') });

  // A deadline replaced before it was met (a severity change) does not count.
  await db
    .insertInto('case_deadlines')
    .values({ case_id: ids.A ?? '', team_id: TEAM, kind: 'resolution', starts_at: FROM, warn_at: FROM, due_at: local('2026-11-09T12:00:00'), superseded_at: FROM, created_at: FROM })
    .execute();

  const compensation = (kind: string, amount: number, state: string, decidedAt: Date | null) => ({
    case_id: ids.B ?? '', team_id: TEAM, kind, amount_minor: amount, note: '', customer_asked: '', proposed_by: 'U0AAA0001', proposed_at: FROM,
    state, approver_ids: ['U0LEAD001'], decided_at: decidedAt, nudge_due_at: FROM,
  });
  await db
    .insertInto('compensations')
    .values([
      compensation('refund', 10_000, 'approved', local('2026-11-09T10:00:00')),
      compensation('voucher', 5_000, 'approved', FROM),
      compensation('refund', 2_500, 'approved', TO),
      compensation('refund', 99_900, 'rejected', local('2026-11-10T10:00:00')),
      compensation('discount', 1_000, 'pending', null),
    ])
    .execute();

  const closures = await db.selectFrom('case_closures').select(['id', 'case_id']).where('cancelled_at', 'is', null).execute();
  const closureOf = (name: string) => closures.find((c) => c.case_id === ids[name])?.id ?? '';
  const note = (name: string, author: string, cause: string, at: Date) => ({
    closure_id: closureOf(name), case_id: ids[name] ?? '', team_id: TEAM, author_id: author, root_cause: cause,
    root_cause_detail: '', went_well: '', lesson: '', created_at: at, updated_at: at,
  });
  await db
    .insertInto('retro_notes')
    .values([
      note('C', 'U1', 'delivery_partner', FROM),
      note('C', 'U2', 'delivery_partner', local('2026-11-10T09:00:00')),
      note('A', 'U1', 'process_gap', local('2026-11-13T11:00:00')),
      note('A', 'U2', 'product_defect', TO),
    ])
    .execute();
});
afterAll(async () => {
  await database?.drop();
});

describe('recording the moments stats read', () => {
  it('stores the first response and the first resolution with their business time from opening, on the calendar with its holiday', async () => {
    const rows = await database.db
      .selectFrom('cases')
      .select(['id', 'first_response_at', 'first_response_business_ms', 'resolved_at', 'resolution_business_ms'])
      .where('team_id', '=', TEAM)
      .execute();
    const of = (name: string) => rows.find((row) => row.id === ids[name]);
    expect(of('A')).toMatchObject({ first_response_at: local('2026-11-09T11:00:00'), first_response_business_ms: String(1 * H), resolved_at: local('2026-11-10T10:00:00'), resolution_business_ms: String(8 * H) });
    expect(of('B')).toMatchObject({ first_response_at: local('2026-11-12T10:00:00'), first_response_business_ms: String(2 * H), resolved_at: null, resolution_business_ms: null });
    // Closing an unresolved case is its resolution (and first response); the second close changes nothing.
    expect(of('C')).toMatchObject({ first_response_at: local('2026-11-09T13:00:00'), first_response_business_ms: String(4 * H), resolved_at: local('2026-11-09T13:00:00'), resolution_business_ms: String(4 * H) });
    // Resolving is the first response when none was recorded; resolving again after a reopening keeps the first resolution.
    expect(of('E')).toMatchObject({ first_response_at: local('2026-11-09T10:00:00'), first_response_business_ms: String(16 * H), resolved_at: local('2026-11-09T10:00:00'), resolution_business_ms: String(16 * H) });
    expect(of('D')).toMatchObject({ first_response_at: null, resolved_at: null });
  });
});

describe('loadStats', () => {
  it('computes every figure of the period against hand-computed expectations', async () => {
    const stats = await loadStats(database.db, { teamId: TEAM, from: FROM, to: TO, now: NOW });
    expect(stats).toEqual({
      opened: 3, // A, B and C (at `from`); D at `to` is not
      resolved: 3, // A, C (by closing), E (first resolution)
      closed: 2, // A, and C's standing close
      openNow: 2, // B responded, D open
      // 1h, 2h, 4h, 16h: median between 2h and 4h; p90 at 0.9 × 3 = 2.7 → 4h + 0.7 × 12h
      firstResponse: { count: 4, medianMs: 3 * H, p90Ms: 12.4 * H },
      // 4h, 8h, 16h: p90 at 0.9 × 2 = 1.8 → 8h + 0.8 × 8h
      resolution: { count: 3, medianMs: 8 * H, p90Ms: 14.4 * H },
      deadlines: {
        // A in time, B exactly at due (in time), C late
        firstResponse: { due: 3, breached: 1 },
        // A at due, C's first (replaced by reopening but met) and second, E's second in time; B never met
        resolution: { due: 5, breached: 1 },
      },
      compensation: {
        totalMinor: 15_000,
        count: 2,
        byKind: [
          { kind: 'refund', totalMinor: 10_000, count: 1 },
          { kind: 'voucher', totalMinor: 5_000, count: 1 },
        ],
      },
      satisfaction: 3.5, // A 5, C's later close 2 (its cancelled 4 does not count)
      topCategories: [
        { categoryId: 'delivery', count: 2 },
        { categoryId: 'billing', count: 1 },
      ],
      rootCauses: [
        { cause: 'delivery_partner', count: 2 },
        { cause: 'process_gap', count: 1 },
      ],
      openedPerBucket: { bucketMs: 24 * H, counts: [2, 1, 0, 0, 0, 0, 0] },
    });
  });

  it('computes the previous period: late deadlines there, replaced after being met, still count', async () => {
    const stats = await loadStats(database.db, { teamId: TEAM, from: local('2026-11-02T00:00:00'), to: FROM, now: NOW });
    expect(stats).toMatchObject({
      opened: 1,
      resolved: 0,
      closed: 0,
      firstResponse: { count: 0, medianMs: null, p90Ms: null },
      resolution: { count: 0, medianMs: null, p90Ms: null },
      deadlines: { firstResponse: { due: 1, breached: 1 }, resolution: { due: 1, breached: 1 } },
      compensation: { totalMinor: 0, count: 0, byKind: [] },
      satisfaction: null,
      openedPerBucket: { bucketMs: 24 * H, counts: [0, 0, 0, 1, 0, 0, 0] },
    });
  });

  it('does not count a deadline still running: not met and not yet due at `now`', async () => {
    const stats = await loadStats(database.db, { teamId: TEAM, from: FROM, to: TO, now: local('2026-11-12T12:00:00') });
    // B's resolution (due Thursday 16:00) has not passed yet at Thursday noon.
    expect(stats.deadlines.resolution).toEqual({ due: 4, breached: 0 });
  });

  it('answers an empty period with zeros and no durations', async () => {
    const stats = await loadStats(database.db, { teamId: TEAM, from: new Date('2025-01-01T00:00:00Z'), to: new Date('2025-01-31T00:00:00Z'), now: NOW });
    expect(stats).toEqual({
      opened: 0,
      resolved: 0,
      closed: 0,
      openNow: 2,
      firstResponse: { count: 0, medianMs: null, p90Ms: null },
      resolution: { count: 0, medianMs: null, p90Ms: null },
      deadlines: { firstResponse: { due: 0, breached: 0 }, resolution: { due: 0, breached: 0 } },
      compensation: { totalMinor: 0, count: 0, byKind: [] },
      satisfaction: null,
      topCategories: [],
      rootCauses: [],
      // 30 days in weeks: four of 7 days and one of 2
      openedPerBucket: { bucketMs: 7 * 24 * H, counts: [0, 0, 0, 0, 0] },
    });
  });

  it('reads every table through the indexes made for it', async () => {
    await sql`set enable_seqscan = off`.execute(database.db);
    const parameters = statsParameters({ teamId: TEAM, from: FROM, to: TO, now: NOW });
    const literal = STATS_SQL.replace(/\$(\d)/g, (_, n: string) => {
      const value = parameters[Number(n) - 1];
      return value instanceof Date ? `'${value.toISOString()}'` : typeof value === 'string' ? `'${value}'` : String(value);
    });
    const { rows } = await sql<{ 'QUERY PLAN': string }>`explain ${sql.raw(literal)}`.execute(database.db);
    const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
    await sql`reset enable_seqscan`.execute(database.db);
    for (const index of ['cases_stats_opened', 'cases_stats_responded', 'cases_stats_resolved', 'case_closures_stats', 'compensations_stats', 'retro_notes_stats', 'case_deadlines_stats']) {
      expect(plan).toContain(index);
    }
  });
});
