/**
 * The stats benchmark's data: a dedicated PostgreSQL database, migrated with the repository's
 * migrations and seeded entirely in SQL (generate_series, no rows through Node) with two years
 * of cases of one workspace (and a few of another, so a missing team filter shows), their
 * timeline events, deadlines (met, breached, superseded), compensations, closes and retro
 * notes. Seeding a million cases takes minutes, so a database already seeded with the same
 * size, seed version and migrations is reused.
 *
 * Every draw is a hash of the case's index (`hashint8extended`), not `random()`: the same
 * size seeds the same data, whichever plan PostgreSQL picks.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { migrations } from '../migrations/index.js';
import { connectDatabase } from '../src/db/connect.js';
import { migrateToLatest } from '../src/db/migrate.js';
import { FAKE_WORKSPACE } from '../fake-slack/index.js';

/** Bump when the seeded data changes shape: a database seeded by another version is seeded again. */
export const STATS_SEED_VERSION = 1;
export const STATS_BENCH_DATABASE = 'anthill_bench_stats';
/** The workspace the benchmark asks about (the fake Slack's), and another one whose cases must never count. */
export const STATS_TEAM_ID = FAKE_WORKSPACE.teamId;
export const OTHER_TEAM_ID = 'T0OTHER001';
export const STATS_TIME_ZONE = 'Europe/Warsaw';

/** Fixed-date holidays of every year the data covers, the same in the policy and in the seeding SQL. */
export function statsHolidays(now: Date): string[] {
  const year = now.getUTCFullYear();
  const days = ['01-01', '05-01', '05-03', '11-11', '12-24', '12-25', '12-26'];
  return Array.from({ length: 5 }, (_, index) => year - 3 + index).flatMap((y) => days.map((day) => `${y}-${day}`));
}

/** The policy the bot runs with against the seeded data: its categories, SLA and calendar are the seed's. */
export function statsPolicyYaml(now: Date): string {
  return `language: en
team_channel: C0TEAM0001
responders: [U0AAA0001]
leads: [U0LEAD001]
timezone: ${STATS_TIME_ZONE}
business_hours: Mon-Fri 09:00-17:00
holidays: [${statsHolidays(now).join(', ')}]
sla:
  critical: { first_response: 1h, resolution: 8h }
  high:     { first_response: 2h, resolution: 1d }
  normal:   { first_response: 4h, resolution: 2d }
  low:      { first_response: 1d, resolution: 5d }
warn_at: 0.75
follow_up_after: 2d
retro_due: 1d
currency: PLN
approval_tiers:
  - { up_to: 200, approvers: [owner] }
  - { up_to: 2000, approvers: [U0LEAD001] }
  - { up_to: null, approvers: [U0HEAD001] }
categories:
${CATEGORIES.map(([id, name]) => `  - { id: ${id}, name: ${name}, playbook: [Thank the customer, Fix it, Confirm satisfaction] }`).join('\n')}
`;
}

/** Category ids, names and their share of cases. */
const CATEGORIES: ReadonlyArray<readonly [id: string, name: string, share: number]> = [
  ['delivery', 'Late or damaged delivery', 0.35],
  ['billing', 'Wrong invoice or charge', 0.2],
  ['product_quality', 'Faulty product', 0.18],
  ['service', 'Rude or unhelpful service', 0.12],
  ['returns', 'Return refused', 0.1],
  ['other', 'Something else', 0.05],
];

export interface StatsSeedSize {
  /** Cases of the benchmark's workspace. */
  readonly cases: number;
  /** Cases of the other workspace. */
  readonly otherCases: number;
}

export interface StatsSeedOptions extends StatsSeedSize {
  /** The end of the two years the cases are spread over. */
  readonly now: Date;
  /** Report progress (one line a step); silent when absent. */
  readonly log?: (line: string) => void;
}

/** `case when r < 0.35 then 'a' when r < 0.55 then 'b' … end` for shares that add up to 1. */
function pick(r: string, choices: ReadonlyArray<readonly [value: string, share: number]>): string {
  let cumulative = 0;
  const branches = choices.slice(0, -1).map(([value, share]) => {
    cumulative += share;
    return `when ${r} < ${cumulative.toFixed(4)} then '${value}'`;
  });
  return `(case ${branches.join(' ')} else '${choices[choices.length - 1]?.[0] ?? ''}' end)`;
}

const HOUR = 3_600_000;

/**
 * Helper functions the seeding SQL calls, dropped again at the end: a uniform draw in [0, 1)
 * from a case index and a salt, and the instant a business duration after a start in the
 * seed's calendar (Mon-Fri 09:00-17:00 in the zone, holidays closed), the SQL twin of
 * domain/business-calendar.ts `addBusinessTime`.
 */
function helperFunctions(holidays: readonly string[]): string[] {
  const holidayArray = `array[${holidays.map((day) => `'${day}'`).join(',')}]::date[]`;
  return [
    `create function bench_rand(i bigint, salt bigint) returns double precision language sql immutable parallel safe as
       $$ select (hashint8extended(i, salt) & 9007199254740991)::double precision / 9007199254740992 $$`,
    // A standard normal draw (Box-Muller) from two uniform draws.
    `create function bench_normal(i bigint, salt bigint) returns double precision language sql immutable parallel safe as
       $$ select sqrt(-2 * ln(1 - bench_rand(i, salt))) * cos(2 * pi() * bench_rand(i, salt + 1000)) $$`,
    `create function bench_add_business(start timestamptz, ms bigint) returns timestamptz language plpgsql immutable parallel safe as $$
     declare
       day date := (start at time zone '${STATS_TIME_ZONE}')::date;
       remaining bigint := ms;
       open_at timestamptz;
       close_at timestamptz;
       begin_at timestamptz;
       span bigint;
     begin
       if ms <= 0 then return start; end if;
       loop
         if extract(isodow from day) < 6 and not (day = any(${holidayArray})) then
           open_at := (day + time '09:00') at time zone '${STATS_TIME_ZONE}';
           close_at := (day + time '17:00') at time zone '${STATS_TIME_ZONE}';
           if close_at > start then
             begin_at := greatest(open_at, start);
             span := (extract(epoch from close_at - begin_at) * 1000)::bigint;
             if remaining <= span then return begin_at + remaining * interval '1 millisecond'; end if;
             remaining := remaining - span;
           end if;
         end if;
         day := day + 1;
       end loop;
     end $$`,
  ];
}

const DROP_HELPERS = [
  'drop table if exists bench_plan',
  'drop function if exists bench_add_business(timestamptz, bigint)',
  'drop function if exists bench_normal(bigint, bigint)',
  'drop function if exists bench_rand(bigint, bigint)',
];

/** SLA of each severity in business ms (8h business day), as statsPolicyYaml has it. */
const SLA_MS: Record<string, readonly [firstResponse: number, resolution: number]> = {
  critical: [1 * HOUR, 8 * HOUR],
  high: [2 * HOUR, 8 * HOUR],
  normal: [4 * HOUR, 16 * HOUR],
  low: [8 * HOUR, 40 * HOUR],
};
const slaCase = (column: string, which: 0 | 1): string =>
  `(case ${column} ${Object.entries(SLA_MS).map(([severity, sla]) => `when '${severity}' then ${sla[which]}`).join(' ')} end)::bigint`;

const SEVERITIES: ReadonlyArray<readonly [string, number]> = [['critical', 0.05], ['high', 0.2], ['normal', 0.55], ['low', 0.2]];
const SOURCES: ReadonlyArray<readonly [string, number]> = [
  ['email', 0.35], ['phone', 0.25], ['web_form', 0.2], ['store', 0.08], ['social_media', 0.08], ['other', 0.04],
];
const KINDS: ReadonlyArray<readonly [string, number]> = [
  ['refund', 0.35], ['voucher', 0.25], ['discount', 0.15], ['replacement', 0.1], ['free_service', 0.07], ['goodwill', 0.05], ['other', 0.03],
];
const OUTCOMES: ReadonlyArray<readonly [string, number]> = [['in_favour', 0.55], ['partly', 0.3], ['not_upheld', 0.15]];
const ROOT_CAUSES: ReadonlyArray<readonly [string, number]> = [
  ['delivery_partner', 0.22], ['product_defect', 0.2], ['process_gap', 0.16], ['communication', 0.15],
  ['system_error', 0.1], ['staff_training', 0.08], ['expectations', 0.06], ['other', 0.03],
];

/**
 * The seeding statements in order, each with a label; `momentColumns` when `cases` has the
 * stats moments (first response and resolution with their business times). `$1` is the seeding's "now" and `$2`
 * the number of benchmark-workspace cases, `$3` the other workspace's.
 */
function seedingSteps(now: Date, momentColumns: boolean): Array<readonly [label: string, sql: string]> {
  const r = (salt: number): string => `bench_rand(i, ${salt})`;
  const zone = STATS_TIME_ZONE;
  return [
    ['helper functions', helperFunctions(statsHolidays(now)).join(';\n')],
    // One row per case with every draw and instant the tables below are filled from.
    [
      'plan (draws and instants)',
      `create unlogged table bench_plan as
       with drawn as (
         select i,
                case when i <= $2 then '${STATS_TEAM_ID}' else '${OTHER_TEAM_ID}' end as team_id,
                case when i <= $2 then i else i - $2 end::int as number,
                -- Two years back from now; three in four cases arrive in working hours.
                -- Whole milliseconds, as instants the bot stores come from a JS Date.
                date_trunc('milliseconds', least($1::timestamptz - interval '1 minute',
                  ((date_trunc('day', $1::timestamptz at time zone '${zone}') - floor(${r(1)} * 730) * interval '1 day')
                    + case when ${r(2)} < 0.75 then interval '8 hours' + ${r(3)} * interval '10 hours' else ${r(3)} * interval '24 hours' end)
                  at time zone '${zone}')) as created_at,
                ${pick(r(4), SEVERITIES)} as severity,
                ${pick(r(5), CATEGORIES.map(([id, , share]) => [id, share] as const))} as category_id,
                ${pick(r(6), SOURCES)} as source,
                'U0AGT' || lpad((1 + floor(${r(7)} * 40))::text, 3, '0') as agent_id,
                'U0REP' || lpad((1 + floor(${r(8)} * 15))::text, 3, '0') as reporter_id,
                ${r(9)} as r_status,
                ${r(10)} < 0.08 as severity_changed,
                ${r(11)} < 0.2 as compensated,
                ${r(12)} < 0.03 as reopened,
                ${r(13)} < 0.3 as noted,
                bench_normal(i, 14) as z_response,
                bench_normal(i, 15) as z_resolution
         from generate_series(1, $2 + $3) as i
       ), staged as (
         select drawn.*,
                -- The severity at intake: a changed case started one step milder or sharper.
                case when severity_changed then case severity when 'critical' then 'high' when 'high' then 'normal'
                     when 'normal' then 'high' else 'normal' end else severity end as opened_severity,
                -- Intended end state; recent cases are less far along.
                case when created_at < $1::timestamptz - interval '14 days'
                     then case when r_status < 0.61 then 3 when r_status < 0.99 then 2 when r_status < 0.997 then 1 else 0 end
                     else case when r_status < 0.2 then 3 when r_status < 0.45 then 2 when r_status < 0.75 then 1 else 0 end
                end as intended,
                greatest(60000, ${slaCase('severity', 0)} * exp(ln(0.45) + 0.75 * z_response))::bigint as fr_ms,
                ${slaCase('severity', 0)} as fr_sla_ms,
                ${slaCase('severity', 1)} as res_sla_ms
         from drawn
       )
       select md5(team_id || ':' || number)::uuid as id, staged.*,
              greatest(fr_ms + 600000, res_sla_ms * exp(ln(0.5) + 0.8 * z_resolution))::bigint as res_ms
       from staged`,
    ],
    [
      'plan (business-time instants)',
      `alter table bench_plan
         add column fr_at timestamptz, add column res_at timestamptz, add column closed_at timestamptz,
         add column fr_due timestamptz, add column res_due timestamptz, add column status text,
         add column old_fr_due timestamptz, add column old_res_due timestamptz, add column changed_at timestamptz;
       update bench_plan set
         fr_at = bench_add_business(created_at, fr_ms),
         res_at = case when intended >= 2 then bench_add_business(created_at, res_ms) end,
         fr_due = bench_add_business(created_at, fr_sla_ms),
         res_due = bench_add_business(created_at, res_sla_ms),
         changed_at = case when severity_changed then created_at + (5 + 55 * bench_rand(i, 16)) * interval '1 minute' end,
         old_fr_due = case when severity_changed then bench_add_business(created_at, ${slaCase('opened_severity', 0)}) end,
         old_res_due = case when severity_changed then bench_add_business(created_at, ${slaCase('opened_severity', 1)}) end;
       update bench_plan set closed_at = case when intended = 3 then date_trunc('milliseconds', res_at + (1 + 4 * bench_rand(i, 17)) * interval '1 day') end;
       update bench_plan set status = case
           when closed_at <= $1::timestamptz then 'closed'
           when res_at <= $1::timestamptz then 'resolved'
           when intended >= 1 and fr_at <= $1::timestamptz then 'responded'
           else 'open' end;
       update bench_plan set
         fr_at = case when status <> 'open' then fr_at end,
         res_at = case when status in ('resolved', 'closed') then res_at end,
         closed_at = case when status = 'closed' then closed_at end,
         reopened = reopened and status = 'closed';
       -- A reopened case was closed, reopened and resolved again between its first resolution and its last close.
       alter table bench_plan add column cancelled_close_at timestamptz, add column again_resolved_at timestamptz;
       update bench_plan set cancelled_close_at = date_trunc('milliseconds', res_at + (closed_at - res_at) * 0.3),
                             again_resolved_at = date_trunc('milliseconds', res_at + (closed_at - res_at) * 0.6)
       where reopened`,
    ],
    [
      'cases',
      `insert into cases (id, team_id, number, summary, customer_name, customer_contact, category_id, severity, source,
                          description, claimed_loss_minor, status, escalated, reporter_id, owner_id, created_at, updated_at
                          ${momentColumns ? ', first_response_at, first_response_business_ms, resolved_at, resolution_business_ms' : ''})
       select id, team_id, number,
              'Complaint ' || number || ' about ' || replace(category_id, '_', ' '),
              'Customer ' || number, 'customer' || number || '@example.com', category_id, severity, source,
              'Seeded for the stats benchmark',
              case when bench_rand(i, 18) < 0.6 then (1000 + floor(bench_rand(i, 19) * 50000))::bigint * 10 end,
              status, bench_rand(i, 20) < 0.04,
              reporter_id,
              case when status = 'open' and bench_rand(i, 21) < 0.4 then null else agent_id end,
              created_at, greatest(created_at, coalesce(closed_at, res_at, fr_at, created_at))
              ${momentColumns ? ', fr_at, case when fr_at is not null then fr_ms end, res_at, case when res_at is not null then res_ms end' : ''}
       from bench_plan`,
    ],
    [
      'workspace counters',
      `insert into workspace_counters (team_id, last_case_number)
       select team_id, max(number) from bench_plan group by team_id`,
    ],
    [
      'deadlines',
      `insert into case_deadlines (case_id, team_id, kind, starts_at, warn_at, due_at, met_at, superseded_at, warned_at,
                                   breached_at, breach_notified_at, created_at)
       select p.id, p.team_id, d.kind, p.created_at, p.created_at + (d.due - p.created_at) * 0.75, d.due, d.met,
              d.superseded,
              case when d.superseded is null and p.created_at + (d.due - p.created_at) * 0.75 < coalesce(d.met, $1::timestamptz)
                   then p.created_at + (d.due - p.created_at) * 0.75 end,
              case when d.superseded is null and d.due < coalesce(d.met, $1::timestamptz) then d.due + interval '20 seconds' end,
              case when d.superseded is null and d.due < coalesce(d.met, $1::timestamptz) then d.due + interval '25 seconds' end,
              coalesce(d.created, p.created_at)
       from bench_plan p
       cross join lateral (values
         ('first_response', p.fr_due, p.fr_at, null::timestamptz, p.changed_at),
         ('resolution', p.res_due, p.res_at, null::timestamptz, p.changed_at),
         ('first_response', p.old_fr_due, null, p.changed_at, null),
         ('resolution', p.old_res_due, null, p.changed_at, null)
       ) as d (kind, due, met, superseded, created)
       where d.due is not null`,
    ],
    [
      'compensations',
      `insert into compensations (case_id, team_id, kind, amount_minor, note, customer_asked, proposed_by, proposed_at, state,
                                  approver_ids, decided_by, decided_at, reject_reason, customer_answer, answered_by, answered_at,
                                  version, shown_version, nudge_due_at, nudged_at)
       select c.id, c.team_id, c.kind, c.amount, 'Seeded', '', c.agent_id, c.proposed_at, c.state,
              c.approvers, case when c.state <> 'pending' then c.approvers[1] end,
              case when c.state <> 'pending' then c.decided_at end,
              case when c.state = 'rejected' then 'Above what the case justifies' end,
              case when c.state = 'approved' then ${pick('bench_rand(c.i, 30)', [['accepted', 0.8], ['declined', 0.1], ['offered', 0.1]])} end,
              case when c.state = 'approved' then c.agent_id end,
              case when c.state = 'approved' then c.decided_at + interval '1 hour' end,
              2, 2, c.proposed_at + interval '1 hour',
              case when c.state = 'pending' and c.proposed_at < $1::timestamptz - interval '1 hour' then c.proposed_at + interval '1 hour' end
       from (
         select p.i, p.id, p.team_id, p.agent_id, k.kind, k.amount, k.proposed_at,
                case when k.amount <= 20000 then array['owner'] when k.amount <= 200000 then array['U0LEAD001'] else array['U0HEAD001'] end as approvers,
                case when p.status in ('open', 'responded') and bench_rand(p.i, 31) < 0.6 then 'pending'
                     when bench_rand(p.i, 32) < 0.78 then 'approved' else 'rejected' end as state,
                least($1::timestamptz, k.proposed_at + (1 + 23 * bench_rand(p.i, 33)) * interval '1 hour') as decided_at
         from bench_plan p
         cross join lateral (select ${pick('bench_rand(p.i, 34)', KINDS)} as kind) as chosen
         cross join lateral (select chosen.kind,
                                    (case chosen.kind when 'refund' then 2000 + floor(bench_rand(p.i, 35) * 48000)
                                                      when 'replacement' then 10000 + floor(bench_rand(p.i, 35) * 290000)
                                                      else 1000 + floor(bench_rand(p.i, 35) * 19000) end)::bigint as amount,
                                    least($1::timestamptz - interval '1 minute',
                                          coalesce(p.fr_at, p.created_at) + (10 + 300 * bench_rand(p.i, 36)) * interval '1 minute') as proposed_at) as k
         where p.compensated and p.status <> 'open'
       ) as c`,
    ],
    [
      'closes',
      `insert into case_closures (case_id, team_id, outcome, explanation, satisfaction, agreement, customer_thanked, closed_by,
                                  closed_at, record_file_id, record_permalink, record_posted_at, retro_due_at, retro_remind_at,
                                  retro_reminded_at, summary_posted_at, archived_at, cancelled_at, retro_asked_at)
       select p.id, p.team_id, x.outcome, 'Seeded', x.satisfaction, 'Seeded agreement', bench_rand(p.i, 40) < 0.8, p.agent_id,
              x.closed_at, 'F' || p.number, 'https://example.slack.com/files/F' || p.number, x.closed_at + interval '5 seconds',
              x.closed_at + interval '1 day', x.closed_at + interval '12 hours',
              case when x.closed_at + interval '12 hours' < $1::timestamptz then x.closed_at + interval '12 hours' end,
              case when x.cancelled is null and x.closed_at + interval '1 day' < $1::timestamptz then x.closed_at + interval '1 day' end,
              case when x.cancelled is null and x.closed_at + interval '1 day' < $1::timestamptz then x.closed_at + interval '1 day' end,
              x.cancelled, x.closed_at + interval '3 seconds'
       from bench_plan p
       cross join lateral (
         select o.outcome, o.closed_at, o.cancelled,
                -- Satisfaction follows the outcome: upheld complaints end happier.
                least(5, greatest(1, round(case o.outcome when 'in_favour' then 4.3 when 'partly' then 3.4 else 2.2 end
                                           + 1.1 * bench_normal(p.i, 41 + o.n))))::int as satisfaction
         from (values
           (0, ${pick('bench_rand(p.i, 43)', OUTCOMES)}, p.closed_at, null::timestamptz),
           (1, 'partly', p.cancelled_close_at, p.cancelled_close_at + interval '1 hour')
         ) as o (n, outcome, closed_at, cancelled)
         where o.n = 0 or o.cancelled is not null
       ) as x
       where p.status = 'closed'`,
    ],
    [
      'retro notes',
      `insert into retro_notes (closure_id, case_id, team_id, author_id, root_cause, root_cause_detail, went_well, lesson,
                                created_at, updated_at)
       select cl.id, p.id, p.team_id, a.author, a.cause, case when a.cause = 'other' then 'Seeded detail' else '' end,
              'Answered fast', 'Check the parcel tracking first', cl.closed_at + a.after, cl.closed_at + a.after
       from case_closures cl
       join bench_plan p on p.id = cl.case_id
       cross join lateral (values
         (p.agent_id, interval '2 hours', 0),
         ('U0AAA0001', interval '5 hours', 1)
       ) as d (author, after, n)
       cross join lateral (select d.author, d.after,
           case when p.category_id = 'delivery' and bench_rand(p.i, 50 + d.n) < 0.5 then 'delivery_partner'
                when p.category_id = 'product_quality' and bench_rand(p.i, 50 + d.n) < 0.5 then 'product_defect'
                when p.category_id = 'billing' and bench_rand(p.i, 50 + d.n) < 0.4 then 'system_error'
                else ${pick('bench_rand(p.i, 52 + d.n)', ROOT_CAUSES)} end as cause) as a
       where cl.cancelled_at is null
         and cl.closed_at + d.after < $1::timestamptz
         and bench_rand(p.i, 54) < 0.5
         and (d.n = 0 or bench_rand(p.i, 55) < 0.25)
         and (d.n = 0 or p.agent_id <> 'U0AAA0001')`,
    ],
    [
      'timeline events',
      `insert into case_events (case_id, team_id, kind, actor_id, data, created_at)
       select p.id, p.team_id, e.kind, e.actor, e.data, e.at
       from bench_plan p
       join cases c on c.id = p.id
       cross join lateral (values
         ('opened', p.reporter_id, jsonb_build_object('severity', p.opened_severity, 'categoryId', p.category_id), p.created_at),
         ('owner_changed', c.owner_id, jsonb_build_object('from', null, 'to', c.owner_id),
            case when c.owner_id is not null then p.created_at + interval '3 minutes' end),
         ('severity_changed', c.owner_id, jsonb_build_object('from', p.opened_severity, 'to', p.severity), p.changed_at),
         ('responded', c.owner_id, '{}'::jsonb, p.fr_at),
         ('note', c.owner_id, jsonb_build_object('text', 'Called the customer back'),
            case when p.noted then p.created_at + (coalesce(p.res_at, $1::timestamptz) - p.created_at) * 0.5 end),
         ('deadline_breached', null, jsonb_build_object('kind', 'first_response'),
            case when p.fr_due < coalesce(p.fr_at, $1::timestamptz) then p.fr_due + interval '20 seconds' end),
         ('deadline_breached', null, jsonb_build_object('kind', 'resolution'),
            case when p.res_due < coalesce(p.res_at, $1::timestamptz) then p.res_due + interval '20 seconds' end),
         ('resolved', c.owner_id, jsonb_build_object('how', 'Refunded and apologised'), p.res_at),
         ('resolved', c.owner_id, jsonb_build_object('how', 'Replaced the goods after all'), p.again_resolved_at)
       ) as e (kind, actor, data, at)
       where e.at is not null
       union all
       select cl.case_id, cl.team_id, 'closed', cl.closed_by,
              jsonb_build_object('closureId', cl.id::text, 'outcome', cl.outcome, 'satisfaction', cl.satisfaction,
                                 'thanked', cl.customer_thanked, 'from', 'resolved'),
              cl.closed_at
       from case_closures cl
       union all
       select cl.case_id, cl.team_id, 'reopened', cl.closed_by, jsonb_build_object('reason', 'The customer wrote again'), cl.cancelled_at
       from case_closures cl where cl.cancelled_at is not null
       union all
       select co.case_id, co.team_id, 'compensation_proposed', co.proposed_by,
              jsonb_build_object('kind', co.kind, 'amountMinor', co.amount_minor, 'approvers', co.approver_ids), co.proposed_at
       from compensations co
       union all
       select co.case_id, co.team_id, 'compensation_' || co.state, co.decided_by,
              jsonb_build_object('kind', co.kind, 'amountMinor', co.amount_minor), co.decided_at
       from compensations co where co.state <> 'pending'
       union all
       select rn.case_id, rn.team_id, 'retro_submitted', rn.author_id,
              jsonb_build_object('closureId', rn.closure_id::text, 'cause', rn.root_cause, 'rewritten', false), rn.created_at
       from retro_notes rn`,
    ],
  ];
}

/**
 * Seeds the data into an empty, migrated database through `client`, in one transaction;
 * the helper functions and the plan table are dropped again at the end. Returns the
 * seconds each step took.
 *
 * @example
 * await seedStats(client, { cases: 1000, otherCases: 20, now: new Date() });
 */
export async function seedStats(client: pg.ClientBase, options: StatsSeedOptions): Promise<Array<readonly [string, number]>> {
  const timings: Array<readonly [string, number]> = [];
  await client.query('begin');
  try {
    for (const statement of DROP_HELPERS) await client.query(statement);
    // The stats moments of migrations/20261204_0013_stats.ts, filled as the bot fills them, when that migration ran.
    const momentColumns = (await casesColumns(client)).has('resolution_business_ms');
    for (const [label, text] of seedingSteps(options.now, momentColumns)) {
      const started = performance.now();
      // Steps of several statements cannot take parameters: the values go in as literals.
      const literal = text
        .replaceAll('$1::timestamptz', `'${options.now.toISOString()}'::timestamptz`)
        .replaceAll('$2', String(options.cases))
        .replaceAll('$3', String(options.otherCases));
      await client.query(literal);
      const seconds = (performance.now() - started) / 1000;
      timings.push([label, seconds]);
      options.log?.(`  seed: ${label} ${seconds.toFixed(1)} s`);
    }
    for (const statement of DROP_HELPERS) await client.query(statement);
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
  return timings;
}

/** Column names of `cases`, so the seeding can fill the stats columns when their migration is there. */
export async function casesColumns(client: pg.ClientBase): Promise<Set<string>> {
  const { rows } = await client.query<{ column_name: string }>(
    `select column_name from information_schema.columns where table_schema = current_schema() and table_name = 'cases'`,
  );
  return new Set(rows.map((row) => row.column_name));
}

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface SeededDatabase {
  readonly url: string;
  /** False when an earlier run's seeding was reused. */
  readonly seededNow: boolean;
  /** How long the seeding took (this run's, or the reused seeding's). */
  readonly seedSeconds: number;
  /** The "now" the data was seeded against. */
  readonly seededAt: Date;
  readonly size: StatsSeedSize;
  readonly rows: Readonly<Record<string, number>>;
}

interface SeedRecord {
  version: number;
  cases: number;
  other_cases: number;
  /** The migrations applied when it was seeded, comma-separated. */
  migrations: string;
  /** Whether the stats moments (and their business times) were seeded. */
  moments: boolean;
  seeded_at: Date;
  seconds: number;
}

/** The migration that adds the stats moments to `cases`; a seeding from before it lacks them. */
const MOMENTS_MIGRATION = '20261204_0013_stats';

async function migrateSeeded(url: string): Promise<string[]> {
  const db = connectDatabase(url, { maxConnections: 2 });
  try {
    return await migrateToLatest(db);
  } finally {
    await db.destroy();
  }
}

/** A seeding older than this is redone: the periods the benchmark asks about would be emptying. */
const REUSE_FOR_MS = 7 * 24 * HOUR;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function seedRecord(url: string): Promise<SeedRecord | undefined> {
  return withClient(url, async (client) => {
    const { rows } = await client.query<SeedRecord>(`select * from bench_seed`).catch(() => ({ rows: [] as SeedRecord[] }));
    return rows[0];
  });
}

/** Rows in each seeded table, by PostgreSQL's counts after ANALYZE (estimates, for the load print). */
async function tableRows(client: pg.ClientBase): Promise<Record<string, number>> {
  const tables = ['cases', 'case_events', 'case_deadlines', 'compensations', 'case_closures', 'retro_notes'];
  const { rows } = await client.query<{ relname: string; reltuples: number }>(
    `select relname, reltuples from pg_class where relname = any($1) and relkind = 'r'`,
    [tables],
  );
  return Object.fromEntries(tables.map((table) => [table, Math.round(rows.find((row) => row.relname === table)?.reltuples ?? 0)]));
}

/**
 * The benchmark's database, seeded with `size` cases: reused when an earlier run seeded it
 * with the same size and seed version within the last week (migrations added since are
 * applied to it); otherwise dropped, created, migrated, seeded, vacuumed and analysed.
 */
export async function ensureStatsDatabase(size: StatsSeedSize, log: (line: string) => void = console.log): Promise<SeededDatabase> {
  const url = ADMIN_URL.replace(/\/[^/]*$/, `/${STATS_BENCH_DATABASE}`);
  const migrationNames = Object.keys(migrations).sort().join(',');
  const exists = await withClient(ADMIN_URL, async (client) => (await client.query(`select 1 from pg_database where datname = $1`, [STATS_BENCH_DATABASE])).rowCount === 1);
  const record = exists ? await seedRecord(url) : undefined;
  const known = new Set(Object.keys(migrations));
  if (
    record &&
    record.version === STATS_SEED_VERSION &&
    record.cases === size.cases &&
    record.other_cases === size.otherCases &&
    // Migrations added since are applied to the seeded data, as to a team's database; a removed one, or
    // stats moments that were not there to seed, mean seeding again.
    record.migrations.split(',').every((name) => known.has(name)) &&
    (record.moments || !known.has(MOMENTS_MIGRATION)) &&
    Date.now() - record.seeded_at.getTime() < REUSE_FOR_MS
  ) {
    const applied = await migrateSeeded(url);
    const rows = await withClient(url, async (client) => {
      if (applied.length > 0) {
        await client.query('vacuum (analyze)');
        await client.query(`update bench_seed set migrations = $1`, [migrationNames]);
        log(`  seed: applied ${applied.join(', ')} to the seeded data`);
      }
      return tableRows(client);
    });
    log(`  seed: reusing ${STATS_BENCH_DATABASE}, seeded ${record.seeded_at.toISOString()} in ${record.seconds.toFixed(0)} s`);
    return { url, seededNow: false, seedSeconds: record.seconds, seededAt: record.seeded_at, size, rows };
  }

  log(`  seed: ${exists ? 'reseeding' : 'creating'} ${STATS_BENCH_DATABASE} with ${size.cases} + ${size.otherCases} cases`);
  const started = performance.now();
  await withClient(ADMIN_URL, async (client) => {
    await client.query(`drop database if exists ${STATS_BENCH_DATABASE} with (force)`);
    await client.query(`create database ${STATS_BENCH_DATABASE}`);
  });
  await migrateSeeded(url);
  const seededAt = new Date();
  const rows = await withClient(url, async (client) => {
    const moments = (await casesColumns(client)).has('resolution_business_ms');
    await seedStats(client, { ...size, now: seededAt, log });
    const analysing = performance.now();
    // VACUUM as autovacuum would have by now: statistics, and the visibility map index-only scans need.
    await client.query('vacuum (analyze)');
    log(`  seed: vacuum analyze ${((performance.now() - analysing) / 1000).toFixed(1)} s`);
    const seconds = (performance.now() - started) / 1000;
    await client.query(`create table bench_seed (version int, cases int, other_cases int, migrations text, moments boolean, seeded_at timestamptz, seconds double precision)`);
    await client.query(`insert into bench_seed values ($1, $2, $3, $4, $5, $6, $7)`, [STATS_SEED_VERSION, size.cases, size.otherCases, migrationNames, moments, seededAt, seconds]);
    return tableRows(client);
  });
  const seedSeconds = (performance.now() - started) / 1000;
  log(`  seed: done in ${seedSeconds.toFixed(1)} s`);
  return { url, seededNow: true, seedSeconds, seededAt, size, rows };
}
