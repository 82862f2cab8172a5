import { sql, type Kysely, type Transaction } from 'kysely';
import type { Case, CaseStatus, ComplaintSource } from '../domain/case.js';
import type { Severity } from '../domain/severity.js';
import type { DeadlineKind } from '../domain/deadlines.js';
import { toDeadline, type Deadline } from './deadline-repository.js';
import type { CaseRow, Database } from './tables.js';

/** Columns only stats read (src/db/stats-repository.ts), not part of the domain case. */
type StatsColumns = 'first_response_at' | 'first_response_business_ms' | 'resolved_at' | 'resolution_business_ms';
type CaseColumns = Omit<CaseRow, 'intake_view_id' | StatsColumns>;

/** Maps a row to the domain type. */
export function toCase(row: CaseColumns): Case {
  return {
    id: row.id,
    teamId: row.team_id,
    number: row.number,
    summary: row.summary,
    customerName: row.customer_name,
    customerContact: row.customer_contact,
    categoryId: row.category_id,
    severity: row.severity as Severity,
    source: row.source as ComplaintSource,
    description: row.description,
    claimedLossMinor: row.claimed_loss_minor === null ? null : Number(row.claimed_loss_minor),
    status: row.status as CaseStatus,
    escalated: row.escalated,
    reporterId: row.reporter_id,
    ownerId: row.owner_id,
    staffInvolvedIds: row.staff_involved,
    channelId: null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

const caseColumns = [
  'cases.id',
  'cases.team_id',
  'cases.number',
  'cases.summary',
  'cases.customer_name',
  'cases.customer_contact',
  'cases.category_id',
  'cases.severity',
  'cases.source',
  'cases.description',
  'cases.claimed_loss_minor',
  'cases.status',
  'cases.escalated',
  'cases.reporter_id',
  'cases.owner_id',
  'cases.staff_involved',
  'cases.created_at',
  'cases.updated_at',
] as const;

function selectCases(db: Kysely<Database>) {
  return db
    .selectFrom('cases')
    .leftJoin('case_channels', 'case_channels.case_id', 'cases.id')
    .select([...caseColumns, 'case_channels.channel_id']);
}

function withChannel(row: CaseColumns & { channel_id: string | null }): Case {
  return { ...toCase(row), channelId: row.channel_id };
}

export async function findCaseById(db: Kysely<Database>, id: string): Promise<Case | undefined> {
  const row = await selectCases(db).where('cases.id', '=', id).executeTakeFirst();
  return row && withChannel(row);
}

/** Who has been sent each notice of a deadline. */
export interface DeadlineNoticesSent {
  readonly warning: ReadonlySet<string>;
  readonly breach: ReadonlySet<string>;
}

/**
 * A deadline, its case (with the case's channel) and who has had its notices, in one
 * read: the first a deadline job makes. `case` is the deadline's own case, whichever
 * case the job named.
 */
export async function findDeadlineWithCase(
  db: Kysely<Database>,
  deadlineId: string,
): Promise<{ deadline: Deadline; case: Case; told: DeadlineNoticesSent } | undefined> {
  const told = (kind: 'warning' | 'breach') =>
    sql<string[]>`array(${db.selectFrom('deadline_notices').select('recipient').where('deadline_id', '=', deadlineId).where('kind', '=', kind)})`;
  const row = await selectCases(db)
    .innerJoin('case_deadlines', 'case_deadlines.case_id', 'cases.id')
    .select([
      told('warning').as('told_warning'),
      told('breach').as('told_breach'),
      'case_deadlines.id as deadline_id',
      'case_deadlines.team_id as deadline_team_id',
      'case_deadlines.kind as deadline_kind',
      'case_deadlines.starts_at as deadline_starts_at',
      'case_deadlines.warn_at as deadline_warn_at',
      'case_deadlines.due_at as deadline_due_at',
      'case_deadlines.met_at as deadline_met_at',
      'case_deadlines.superseded_at as deadline_superseded_at',
      'case_deadlines.warned_at as deadline_warned_at',
      'case_deadlines.breached_at as deadline_breached_at',
      'case_deadlines.breach_notified_at as deadline_breach_notified_at',
      'case_deadlines.created_at as deadline_created_at',
    ])
    .where('case_deadlines.id', '=', deadlineId)
    .executeTakeFirst();
  if (!row) return undefined;
  const deadline = toDeadline({
    id: row.deadline_id,
    case_id: row.id,
    team_id: row.deadline_team_id,
    kind: row.deadline_kind,
    starts_at: row.deadline_starts_at,
    warn_at: row.deadline_warn_at,
    due_at: row.deadline_due_at,
    met_at: row.deadline_met_at,
    superseded_at: row.deadline_superseded_at,
    warned_at: row.deadline_warned_at,
    breached_at: row.deadline_breached_at,
    breach_notified_at: row.deadline_breach_notified_at,
    created_at: row.deadline_created_at,
  });
  return { deadline, case: withChannel(row), told: { warning: new Set(row.told_warning), breach: new Set(row.told_breach) } };
}

/** Reads the case and locks its row until the transaction ends. */
export async function lockCaseById(trx: Transaction<Database>, id: string): Promise<Case | undefined> {
  const row = await selectCases(trx).where('cases.id', '=', id).forUpdate('cases').executeTakeFirst();
  return row && withChannel(row);
}

export async function findCaseByNumber(db: Kysely<Database>, teamId: string, number: number): Promise<Case | undefined> {
  const row = await selectCases(db)
    .where('cases.team_id', '=', teamId)
    .where('cases.number', '=', number)
    .executeTakeFirst();
  return row && withChannel(row);
}

/** The case opened from this intake form, if it was submitted before. */
export async function findCaseByIntakeView(db: Kysely<Database>, teamId: string, viewId: string): Promise<Case | undefined> {
  const row = await selectCases(db).where('cases.team_id', '=', teamId).where('cases.intake_view_id', '=', viewId).executeTakeFirst();
  return row && withChannel(row);
}

export async function findCaseByChannel(db: Kysely<Database>, teamId: string, channelId: string): Promise<Case | undefined> {
  const row = await selectCases(db)
    .where('cases.team_id', '=', teamId)
    .where('case_channels.channel_id', '=', channelId)
    .executeTakeFirst();
  return row && withChannel(row);
}

export type CaseListFilter = 'open' | 'mine' | 'overdue';

const UNRESOLVED: readonly CaseStatus[] = ['open', 'responded'];

/** A case's running deadline that falls due first: what `/complaint list` and the App Home order by. */
export interface NextDeadline {
  readonly kind: DeadlineKind;
  readonly dueAt: Date;
}

export interface ListedCase {
  readonly case: Case;
  readonly nextDeadline: NextDeadline | null;
}

/**
 * Cases for `/complaint list`, the one whose running deadline falls due first at the top
 * (overdue ones lead), cases without a running deadline after them, newest first. `open`
 * and `mine` mean not yet resolved (open or responded); `overdue`, a running deadline
 * passed (never on a closed case). One page of `limit` and the count of all that match.
 */
export async function listCases(
  db: Kysely<Database>,
  query: { teamId: string; filter: CaseListFilter; userId: string; limit: number; now: Date },
): Promise<{ cases: ListedCase[]; total: number }> {
  let base = db.selectFrom('cases').where('cases.team_id', '=', query.teamId).where('cases.status', '!=', 'closed');
  if (query.filter !== 'overdue') base = base.where('cases.status', 'in', UNRESOLVED);
  if (query.filter === 'mine') base = base.where('cases.owner_id', '=', query.userId);
  if (query.filter === 'overdue') {
    base = base.where(({ exists, selectFrom }) =>
      exists(
        selectFrom('case_deadlines')
          .select('case_deadlines.id')
          .whereRef('case_deadlines.case_id', '=', 'cases.id')
          .where('case_deadlines.superseded_at', 'is', null)
          .where('case_deadlines.met_at', 'is', null)
          // Past due is overdue, whether or not the breach job has run yet.
          .where('case_deadlines.due_at', '<=', query.now),
      ),
    );
  }
  const [rows, count] = await Promise.all([
    base
      .leftJoin('case_channels', 'case_channels.case_id', 'cases.id')
      .leftJoinLateral(
        (eb) =>
          eb
            .selectFrom('case_deadlines')
            .select(['case_deadlines.kind as next_kind', 'case_deadlines.due_at as next_due_at'])
            .whereRef('case_deadlines.case_id', '=', 'cases.id')
            .where('case_deadlines.superseded_at', 'is', null)
            .where('case_deadlines.met_at', 'is', null)
            .orderBy('case_deadlines.due_at')
            .limit(1)
            .as('next'),
        (join) => join.onTrue(),
      )
      .select([...caseColumns, 'case_channels.channel_id', 'next.next_kind', 'next.next_due_at'])
      .orderBy(sql`next.next_due_at asc nulls last`)
      .orderBy('cases.number', 'desc')
      .limit(query.limit)
      .execute(),
    base.select((eb) => eb.fn.countAll<string>().as('total')).executeTakeFirstOrThrow(),
  ]);
  return {
    cases: rows.map((row) => ({
      case: withChannel(row),
      nextDeadline: row.next_kind !== null && row.next_due_at !== null ? { kind: row.next_kind as DeadlineKind, dueAt: row.next_due_at } : null,
    })),
    total: Number(count.total),
  };
}

/** What a change may set on the case row; `updated_at` is always set. */
export interface CasePatch {
  readonly status?: CaseStatus;
  readonly ownerId?: string | null;
  readonly severity?: Severity;
  readonly escalated?: boolean;
}

export async function updateCase(trx: Transaction<Database>, id: string, patch: CasePatch & { now: Date }): Promise<void> {
  await trx
    .updateTable('cases')
    .set({
      ...(patch.status !== undefined && { status: patch.status }),
      ...(patch.ownerId !== undefined && { owner_id: patch.ownerId }),
      ...(patch.severity !== undefined && { severity: patch.severity }),
      ...(patch.escalated !== undefined && { escalated: patch.escalated }),
      updated_at: patch.now,
    })
    .where('id', '=', id)
    .execute();
}

/** How many cases are not closed, across workspaces (the `anthill_open_cases` gauge). */
export async function countOpenCases(db: Kysely<Database>): Promise<number> {
  const row = await db.selectFrom('cases').select((eb) => eb.fn.countAll<string>().as('open')).where('status', '<>', 'closed').executeTakeFirstOrThrow();
  return Number(row.open);
}
