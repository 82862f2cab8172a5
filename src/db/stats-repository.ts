import { CompiledQuery, sql, type Kysely } from 'kysely';
import type { Database } from './tables.js';

const DAY = 86_400_000;
/** How many categories and root causes a period lists. */
export const STATS_TOP = 5;

/** A period of stats `[from, to)`; `now` decides which deadlines have passed (default: the clock). */
export interface StatsQuery {
  readonly teamId: string;
  readonly from: Date;
  readonly to: Date;
  readonly now?: Date;
}

/** Median and 90th percentile of business times, in ms; null without any. */
export interface BusinessTimes {
  readonly count: number;
  readonly medianMs: number | null;
  readonly p90Ms: number | null;
}

/** Deadlines due in the period whose outcome is known, and how many of them were breached. */
export interface DeadlineCounts {
  readonly due: number;
  readonly breached: number;
}

/** Every figure of one period; the README's "Stats" section defines each. */
export interface PeriodStats {
  readonly opened: number;
  readonly resolved: number;
  readonly closed: number;
  /** Cases not resolved yet (open or responded) when asked: the same for every period. */
  readonly openNow: number;
  readonly firstResponse: BusinessTimes;
  readonly resolution: BusinessTimes;
  readonly deadlines: { readonly firstResponse: DeadlineCounts; readonly resolution: DeadlineCounts };
  readonly compensation: {
    readonly totalMinor: number;
    readonly count: number;
    readonly byKind: ReadonlyArray<{ readonly kind: string; readonly totalMinor: number; readonly count: number }>;
  };
  /** Mean satisfaction (1-5) of the standing closes in the period; null without any. */
  readonly satisfaction: number | null;
  readonly topCategories: ReadonlyArray<{ readonly categoryId: string; readonly count: number }>;
  readonly rootCauses: ReadonlyArray<{ readonly cause: string; readonly count: number }>;
  /** Cases opened in consecutive buckets of `bucketMs` from `from` (the last may be shorter). */
  readonly openedPerBucket: { readonly bucketMs: number; readonly counts: readonly number[] };
}

/**
 * The statement behind {@link loadStats}: one round trip, every figure an aggregate read
 * through the indexes of migrations/20261204_0013_stats.ts. Parameters, in order: team id,
 * from, to, now, bucket length in ms, number of buckets, how many top entries.
 */
export const STATS_SQL = `
with
opened_buckets as (
  select floor(extract(epoch from (created_at - $2::timestamptz)) * 1000 / $5::bigint)::int as bucket, count(*)::int as n
  from cases where team_id = $1::text and created_at >= $2::timestamptz and created_at < $3::timestamptz
  group by 1
),
categories as (
  select category_id, count(*)::int as n
  from cases where team_id = $1::text and created_at >= $2::timestamptz and created_at < $3::timestamptz
  group by category_id order by n desc, category_id limit $7::int
),
responded as (
  select count(*)::int as n,
         percentile_cont(0.5) within group (order by first_response_business_ms) as p50,
         percentile_cont(0.9) within group (order by first_response_business_ms) as p90
  from cases where team_id = $1::text and first_response_at >= $2::timestamptz and first_response_at < $3::timestamptz
),
resolved as (
  select count(*)::int as n,
         percentile_cont(0.5) within group (order by resolution_business_ms) as p50,
         percentile_cont(0.9) within group (order by resolution_business_ms) as p90
  from cases where team_id = $1::text and resolved_at >= $2::timestamptz and resolved_at < $3::timestamptz
),
closes as (
  select count(*)::int as n, avg(satisfaction)::float8 as satisfaction
  from case_closures where team_id = $1::text and cancelled_at is null and closed_at >= $2::timestamptz and closed_at < $3::timestamptz
),
deadlines as (
  select kind,
         count(*) filter (where met_at is not null or due_at <= $4::timestamptz)::int as due,
         count(*) filter (where met_at > due_at or (met_at is null and due_at <= $4::timestamptz))::int as breached
  from case_deadlines
  where team_id = $1::text and due_at >= $2::timestamptz and due_at < $3::timestamptz and (superseded_at is null or met_at is not null)
  group by kind
),
compensation as (
  select kind, sum(amount_minor)::text as total, count(*)::int as n
  from compensations
  where team_id = $1::text and state = 'approved' and decided_at >= $2::timestamptz and decided_at < $3::timestamptz
  group by kind
),
causes as (
  select root_cause, count(*)::int as n
  from retro_notes where team_id = $1::text and created_at >= $2::timestamptz and created_at < $3::timestamptz
  group by root_cause order by n desc, root_cause limit $7::int
)
select
  (select coalesce(sum(n), 0)::int from opened_buckets) as opened,
  (select count(*)::int from cases where team_id = $1::text and status in ('open', 'responded')) as open_now,
  (select n from responded) as responded, (select p50 from responded) as response_p50, (select p90 from responded) as response_p90,
  (select n from resolved) as resolved, (select p50 from resolved) as resolution_p50, (select p90 from resolved) as resolution_p90,
  (select n from closes) as closed, (select satisfaction from closes) as satisfaction,
  (select coalesce(json_object_agg(kind, json_build_array(due, breached)), '{}') from deadlines) as deadlines,
  (select coalesce(json_agg(json_build_array(kind, total, n) order by total::numeric desc, kind), '[]') from compensation) as compensation,
  (select coalesce(json_agg(json_build_array(category_id, n) order by n desc, category_id), '[]') from categories) as categories,
  (select coalesce(json_agg(json_build_array(root_cause, n) order by n desc, root_cause), '[]') from causes) as causes,
  (select json_agg(coalesce(o.n, 0) order by b.bucket)
     from generate_series(0, $6::int - 1) as b(bucket) left join opened_buckets o on o.bucket = b.bucket) as per_bucket
`;

interface StatsRow {
  opened: number;
  open_now: number;
  responded: number;
  response_p50: number | null;
  response_p90: number | null;
  resolved: number;
  resolution_p50: number | null;
  resolution_p90: number | null;
  closed: number;
  satisfaction: number | null;
  deadlines: Record<string, [number, number]>;
  compensation: Array<[string, string, number]>;
  categories: Array<[string, number]>;
  causes: Array<[string, number]>;
  per_bucket: number[] | null;
}

/**
 * The chart's bucket: a day for periods up to two weeks, otherwise a week (so `7d` and the
 * weekly digest show seven days, `30d` five weeks, the last of them two days long).
 */
export function statsBucketMs(from: Date, to: Date): number {
  return to.getTime() - from.getTime() <= 14 * DAY ? DAY : 7 * DAY;
}

/** The parameters of {@link STATS_SQL} for a period, in order. */
export function statsParameters(query: StatsQuery): unknown[] {
  const bucketMs = statsBucketMs(query.from, query.to);
  const buckets = Math.max(0, Math.ceil((query.to.getTime() - query.from.getTime()) / bucketMs));
  return [query.teamId, query.from, query.to, query.now ?? new Date(), bucketMs, buckets, STATS_TOP];
}

/**
 * Every figure of `/complaint stats` for one workspace and period, in one statement of
 * SQL aggregates; nothing is loaded case by case.
 *
 * @example
 * const stats = await loadStats(db, { teamId: 'T0TEAM001', from: period.from, to: period.to });
 * stats.firstResponse.medianMs; // 5_400_000: half the first responses took 1h30m of business time or less
 */
export async function loadStats(db: Kysely<Database>, query: StatsQuery): Promise<PeriodStats> {
  const parameters = statsParameters(query);
  // Parallel workers cost more to start than they save on these index-only reads, and the
  // two periods already run side by side: measured by `npm run bench -- stats`.
  const result = await db.transaction().execute(async (trx) => {
    await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
    return trx.executeQuery<StatsRow>(CompiledQuery.raw(STATS_SQL, parameters));
  });
  const row = result.rows[0];
  if (!row) throw new Error('the stats statement returned no row');
  const deadline = (kind: string): DeadlineCounts => {
    const [due, breached] = row.deadlines[kind] ?? [0, 0];
    return { due, breached };
  };
  const byKind = row.compensation.map(([kind, total, count]) => ({ kind, totalMinor: Number(total), count }));
  return {
    opened: row.opened,
    resolved: row.resolved,
    closed: row.closed,
    openNow: row.open_now,
    firstResponse: { count: row.responded, medianMs: wholeMs(row.response_p50), p90Ms: wholeMs(row.response_p90) },
    resolution: { count: row.resolved, medianMs: wholeMs(row.resolution_p50), p90Ms: wholeMs(row.resolution_p90) },
    deadlines: { firstResponse: deadline('first_response'), resolution: deadline('resolution') },
    compensation: {
      totalMinor: byKind.reduce((sum, entry) => sum + entry.totalMinor, 0),
      count: byKind.reduce((sum, entry) => sum + entry.count, 0),
      byKind,
    },
    satisfaction: row.satisfaction,
    topCategories: row.categories.map(([categoryId, count]) => ({ categoryId, count })),
    rootCauses: row.causes.map(([cause, count]) => ({ cause, count })),
    openedPerBucket: { bucketMs: Number(parameters[4]), counts: row.per_bucket ?? [] },
  };
}

/** percentile_cont interpolates in floating point: whole milliseconds are precise enough. */
function wholeMs(value: number | null): number | null {
  return value === null ? null : Math.round(value);
}
