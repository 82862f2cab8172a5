import type { Kysely, Transaction } from 'kysely';
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

/** Sets a once-only mark; true when this call set it, false when it was already set. */
export async function markDeadline(db: Kysely<Database>, id: string, mark: DeadlineMark, now: Date): Promise<boolean> {
  const updated = await db
    .updateTable('case_deadlines')
    .set({ [mark]: now })
    .where('id', '=', id)
    .where(mark, 'is', null)
    .returning('id')
    .executeTakeFirst();
  return updated !== undefined;
}

/** People already sent this reminder for this deadline. */
export async function noticeRecipients(db: Kysely<Database>, deadlineId: string, kind: 'warning' | 'breach'): Promise<Set<string>> {
  const rows = await db
    .selectFrom('deadline_notices')
    .select('recipient')
    .where('deadline_id', '=', deadlineId)
    .where('kind', '=', kind)
    .execute();
  return new Set(rows.map((r) => r.recipient));
}

export async function recordNotice(
  db: Kysely<Database>,
  input: { deadlineId: string; kind: 'warning' | 'breach'; recipient: string; now: Date },
): Promise<void> {
  await db
    .insertInto('deadline_notices')
    .values({ deadline_id: input.deadlineId, kind: input.kind, recipient: input.recipient, sent_at: input.now })
    .onConflict((oc) => oc.columns(['deadline_id', 'kind', 'recipient']).doNothing())
    .execute();
}

/** Deadlines that still owe a reminder or a breach, on cases that are not closed. */
export async function listOwedDeadlines(db: Kysely<Database>): Promise<Deadline[]> {
  const rows = await db
    .selectFrom('case_deadlines')
    .innerJoin('cases', 'cases.id', 'case_deadlines.case_id')
    .selectAll('case_deadlines')
    .where('case_deadlines.superseded_at', 'is', null)
    .where('case_deadlines.met_at', 'is', null)
    .where('case_deadlines.breach_notified_at', 'is', null)
    .where('cases.status', '!=', 'closed')
    .execute();
  return rows.map(toDeadline);
}
