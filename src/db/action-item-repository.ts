import type { Kysely, Transaction } from 'kysely';
import type { ActionItem } from '../domain/action-item.js';
import type { ActionItemRow, Database } from './tables.js';

export function toActionItem(row: ActionItemRow): ActionItem {
  return {
    id: row.id,
    caseId: row.case_id,
    teamId: row.team_id,
    retroNoteId: row.retro_note_id,
    description: row.description,
    ownerId: row.owner_id,
    dueOn: row.due_on,
    remindAt: row.remind_at,
    remindedAt: row.reminded_at,
    createdBy: row.created_by,
    createdAt: row.created_at,
    doneAt: row.done_at,
    doneBy: row.done_by,
  };
}

/**
 * Records the procedure change of a retro note as an action item, or updates it when
 * the note is written again (one item per note). The caller holds the case lock.
 */
export async function upsertActionItem(
  trx: Transaction<Database>,
  input: { caseId: string; teamId: string; retroNoteId: string; description: string; ownerId: string; dueOn: string; remindAt: Date; createdBy: string; now: Date },
): Promise<ActionItem> {
  const row = await trx
    .insertInto('action_items')
    .values({
      case_id: input.caseId,
      team_id: input.teamId,
      retro_note_id: input.retroNoteId,
      description: input.description,
      owner_id: input.ownerId,
      due_on: input.dueOn,
      remind_at: input.remindAt,
      created_by: input.createdBy,
      created_at: input.now,
    })
    .onConflict((oc) =>
      oc.column('retro_note_id').doUpdateSet({ description: input.description, owner_id: input.ownerId, due_on: input.dueOn, remind_at: input.remindAt, reminded_at: null }),
    )
    .returningAll()
    .executeTakeFirstOrThrow();
  return toActionItem(row);
}

export async function findActionItem(db: Kysely<Database>, id: string): Promise<ActionItem | undefined> {
  const row = await db.selectFrom('action_items').selectAll().where('id', '=', id).executeTakeFirst();
  return row && toActionItem(row);
}
