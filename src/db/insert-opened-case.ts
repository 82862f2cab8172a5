import { sql, type Kysely } from 'kysely';
import type { Case } from '../domain/case.js';
import type { DeadlineKind, DeadlinePlan } from '../domain/deadlines.js';
import type { IntakeInput } from '../domain/intake.js';
import { toCase } from './case-repository.js';
import { toDeadline, type Deadline } from './deadline-repository.js';
import type { CaseDeadlineRow, CaseRow, Database } from './tables.js';

export interface OpenedCaseInput {
  readonly teamId: string;
  readonly reporterId: string;
  readonly intake: IntakeInput;
  readonly intakeViewId?: string;
  readonly deadlines: readonly { kind: DeadlineKind; plan: DeadlinePlan }[];
  readonly now: Date;
}

type DeadlineJson = Omit<CaseDeadlineRow, 'starts_at' | 'warn_at' | 'due_at' | 'created_at' | 'id'> & {
  id: string | number;
  starts_at: string;
  warn_at: string;
  due_at: string;
  created_at: string;
};

const asDate = (value: string | null): Date | null => (value === null ? null : new Date(value));

/**
 * Stores a new case in ONE statement: the workspace's next number, the case, its Slack
 * bookkeeping row, its `opened` event and its deadlines. The workspace counter's row lock
 * is held only for that statement, so simultaneous intakes barely wait on each other, and
 * a failure (say, the same form submitted twice) leaves nothing behind and no gap.
 */
export async function insertOpenedCase(db: Kysely<Database>, input: OpenedCaseInput): Promise<{ case: Case; deadlines: Deadline[] }> {
  const { intake, now } = input;
  const plans = sql.join(
    input.deadlines.map(
      (d) => sql`(${d.kind}, ${d.plan.startsAt}::timestamptz, ${d.plan.warnAt}::timestamptz, ${d.plan.dueAt}::timestamptz)`,
    ),
  );
  const opened = JSON.stringify({
    severity: intake.severity,
    categoryId: intake.categoryId,
    ...(intake.staffInvolvedIds.length > 0 && { staffInvolved: intake.staffInvolvedIds }),
  });
  const { rows } = await sql<Omit<CaseRow, 'intake_view_id'> & { deadline_rows: DeadlineJson[] }>`
    with counter as (
      insert into workspace_counters (team_id, last_case_number) values (${input.teamId}, 1)
      on conflict (team_id) do update set last_case_number = workspace_counters.last_case_number + 1
      returning last_case_number
    ), created as (
      insert into cases (team_id, number, summary, customer_name, customer_contact, category_id, severity, source,
                         description, claimed_loss_minor, status, reporter_id, owner_id, staff_involved, intake_view_id,
                         created_at, updated_at)
      select ${input.teamId}, counter.last_case_number, ${intake.summary}, ${intake.customerName}, ${intake.customerContact},
             ${intake.categoryId}, ${intake.severity}, ${intake.source}, ${intake.description}, ${intake.claimedLossMinor}::bigint,
             'open', ${input.reporterId}, null, ${[...intake.staffInvolvedIds]}::text[], ${input.intakeViewId ?? null},
             ${now}::timestamptz, ${now}::timestamptz
      from counter
      returning *
    ), slack_row as (
      insert into case_channels (case_id, team_id, updated_at) select id, team_id, ${now}::timestamptz from created
    ), opened_event as (
      insert into case_events (case_id, team_id, kind, actor_id, data, created_at)
      select id, team_id, 'opened', ${input.reporterId}, ${opened}::jsonb, ${now}::timestamptz from created
    ), deadlines as (
      insert into case_deadlines (case_id, team_id, kind, starts_at, warn_at, due_at, created_at)
      select created.id, created.team_id, plan.kind, plan.starts_at, plan.warn_at, plan.due_at, ${now}::timestamptz
      from created, (values ${plans}) as plan (kind, starts_at, warn_at, due_at)
      returning *
    )
    select created.id, created.team_id, created.number, created.summary, created.customer_name, created.customer_contact,
           created.category_id, created.severity, created.source, created.description, created.claimed_loss_minor,
           created.status, created.escalated, created.reporter_id, created.owner_id, created.staff_involved,
           created.created_at, created.updated_at,
           (select coalesce(json_agg(deadlines order by deadlines.kind), '[]') from deadlines) as deadline_rows
    from created`.execute(db);
  const row = rows[0];
  if (!row) throw new Error('inserting a case returned no row');
  const { deadline_rows: deadlineRows, ...caseRow } = row;
  return {
    case: toCase(caseRow),
    deadlines: deadlineRows.map((d) =>
      toDeadline({
        ...d,
        id: String(d.id),
        starts_at: new Date(d.starts_at),
        warn_at: new Date(d.warn_at),
        due_at: new Date(d.due_at),
        created_at: new Date(d.created_at),
        met_at: asDate(d.met_at as unknown as string | null),
        superseded_at: asDate(d.superseded_at as unknown as string | null),
        warned_at: asDate(d.warned_at as unknown as string | null),
        breached_at: asDate(d.breached_at as unknown as string | null),
        breach_notified_at: asDate(d.breach_notified_at as unknown as string | null),
      }),
    ),
  };
}
