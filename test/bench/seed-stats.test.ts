import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTHER_TEAM_ID, seedStats, STATS_TEAM_ID, statsPolicyYaml } from '../../bench/seed-stats.js';
import { parsePolicy, type Policy } from '../../src/config/policy.js';
import { addBusinessTime, businessTimeBetween } from '../../src/domain/business-calendar.js';
import type { Severity } from '../../src/domain/severity.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

// The seeding SQL of the stats benchmark, on a small size in the test database (the benchmark seeds a million).
describe('stats benchmark seeding', () => {
  const now = new Date('2026-12-02T10:30:00.000Z');
  let database: TestDatabase;
  let client: pg.Client;
  let policy: Policy;

  beforeAll(async () => {
    database = await createTestDatabase();
    client = new pg.Client({ connectionString: database.url });
    await client.connect();
    policy = parsePolicy(statsPolicyYaml(now));
    await seedStats(client, { cases: 1000, otherCases: 20, now });
  });

  afterAll(async () => {
    await client?.end();
    await database?.drop();
  });

  const rows = async <T extends pg.QueryResultRow>(text: string): Promise<T[]> => (await client.query<T>(text)).rows;

  it('numbers the cases of both workspaces from 1, spread over the two years before now', async () => {
    const teams = await rows<{ team_id: string; n: number; first: number; last: number; oldest: Date; newest: Date }>(
      `select team_id, count(*)::int as n, min(number) as first, max(number) as last, min(created_at) as oldest, max(created_at) as newest
       from cases group by team_id order by team_id`,
    );
    expect(teams.map(({ team_id, n, first, last }) => [team_id, n, first, last])).toEqual([
      [OTHER_TEAM_ID, 20, 1, 20],
      [STATS_TEAM_ID, 1000, 1, 1000],
    ]);
    const main = teams.find((team) => team.team_id === STATS_TEAM_ID);
    expect(main?.newest.getTime()).toBeLessThan(now.getTime());
    expect(main?.oldest.getTime()).toBeGreaterThan(now.getTime() - 731 * 86_400_000);
    expect(await rows(`select team_id, last_case_number from workspace_counters order by team_id`)).toEqual([
      { team_id: OTHER_TEAM_ID, last_case_number: 20 },
      { team_id: STATS_TEAM_ID, last_case_number: 1000 },
    ]);
  });

  it('mixes statuses, with about 60% closed, each closed case with one standing close', async () => {
    const statuses = Object.fromEntries(
      (await rows<{ status: string; n: number }>(`select status, count(*)::int as n from cases where team_id = '${STATS_TEAM_ID}' group by status`)).map(
        (row) => [row.status, row.n],
      ),
    );
    expect(Object.keys(statuses).sort()).toEqual(['closed', 'open', 'resolved', 'responded']);
    expect(statuses.closed).toBeGreaterThan(520);
    expect(statuses.closed).toBeLessThan(680);
    const [closes] = await rows<{ closed: number; standing: number; cancelled: number; bad: number }>(
      `select (select count(*)::int from cases where status = 'closed') as closed,
              (select count(*)::int from case_closures where cancelled_at is null) as standing,
              (select count(*)::int from case_closures where cancelled_at is not null) as cancelled,
              (select count(*)::int from cases c where (c.status = 'closed') <> exists (select 1 from case_closures cl where cl.case_id = c.id and cl.cancelled_at is null)) as bad`,
    );
    expect(closes?.standing).toBe(closes?.closed);
    expect(closes?.cancelled).toBeGreaterThan(0);
    expect(closes?.bad).toBe(0);
  });

  it('gives every case its opened event first, and every step of its life an event', async () => {
    const [events] = await rows<{ cases: number; opened: number; first_not_opened: number; responded: number; resolved_missing: number; closed: number }>(
      `select (select count(*)::int from cases) as cases,
              (select count(*)::int from case_events where kind = 'opened') as opened,
              (select count(*)::int from cases c where (select kind from case_events e where e.case_id = c.id order by e.created_at, e.id limit 1) <> 'opened') as first_not_opened,
              (select count(*)::int from cases c where c.status <> 'open' and not exists (select 1 from case_events e where e.case_id = c.id and e.kind = 'responded')) as responded,
              (select count(*)::int from cases c where c.status in ('resolved', 'closed') and not exists (select 1 from case_events e where e.case_id = c.id and e.kind = 'resolved')) as resolved_missing,
              (select count(*)::int from case_events where kind = 'closed') as closed`,
    );
    expect(events?.opened).toBe(events?.cases);
    expect(events?.first_not_opened).toBe(0);
    expect(events?.responded).toBe(0);
    expect(events?.resolved_missing).toBe(0);
    expect(events?.closed).toBe((await rows<{ n: number }>(`select count(*)::int as n from case_closures`))[0]?.n);
  });

  it('plans each current deadline on the business calendar, with breaches, met ones and superseded ones', async () => {
    const deadlines = await rows<{ kind: 'first_response' | 'resolution'; severity: Severity; starts_at: Date; due_at: Date }>(
      `select d.kind, c.severity, d.starts_at, d.due_at from case_deadlines d join cases c on c.id = d.case_id where d.superseded_at is null`,
    );
    expect(deadlines).toHaveLength(2 * 1020);
    const wrong = deadlines.filter((d) => {
      const sla = policy.sla[d.severity];
      const due = addBusinessTime(policy.calendar, d.starts_at, d.kind === 'first_response' ? sla.firstResponse : sla.resolution);
      return due.getTime() !== d.due_at.getTime();
    });
    expect(wrong).toEqual([]);
    const [shares] = await rows<{ breached: number; met: number; superseded: number; late_unmarked: number }>(
      `select count(*) filter (where breached_at is not null)::int as breached,
              count(*) filter (where met_at is not null and superseded_at is null)::int as met,
              count(*) filter (where superseded_at is not null)::int as superseded,
              count(*) filter (where superseded_at is null and coalesce(met_at, '${now.toISOString()}') > due_at and breached_at is null)::int as late_unmarked
       from case_deadlines`,
    );
    expect(shares?.breached).toBeGreaterThan(200);
    expect(shares?.met).toBeGreaterThan(1500);
    expect(shares?.superseded).toBeGreaterThan(50);
    expect(shares?.late_unmarked).toBe(0);
  });

  it('stores the stats moments as the bot would: the first response and resolution of the timeline, with their business time', async () => {
    const cases = await rows<{
      created_at: Date;
      first_response_at: Date | null;
      first_response_business_ms: string | null;
      resolved_at: Date | null;
      resolution_business_ms: string | null;
      first_responded: Date | null;
      first_resolved: Date | null;
    }>(
      `select c.created_at, c.first_response_at, c.first_response_business_ms, c.resolved_at, c.resolution_business_ms,
              min(e.created_at) filter (where e.kind in ('responded', 'resolved', 'closed')) as first_responded,
              min(e.created_at) filter (where e.kind in ('resolved', 'closed')) as first_resolved
       from cases c join case_events e on e.case_id = c.id group by c.id`,
    );
    const wrong = cases.filter((c) => {
      const span = (at: Date | null) => (at === null ? null : String(businessTimeBetween(policy.calendar, c.created_at, at)));
      return (
        c.first_response_at?.getTime() !== c.first_responded?.getTime() ||
        c.resolved_at?.getTime() !== c.first_resolved?.getTime() ||
        c.first_response_business_ms !== span(c.first_response_at) ||
        c.resolution_business_ms !== span(c.resolved_at)
      );
    });
    expect(wrong).toEqual([]);
    expect(cases.filter((c) => c.resolved_at !== null).length).toBeGreaterThan(800);
  });

  it('compensates about a fifth of the cases, in every state and several kinds', async () => {
    const compensations = await rows<{ state: string; kinds: number; n: number; undecided: number }>(
      `select state, count(distinct kind)::int as kinds, count(*)::int as n, count(*) filter (where decided_at is null)::int as undecided
       from compensations group by state order by state`,
    );
    expect(compensations.map((row) => row.state)).toEqual(['approved', 'pending', 'rejected']);
    const total = compensations.reduce((sum, row) => sum + row.n, 0);
    expect(total).toBeGreaterThan(120);
    expect(total).toBeLessThan(260);
    expect(compensations.find((row) => row.state === 'approved')?.kinds).toBeGreaterThanOrEqual(5);
    expect(compensations.map((row) => row.undecided)).toEqual([0, compensations[1]?.n, 0]);
  });

  it('writes retro notes with root causes on standing closes, and timestamps no later than now', async () => {
    const [notes] = await rows<{ notes: number; causes: number; on_cancelled: number }>(
      `select count(*)::int as notes, count(distinct root_cause)::int as causes,
              count(*) filter (where cl.cancelled_at is not null)::int as on_cancelled
       from retro_notes n join case_closures cl on cl.id = n.closure_id`,
    );
    expect(notes?.notes).toBeGreaterThan(200);
    expect(notes?.causes).toBeGreaterThanOrEqual(6);
    expect(notes?.on_cancelled).toBe(0);
    const [future] = await rows<{ n: number }>(
      `select (select count(*) from case_events where created_at > '${now.toISOString()}')
            + (select count(*) from case_closures where closed_at > '${now.toISOString()}')
            + (select count(*) from compensations where proposed_at > '${now.toISOString()}' or decided_at > '${now.toISOString()}')
            + (select count(*) from retro_notes where created_at > '${now.toISOString()}') as n`,
    );
    expect(Number(future?.n)).toBe(0);
  });

  it('leaves no helper functions or plan table behind', async () => {
    expect(await rows(`select proname from pg_proc where proname like 'bench\\_%'`)).toEqual([]);
    expect(await rows(`select relname from pg_class where relname = 'bench_plan'`)).toEqual([]);
  });
});
