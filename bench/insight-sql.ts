/**
 * The stats benchmark's yardstick: one hand-written statement that computes every figure of
 * `/complaint stats` for a period and the one before it, straight from the tables (written
 * apart from src/db/stats-repository.ts, from the README's definitions), and a comparison of
 * its figures with the bot's `loadStats`.
 */
import type pg from 'pg';

/** Weekly buckets, as the stats reply charts periods longer than two weeks. */
export const WEEK_MS = 7 * 86_400_000;
export const TOP = 5;

/**
 * Parameters: $1 team, $2 start of the previous period, $3 start of the period (the previous
 * one's end), $4 end of the period, $5 now (which deadlines have passed), $6 bucket ms, $7 top
 * entries. Each table is read once, by one index range over both periods, and split into
 * the two with FILTER; every part is MATERIALIZED, so the two result rows reuse that scan.
 */
export const HAND_STATS_SQL = `
with
opened as materialized (
  -- Binned first (cheap), numbered after grouping: one index-only scan over both periods.
  select period, category_id, floor(extract(epoch from bin - start) * 1000 / $6::bigint)::int as bucket, n
  from (
    select p.period, p.start, category_id, date_bin($6::bigint * interval '1 millisecond', created_at, p.start) as bin, count(*)::int as n
    from cases
    cross join lateral (select case when created_at >= $3::timestamptz then 'current' else 'previous' end as period,
                               case when created_at >= $3::timestamptz then $3::timestamptz else $2::timestamptz end as start) as p
    where team_id = $1::text and created_at >= $2::timestamptz and created_at < $4::timestamptz
    group by 1, 2, 3, 4
  ) as binned
),
first_responses as materialized (
  select count(*) filter (where first_response_at >= $3::timestamptz)::int as current_n,
         percentile_cont(array[0.5, 0.9]) within group (order by first_response_business_ms) filter (where first_response_at >= $3::timestamptz) as current_pct,
         count(*) filter (where first_response_at < $3::timestamptz)::int as previous_n,
         percentile_cont(array[0.5, 0.9]) within group (order by first_response_business_ms) filter (where first_response_at < $3::timestamptz) as previous_pct
  from cases
  where team_id = $1::text and first_response_at >= $2::timestamptz and first_response_at < $4::timestamptz
),
resolutions as materialized (
  select count(*) filter (where resolved_at >= $3::timestamptz)::int as current_n,
         percentile_cont(array[0.5, 0.9]) within group (order by resolution_business_ms) filter (where resolved_at >= $3::timestamptz) as current_pct,
         count(*) filter (where resolved_at < $3::timestamptz)::int as previous_n,
         percentile_cont(array[0.5, 0.9]) within group (order by resolution_business_ms) filter (where resolved_at < $3::timestamptz) as previous_pct
  from cases
  where team_id = $1::text and resolved_at >= $2::timestamptz and resolved_at < $4::timestamptz
),
closes as materialized (
  select count(*) filter (where closed_at >= $3::timestamptz)::int as current_n,
         (avg(satisfaction) filter (where closed_at >= $3::timestamptz))::float8 as current_satisfaction,
         count(*) filter (where closed_at < $3::timestamptz)::int as previous_n,
         (avg(satisfaction) filter (where closed_at < $3::timestamptz))::float8 as previous_satisfaction
  from case_closures
  where team_id = $1::text and cancelled_at is null and closed_at >= $2::timestamptz and closed_at < $4::timestamptz
),
deadlines as materialized (
  -- A deadline counts once its outcome is known (met, or passed unmet); superseded ones only if met before being replaced.
  select kind,
         count(*) filter (where due_at >= $3::timestamptz and known)::int as current_due,
         count(*) filter (where due_at >= $3::timestamptz and known and late)::int as current_breached,
         count(*) filter (where due_at < $3::timestamptz and known)::int as previous_due,
         count(*) filter (where due_at < $3::timestamptz and known and late)::int as previous_breached
  from (
    select kind, due_at, (met_at is not null or due_at <= $5::timestamptz) as known, coalesce(met_at, $5::timestamptz) > due_at as late
    from case_deadlines
    where team_id = $1::text and due_at >= $2::timestamptz and due_at < $4::timestamptz and (superseded_at is null or met_at is not null)
  ) as outcomes
  group by kind
),
compensation as materialized (
  select kind,
         sum(amount_minor) filter (where decided_at >= $3::timestamptz)::bigint as current_total,
         count(*) filter (where decided_at >= $3::timestamptz)::int as current_n,
         sum(amount_minor) filter (where decided_at < $3::timestamptz)::bigint as previous_total,
         count(*) filter (where decided_at < $3::timestamptz)::int as previous_n
  from compensations
  where team_id = $1::text and state = 'approved' and decided_at >= $2::timestamptz and decided_at < $4::timestamptz
  group by kind
),
causes as materialized (
  select root_cause,
         count(*) filter (where created_at >= $3::timestamptz)::int as current_n,
         count(*) filter (where created_at < $3::timestamptz)::int as previous_n
  from retro_notes
  where team_id = $1::text and created_at >= $2::timestamptz and created_at < $4::timestamptz
  group by root_cause
),
open_now as materialized (
  select count(*)::int as n from cases where team_id = $1::text and status in ('open', 'responded')
),
-- Each figure per period, as rows.
period_causes as (
  select 'current' as period, root_cause, current_n as n from causes where current_n > 0
  union all select 'previous', root_cause, previous_n from causes where previous_n > 0
),
period_compensation as (
  select 'current' as period, kind, current_total as total, current_n as n from compensation where current_n > 0
  union all select 'previous', kind, previous_total, previous_n from compensation where previous_n > 0
),
period_categories as (
  select period, category_id, sum(n)::int as n from opened group by 1, 2
)
select w.period,
       (select coalesce(sum(n), 0)::int from opened o where o.period = w.period) as opened,
       (select n from open_now) as open_now,
       (select json_build_object('n', case w.period when 'current' then current_n else previous_n end,
                                 'pct', case w.period when 'current' then current_pct else previous_pct end) from first_responses) as first_response,
       (select json_build_object('n', case w.period when 'current' then current_n else previous_n end,
                                 'pct', case w.period when 'current' then current_pct else previous_pct end) from resolutions) as resolution,
       (select json_build_object('n', case w.period when 'current' then current_n else previous_n end,
                                 'satisfaction', case w.period when 'current' then current_satisfaction else previous_satisfaction end) from closes) as closes,
       (select coalesce(json_object_agg(kind, case w.period when 'current' then json_build_array(current_due, current_breached)
                                                            else json_build_array(previous_due, previous_breached) end), '{}') from deadlines) as deadlines,
       (select coalesce(json_agg(json_build_array(kind, total::text, n) order by kind), '[]') from period_compensation m where m.period = w.period) as compensation,
       (select coalesce(json_agg(json_build_array(category_id, n) order by n desc, category_id), '[]')
          from (select * from period_categories g where g.period = w.period order by n desc, category_id limit $7::int) as top) as categories,
       (select coalesce(json_agg(json_build_array(root_cause, n) order by n desc, root_cause), '[]')
          from (select * from period_causes k where k.period = w.period order by n desc, root_cause limit $7::int) as top) as causes,
       (select json_agg(coalesce((select sum(n) from opened o where o.period = w.period and o.bucket = b), 0)::int order by b)
          from generate_series(0, ceil(extract(epoch from $4::timestamptz - $3::timestamptz) * 1000 / $6::bigint)::int - 1) as b) as per_bucket
from (values ('current'), ('previous')) as w (period)
`;

interface Percentiles {
  n: number;
  pct: [number, number];
}

interface HandRow {
  period: 'current' | 'previous';
  opened: number;
  open_now: number;
  first_response: Percentiles | null;
  resolution: Percentiles | null;
  closes: { n: number; satisfaction: number } | null;
  deadlines: Record<string, [number, number]>;
  compensation: Array<[string, string, number]>;
  categories: Array<[string, number]>;
  causes: Array<[string, number]>;
  per_bucket: number[];
}

/** The figures of one period, in plain values a comparison can walk. */
export interface HandFigures {
  readonly opened: number;
  readonly resolved: number;
  readonly closed: number;
  readonly openNow: number;
  readonly firstResponse: { readonly count: number; readonly medianMs: number | null; readonly p90Ms: number | null };
  readonly resolution: { readonly count: number; readonly medianMs: number | null; readonly p90Ms: number | null };
  readonly deadlines: Readonly<Record<'firstResponse' | 'resolution', { readonly due: number; readonly breached: number }>>;
  readonly compensation: { readonly totalMinor: number; readonly count: number; readonly byKind: Readonly<Record<string, { totalMinor: number; count: number }>> };
  readonly satisfaction: number | null;
  readonly topCategories: ReadonlyArray<readonly [string, number]>;
  readonly rootCauses: ReadonlyArray<readonly [string, number]>;
  readonly casesPerWeek: readonly number[];
}

export interface HandStatsQuery {
  readonly teamId: string;
  readonly previousFrom: Date;
  readonly from: Date;
  readonly to: Date;
  readonly now: Date;
}

export function handStatsParameters(query: HandStatsQuery): unknown[] {
  return [query.teamId, query.previousFrom, query.from, query.to, query.now, WEEK_MS, TOP];
}

function figures(row: HandRow): HandFigures {
  const times = (p: Percentiles | null) => ({ count: p?.n ?? 0, medianMs: p?.pct[0] ?? null, p90Ms: p?.pct[1] ?? null });
  const deadline = (kind: string) => {
    const [due, breached] = row.deadlines[kind] ?? [0, 0];
    return { due, breached };
  };
  const byKind = Object.fromEntries(row.compensation.map(([kind, total, count]) => [kind, { totalMinor: Number(total), count }]));
  return {
    opened: row.opened,
    resolved: row.resolution?.n ?? 0,
    closed: row.closes?.n ?? 0,
    openNow: row.open_now,
    firstResponse: times(row.first_response),
    resolution: times(row.resolution),
    deadlines: { firstResponse: deadline('first_response'), resolution: deadline('resolution') },
    compensation: {
      totalMinor: Object.values(byKind).reduce((sum, entry) => sum + entry.totalMinor, 0),
      count: Object.values(byKind).reduce((sum, entry) => sum + entry.count, 0),
      byKind,
    },
    satisfaction: row.closes?.satisfaction ?? null,
    topCategories: row.categories,
    rootCauses: row.causes,
    casesPerWeek: row.per_bucket,
  };
}

/** Runs {@link HAND_STATS_SQL}: the figures of the period and of the one before it. */
export async function handStats(client: pg.ClientBase | pg.Pool, query: HandStatsQuery): Promise<{ current: HandFigures; previous: HandFigures }> {
  const { rows } = await client.query<HandRow>(HAND_STATS_SQL, handStatsParameters(query));
  const current = rows.find((row) => row.period === 'current');
  const previous = rows.find((row) => row.period === 'previous');
  if (!current || !previous) throw new Error('the hand-written stats statement did not return both periods');
  return { current: figures(current), previous: figures(previous) };
}

/** Figures equal, numbers within a millionth (the mean satisfaction is a float). */
function same(a: unknown, b: unknown): boolean {
  if (typeof a === 'number' && typeof b === 'number') return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((value, index) => same(value, b[index]));
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((key) => same((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]));
  }
  return a === b;
}

/**
 * The figures that differ between two sets of figures of the same period, one line each
 * (`opened: 41203 vs 41200`); empty when every figure is the same. Also counts the figures compared.
 */
export function compareFigures(hand: HandFigures, bot: HandFigures): { readonly compared: number; readonly differences: string[] } {
  const differences: string[] = [];
  let compared = 0;
  const walk = (path: string, a: unknown, b: unknown): void => {
    if (a && b && typeof a === 'object' && typeof b === 'object' && !Array.isArray(a)) {
      for (const key of new Set([...Object.keys(a), ...Object.keys(b)])) {
        walk(path ? `${path}.${key}` : key, (a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]);
      }
      return;
    }
    compared += 1;
    if (!same(a, b)) differences.push(`${path}: ${JSON.stringify(a)} (hand-written) vs ${JSON.stringify(b)} (loadStats)`);
  };
  walk('', hand, bot);
  return { compared, differences };
}
