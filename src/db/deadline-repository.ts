import { sql, type ExpressionBuilder, type Kysely, type Transaction } from 'kysely';
import type { DeadlineKind, DeadlinePlan } from '../domain/deadlines.js';
import type { CaseDeadlineRow, Database } from './tables.js';

export interface Deadline {
  readonly id: string;
  readonly caseId: string;
  readonly teamId: string;
  readonly kind: DeadlineKind;
  readonly startsAt: Date;
  readonly warnAt: Date;
  readonly dueAt: Date;
  readonly metAt: Date | null;
  readonly supersededAt: Date | null;
  readonly warnedAt: Date | null;
  readonly breachedAt: Date | null;
  readonly breachNotifiedAt: Date | null;
}

export function toDeadline(row: CaseDeadlineRow): Deadline {
  return {
    id: row.id,
    caseId: row.case_id,
    teamId: row.team_id,
    kind: row.kind as DeadlineKind,
    startsAt: row.starts_at,
    warnAt: row.warn_at,
    dueAt: row.due_at,
    metAt: row.met_at,
    supersededAt: row.superseded_at,
    warnedAt: row.warned_at,
    breachedAt: row.breached_at,
    breachNotifiedAt: row.breach_notified_at,
  };
}

export async function insertDeadline(
  trx: Transaction<Database>,
  input: { caseId: string; teamId: string; kind: DeadlineKind; plan: DeadlinePlan; now: Date },
): Promise<Deadline> {
  const row = await trx
    .insertInto('case_deadlines')
    .values({
      case_id: input.caseId,
      team_id: input.teamId,
      kind: input.kind,
      starts_at: input.plan.startsAt,
      warn_at: input.plan.warnAt,
      due_at: input.plan.dueAt,
      created_at: input.now,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toDeadline(row);
}

/** The deadlines that currently apply to a case (met ones included), first response first. */
export async function currentDeadlines(db: Kysely<Database>, caseId: string): Promise<Deadline[]> {
  const rows = await db
    .selectFrom('case_deadlines')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('superseded_at', 'is', null)
    .orderBy('kind')
    .execute();
  return rows.map(toDeadline);
}

export async function findDeadline(db: Kysely<Database>, id: string): Promise<Deadline | undefined> {
  const row = await db.selectFrom('case_deadlines').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toDeadline(row);
}

/** Stops the clocks of these kinds: the step is done. */
export async function meetDeadlines(trx: Transaction<Database>, caseId: string, kinds: readonly DeadlineKind[], now: Date): Promise<void> {
  await trx
    .updateTable('case_deadlines')
    .set({ met_at: now })
    .where('case_id', '=', caseId)
    .where('kind', 'in', kinds)
    .where('superseded_at', 'is', null)
    .where('met_at', 'is', null)
    .execute();
}

export async function supersedeDeadline(trx: Transaction<Database>, id: string, now: Date): Promise<void> {
  await trx.updateTable('case_deadlines').set({ superseded_at: now }).where('id', '=', id).execute();
}

type DeadlineMark = 'warned_at' | 'breached_at' | 'breach_notified_at';

/** In SQL: the deadline is the running one: not met, not replaced, its case not closed. */
function isRunning(eb: ExpressionBuilder<Database, 'case_deadlines'>) {
  return eb.and([
    eb('case_deadlines.met_at', 'is', null),
    eb('case_deadlines.superseded_at', 'is', null),
    eb.exists(
      eb.selectFrom('cases').select('cases.id').whereRef('cases.id', '=', 'case_deadlines.case_id').where('cases.status', '!=', 'closed'),
    ),
  ]);
}

/**
 * Sets a once-only mark on a deadline that still runs; true when this call set it, false
 * when it was set already or the deadline stopped running (met, replaced, case closed).
 * The re-check is in the statement itself; run it under the case lock (`inCaseLock`) so it
 * sees every change committed before it and none can slip in.
 */
export async function markDeadline(trx: Transaction<Database>, id: string, mark: DeadlineMark, now: Date): Promise<boolean> {
  const updated = await trx
    .updateTable('case_deadlines')
    .set({ [mark]: now })
    .where('case_deadlines.id', '=', id)
    .where(`case_deadlines.${mark}`, 'is', null)
    .where(isRunning)
    .returning('case_deadlines.id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** Whether the deadline still runs: not met, not replaced, its case not closed. */
export async function deadlineRuns(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom('case_deadlines').select('case_deadlines.id').where('case_deadlines.id', '=', id).where(isRunning).executeTakeFirst();
  return row !== undefined;
}

/** A notice about a deadline as it stands: whether the deadline still runs, and who has been sent it. */
export interface NoticeState {
  readonly runs: boolean;
  readonly told: ReadonlySet<string>;
}

/** `deadlineRuns` and `noticeRecipients` in one round trip, before a notice's first DM. */
export async function noticeState(db: Kysely<Database>, deadlineId: string, kind: 'warning' | 'breach'): Promise<NoticeState> {
  const row = await db
    .selectNoFrom((eb) => [
      eb.exists(eb.selectFrom('case_deadlines').select('case_deadlines.id').where('case_deadlines.id', '=', deadlineId).where(isRunning)).as('runs'),
      sql<string[]>`array(${eb.selectFrom('deadline_notices').select('recipient').where('deadline_id', '=', deadlineId).where('kind', '=', kind)})`.as('told'),
    ])
    .executeTakeFirstOrThrow();
  return { runs: Boolean(row.runs), told: new Set(row.told) };
}

/**
 * One statement for a DM just sent, taking the case lock itself (the case row's
 * `for update`, as `inCaseLock` does, and first, so the lock order stays case row then
 * deadline): the DM recorded, its stuck step cleared (it went through), and, for the last
 * DM of a notice, the mark set if the deadline still runs; true when `mark` was given and
 * this call set it. A change committed before the statement is seen by its snapshot; one
 * committed while it waited for the case lock is seen too: the lock re-reads the case row
 * (a closed case stops it), and PostgreSQL re-checks an updated deadline row before
 * writing it (met or replaced, no mark). A DM recorded for a deadline that stopped
 * running meanwhile is the truth: it was sent.
 */
export async function recordNoticeSent(
  db: Kysely<Database>,
  input: { caseId: string; deadlineId: string; kind: 'warning' | 'breach'; recipient: string; stuckStep: string; mark?: DeadlineMark; now: Date },
): Promise<boolean> {
  const { mark } = input;
  const row = await db
    .with('locked', (qb) => qb.selectFrom('cases').select('cases.id').where('cases.id', '=', input.caseId).where('cases.status', '!=', 'closed').forUpdate())
    .with('notice', (qb) =>
      qb
        .insertInto('deadline_notices')
        .columns(['deadline_id', 'kind', 'recipient', 'sent_at'])
        .expression((eb) =>
          eb
            .selectFrom('case_deadlines')
            .select((inner) => ['case_deadlines.id as deadline_id', inner.val(input.kind).as('kind'), inner.val(input.recipient).as('recipient'), inner.val(input.now).as('sent_at')])
            .where('case_deadlines.id', '=', input.deadlineId)
            .where('case_deadlines.met_at', 'is', null)
            .where('case_deadlines.superseded_at', 'is', null)
            .where((inner) => inner.exists(inner.selectFrom('locked').select('locked.id'))),
        )
        .onConflict((oc) => oc.columns(['deadline_id', 'kind', 'recipient']).doNothing())
        .returning('deadline_notices.deadline_id'),
    )
    .with('cleared', (qb) => qb.deleteFrom('stuck_steps').where('case_id', '=', input.caseId).where('step', '=', input.stuckStep).returning('stuck_steps.case_id'))
    .with('marked', (qb) =>
      qb
        .updateTable('case_deadlines')
        .set({ [mark ?? 'warned_at']: input.now })
        .where('case_deadlines.id', '=', input.deadlineId)
        // No mark asked for: the update matches no row.
        .$if(mark === undefined, (update) => update.where(sql.lit(false)))
        .where(`case_deadlines.${mark ?? 'warned_at'}`, 'is', null)
        .where('case_deadlines.met_at', 'is', null)
        .where('case_deadlines.superseded_at', 'is', null)
        .where((eb) => eb.exists(eb.selectFrom('locked').select('locked.id')))
        .returning('case_deadlines.id'),
    )
    .selectNoFrom((eb) => [eb.exists(eb.selectFrom('marked').select('marked.id')).as('marked')])
    .executeTakeFirstOrThrow();
  return Boolean(row.marked);
}

/** How many owed deadlines one read of `listOwedDeadlines` takes. */
const OWED_PAGE = 2_000;

/**
 * Every deadline that still owes a reminder or a breach, on cases that are not closed,
 * read in pages by id (`pageSize`, for tests): reconciliation reads tens of thousands each
 * minute, and one 20,000-row result held the worker's other jobs (the reminders due then)
 * up by over 150 ms while it was parsed.
 */
export async function listOwedDeadlines(db: Kysely<Database>, { pageSize = OWED_PAGE }: { pageSize?: number } = {}): Promise<Deadline[]> {
  const owed: Deadline[] = [];
  let after: string | undefined;
  for (;;) {
    let page = db
      .selectFrom('case_deadlines')
      .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
      .selectAll('case_deadlines')
      .where('case_deadlines.superseded_at', 'is', null)
      .where('case_deadlines.met_at', 'is', null)
      .where('case_deadlines.breach_notified_at', 'is', null)
      .where('cases.status', '!=', 'closed');
    if (after !== undefined) page = page.where('case_deadlines.id', '>', after);
    const rows = await page.orderBy('case_deadlines.id').limit(pageSize).execute();
    owed.push(...rows.map(toDeadline));
    if (rows.length < pageSize || rows.length === 0) return owed;
    after = rows[rows.length - 1]?.id;
  }
}
