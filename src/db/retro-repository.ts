import { sql, type Kysely, type Transaction } from 'kysely';
import type { ActionItem } from '../domain/action-item.js';
import type { Closure } from '../domain/closure.js';
import type { RetroNote, RetroParties, RetroRequest } from '../domain/retro.js';
import { toActionItem } from './action-item-repository.js';
import { toClosure } from './closure-repository.js';
import type { Database, RetroNoteRow, RetroRequestRow } from './tables.js';

function toRequest(row: RetroRequestRow): RetroRequest {
  return { recipient: row.recipient, askedAt: row.asked_at, remindedAt: row.reminded_at, unreachableAt: row.unreachable_at, answeredAt: row.answered_at };
}

function toNote(row: RetroNoteRow): RetroNote {
  return {
    id: row.id,
    closureId: row.closure_id,
    caseId: row.case_id,
    authorId: row.author_id,
    rootCause: row.root_cause,
    rootCauseDetail: row.root_cause_detail,
    wentWell: row.went_well,
    lesson: row.lesson,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** Who the case's records name: owner and reporter, the approvers asked and deciding, every actor of its timeline. */
export async function findRetroParties(db: Kysely<Database>, current: { id: string; ownerId: string | null; reporterId: string }): Promise<RetroParties> {
  const compensations = await db.selectFrom('compensations').select(['approver_ids', 'decided_by']).where('case_id', '=', current.id).orderBy('id').execute();
  const actors = await db
    .selectFrom('case_events')
    .select('actor_id')
    .where('case_id', '=', current.id)
    .where('actor_id', 'is not', null)
    .groupBy('actor_id')
    .orderBy(sql`min(id)`)
    .execute();
  return {
    ownerId: current.ownerId,
    reporterId: current.reporterId,
    approverIds: compensations.flatMap((row) => row.approver_ids),
    deciderIds: compensations.flatMap((row) => (row.decided_by ? [row.decided_by] : [])),
    actorIds: actors.flatMap((row) => (row.actor_id ? [row.actor_id] : [])),
  };
}

/** Records who is asked for notes on a close; asking again adds nobody twice. */
export async function insertRetroRequests(trx: Transaction<Database>, closureId: string, recipients: readonly string[]): Promise<void> {
  if (recipients.length === 0) return;
  await trx
    .insertInto('retro_requests')
    .values(recipients.map((recipient) => ({ closure_id: closureId, recipient })))
    .onConflict((oc) => oc.columns(['closure_id', 'recipient']).doNothing())
    .execute();
}

/** Everyone asked for notes on a close (and anyone who wrote them unasked), by id. */
export async function listRetroRequests(db: Kysely<Database>, closureId: string): Promise<RetroRequest[]> {
  const rows = await db.selectFrom('retro_requests').selectAll().where('closure_id', '=', closureId).orderBy('recipient').execute();
  return rows.map(toRequest);
}

type RequestMark = 'asked_at' | 'reminded_at' | 'unreachable_at';

/** Sets a once-only mark of one person's request (DMed, reminded, unreachable); true when this call set it. */
export async function markRetroRequest(trx: Transaction<Database>, input: { closureId: string; recipient: string; mark: RequestMark; now: Date }): Promise<boolean> {
  const row = await trx
    .updateTable('retro_requests')
    .set({ [input.mark]: input.now })
    .where('closure_id', '=', input.closureId)
    .where('recipient', '=', input.recipient)
    .where(input.mark, 'is', null)
    .returning('recipient')
    .executeTakeFirst();
  return row !== undefined;
}

/** The author has answered: their request is marked, or added as answered when they were not asked. */
export async function answerRetroRequest(trx: Transaction<Database>, input: { closureId: string; authorId: string; now: Date }): Promise<void> {
  await trx
    .insertInto('retro_requests')
    .values({ closure_id: input.closureId, recipient: input.authorId, answered_at: input.now })
    .onConflict((oc) => oc.columns(['closure_id', 'recipient']).doUpdateSet({ answered_at: sql`coalesce(retro_requests.answered_at, excluded.answered_at)` }))
    .execute();
}

type ClosureMark = 'retro_asked_at' | 'retro_reminded_at' | 'summary_posted_at' | 'archived_at';

/** Sets a once-only mark of a close's retro while the close is current; true when this call set it. */
export async function markClosure(trx: Transaction<Database>, input: { closureId: string; mark: ClosureMark; now: Date }): Promise<boolean> {
  const row = await trx
    .updateTable('case_closures')
    .set({ [input.mark]: input.now })
    .where('id', '=', input.closureId)
    .where(input.mark, 'is', null)
    .where('cancelled_at', 'is', null)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Whether the close still waits for retro notes: not cancelled by reopening, its summary not posted. */
export async function retroStillOpen(db: Kysely<Database>, closureId: string): Promise<boolean> {
  const row = await db
    .selectFrom('case_closures')
    .select('id')
    .where('id', '=', closureId)
    .where('cancelled_at', 'is', null)
    .where('summary_posted_at', 'is', null)
    .executeTakeFirst();
  return row !== undefined;
}

/** The summary's message in each channel, once posted ('' for a case channel found archived). */
export async function findSummaryPosts(db: Kysely<Database>, closureId: string): Promise<{ caseTs: string | null; teamTs: string | null }> {
  const row = await db.selectFrom('case_closures').select(['summary_case_ts', 'summary_team_ts']).where('id', '=', closureId).executeTakeFirst();
  return { caseTs: row?.summary_case_ts ?? null, teamTs: row?.summary_team_ts ?? null };
}

export async function recordSummaryPost(db: Kysely<Database>, input: { closureId: string; where: 'case' | 'team'; ts: string }): Promise<void> {
  const column = input.where === 'case' ? 'summary_case_ts' : 'summary_team_ts';
  await db.updateTable('case_closures').set({ [column]: input.ts }).where('id', '=', input.closureId).where(column, 'is', null).execute();
}

export async function findRetroNote(db: Kysely<Database>, closureId: string, authorId: string): Promise<RetroNote | undefined> {
  const row = await db.selectFrom('retro_notes').selectAll().where('closure_id', '=', closureId).where('author_id', '=', authorId).executeTakeFirst();
  return row && toNote(row);
}

/** Writes the author's notes on a close: the first time a new row, after that the same row rewritten. */
export async function upsertRetroNote(
  trx: Transaction<Database>,
  input: { closureId: string; caseId: string; teamId: string; authorId: string; rootCause: string; rootCauseDetail: string; wentWell: string; lesson: string; now: Date },
): Promise<{ note: RetroNote; rewritten: boolean }> {
  const text = { root_cause: input.rootCause, root_cause_detail: input.rootCauseDetail, went_well: input.wentWell, lesson: input.lesson };
  const row = await trx
    .insertInto('retro_notes')
    .values({ closure_id: input.closureId, case_id: input.caseId, team_id: input.teamId, author_id: input.authorId, ...text, created_at: input.now, updated_at: input.now })
    .onConflict((oc) => oc.columns(['closure_id', 'author_id']).doUpdateSet({ ...text, updated_at: input.now }))
    .returningAll()
    .executeTakeFirstOrThrow();
  const note = toNote(row);
  return { note, rewritten: note.createdAt.getTime() !== note.updatedAt.getTime() };
}

/** A close's notes, oldest first. */
export async function listRetroNotes(db: Kysely<Database>, closureId: string): Promise<RetroNote[]> {
  const rows = await db.selectFrom('retro_notes').selectAll().where('closure_id', '=', closureId).orderBy('created_at').orderBy('id').execute();
  return rows.map(toNote);
}

/** The action item a note made, if any. */
export async function findNoteActionItem(db: Kysely<Database>, noteId: string): Promise<ActionItem | undefined> {
  const row = await db.selectFrom('action_items').selectAll().where('retro_note_id', '=', noteId).executeTakeFirst();
  return row && toActionItem(row);
}

/** The action items a close's notes made, by due day. */
export async function listClosureActionItems(db: Kysely<Database>, closureId: string): Promise<ActionItem[]> {
  const rows = await db
    .selectFrom('action_items')
    .innerJoin('retro_notes', 'retro_notes.id', 'action_items.retro_note_id')
    .selectAll('action_items')
    .where('retro_notes.closure_id', '=', closureId)
    .orderBy('action_items.due_on')
    .orderBy('action_items.id')
    .execute();
  return rows.map(toActionItem);
}

/** Closes whose retro work is not finished (asking, reminder, summary or archive), with their requests: for reconciliation. */
export async function listOwedRetros(db: Kysely<Database>): Promise<{ closure: Closure; requests: RetroRequest[] }[]> {
  const rows = await db
    .selectFrom('case_closures')
    .innerJoin('cases', 'cases.id', 'case_closures.case_id')
    .selectAll('case_closures')
    .where('case_closures.cancelled_at', 'is', null)
    .where('case_closures.archived_at', 'is', null)
    .where('cases.status', '=', 'closed')
    .execute();
  if (rows.length === 0) return [];
  const requests = await db
    .selectFrom('retro_requests')
    .selectAll()
    .where(
      'closure_id',
      'in',
      rows.map((row) => row.id),
    )
    .execute();
  const byClosure = new Map<string, RetroRequest[]>();
  for (const request of requests) byClosure.set(request.closure_id, [...(byClosure.get(request.closure_id) ?? []), toRequest(request)]);
  return rows.map((row) => ({ closure: toClosure(row), requests: byClosure.get(row.id) ?? [] }));
}

export async function findRetroRequest(db: Kysely<Database>, closureId: string, recipient: string): Promise<RetroRequest | undefined> {
  const row = await db.selectFrom('retro_requests').selectAll().where('closure_id', '=', closureId).where('recipient', '=', recipient).executeTakeFirst();
  return row && toRequest(row);
}
