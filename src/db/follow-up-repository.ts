import type { ExpressionBuilder, Kysely, Transaction } from 'kysely';
import type { Database, FollowUpRow } from './tables.js';

/** What the person asked answered: the customer is satisfied, or not yet. */
export type FollowUpAnswer = 'satisfied' | 'not_yet';

/** One round of asking whether the customer is satisfied. */
export interface FollowUp {
  readonly id: string;
  readonly caseId: string;
  readonly teamId: string;
  /** 1, 2 or 3. */
  readonly round: number;
  readonly dueAt: Date;
  readonly sentAt: Date | null;
  readonly answer: FollowUpAnswer | null;
  readonly answeredBy: string | null;
  readonly answeredAt: Date | null;
  readonly leadsToldAt: Date | null;
  readonly cancelledAt: Date | null;
}

/** How many times a case is asked at most: after the third Not yet the leads are told. */
export const FOLLOW_UP_ROUNDS = 3;

function toFollowUp(row: FollowUpRow): FollowUp {
  return {
    id: row.id,
    caseId: row.case_id,
    teamId: row.team_id,
    round: row.round,
    dueAt: row.due_at,
    sentAt: row.sent_at,
    answer: row.answer,
    answeredBy: row.answered_by,
    answeredAt: row.answered_at,
    leadsToldAt: row.leads_told_at,
    cancelledAt: row.cancelled_at,
  };
}

export async function insertFollowUp(
  trx: Transaction<Database>,
  input: { caseId: string; teamId: string; round: number; dueAt: Date; now: Date },
): Promise<FollowUp> {
  const row = await trx
    .insertInto('follow_ups')
    .values({ case_id: input.caseId, team_id: input.teamId, round: input.round, due_at: input.dueAt, created_at: input.now })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toFollowUp(row);
}

export async function findFollowUp(db: Kysely<Database>, id: string): Promise<FollowUp | undefined> {
  const row = await db.selectFrom('follow_ups').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toFollowUp(row);
}

/** In SQL: the round still waits for its answer: not answered, not cancelled, its case resolved. */
function isOpen(eb: ExpressionBuilder<Database, 'follow_ups'>) {
  return eb.and([
    eb('follow_ups.answer', 'is', null),
    eb('follow_ups.cancelled_at', 'is', null),
    eb.exists(
      eb.selectFrom('cases').select('cases.id').whereRef('cases.id', '=', 'follow_ups.case_id').where('cases.status', '=', 'resolved'),
    ),
  ]);
}

/** Whether the round still waits for its answer (not answered, not cancelled, the case still resolved). */
export async function followUpOpen(db: Kysely<Database>, id: string): Promise<boolean> {
  const row = await db.selectFrom('follow_ups').select('follow_ups.id').where('follow_ups.id', '=', id).where(isOpen).executeTakeFirst();
  return row !== undefined;
}

/** Marks the round's question sent to everyone, once, while it is still open; true when this call set it. */
export async function markFollowUpSent(trx: Transaction<Database>, id: string, now: Date): Promise<boolean> {
  const row = await trx
    .updateTable('follow_ups')
    .set({ sent_at: now })
    .where('follow_ups.id', '=', id)
    .where('follow_ups.sent_at', 'is', null)
    .where(isOpen)
    .returning('follow_ups.id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Records the answer of a round that is still open: a conditional update, so of two
 * clicks (or a click and a reopening) exactly one wins; undefined for the other.
 */
export async function answerFollowUp(
  trx: Transaction<Database>,
  input: { id: string; answer: FollowUpAnswer; by: string; now: Date },
): Promise<FollowUp | undefined> {
  const row = await trx
    .updateTable('follow_ups')
    .set({ answer: input.answer, answered_by: input.by, answered_at: input.now })
    .where('follow_ups.id', '=', input.id)
    .where(isOpen)
    .returningAll()
    .executeTakeFirst();
  return row && toFollowUp(row);
}

/** Sets the once-only mark that the leads were told after the last Not yet; true when this call set it. */
export async function markLeadsTold(trx: Transaction<Database>, id: string, now: Date): Promise<boolean> {
  const row = await trx
    .updateTable('follow_ups')
    .set({ leads_told_at: now })
    .where('id', '=', id)
    .where('answer', '=', 'not_yet')
    .where('round', '=', FOLLOW_UP_ROUNDS)
    .where('leads_told_at', 'is', null)
    .where('cancelled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Cancels the case's follow-ups still owed (reopening): unanswered rounds, and leads not yet told. */
export async function cancelFollowUps(trx: Transaction<Database>, caseId: string, now: Date): Promise<void> {
  await trx
    .updateTable('follow_ups')
    .set({ cancelled_at: now })
    .where('case_id', '=', caseId)
    .where('cancelled_at', 'is', null)
    .where((eb) => eb.or([eb('answer', 'is', null), eb.and([eb('answer', '=', 'not_yet'), eb('leads_told_at', 'is', null)])]))
    .execute();
}

/** People already sent this DM of the round. */
export async function followUpRecipients(db: Kysely<Database>, id: string, kind: 'ask' | 'leads'): Promise<Set<string>> {
  const rows = await db.selectFrom('follow_up_dms').select('recipient').where('follow_up_id', '=', id).where('kind', '=', kind).execute();
  return new Set(rows.map((row) => row.recipient));
}

export async function recordFollowUpDm(trx: Transaction<Database>, input: { id: string; kind: 'ask' | 'leads'; recipient: string; now: Date }): Promise<void> {
  await trx
    .insertInto('follow_up_dms')
    .values({ follow_up_id: input.id, kind: input.kind, recipient: input.recipient, sent_at: input.now })
    .onConflict((oc) => oc.columns(['follow_up_id', 'kind', 'recipient']).doNothing())
    .execute();
}

/** Follow-ups still owed a DM (the question, or the leads after the last Not yet), on resolved cases: for reconciliation. */
export async function listOwedFollowUps(db: Kysely<Database>): Promise<FollowUp[]> {
  const rows = await db
    .selectFrom('follow_ups')
    .innerJoin('cases', 'cases.id', 'follow_ups.case_id')
    .selectAll('follow_ups')
    .where('follow_ups.cancelled_at', 'is', null)
    .where('cases.status', '=', 'resolved')
    .where((eb) =>
      eb.or([
        eb.and([eb('follow_ups.answer', 'is', null), eb('follow_ups.sent_at', 'is', null)]),
        eb.and([eb('follow_ups.answer', '=', 'not_yet'), eb('follow_ups.round', '=', FOLLOW_UP_ROUNDS), eb('follow_ups.leads_told_at', 'is', null)]),
      ]),
    )
    .execute();
  return rows.map(toFollowUp);
}
