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

/** An open item as `/complaint list actions` shows it: with its case's number and channel. */
export interface ListedActionItem {
  readonly item: ActionItem;
  readonly caseNumber: number;
  readonly channelId: string | null;
}

/**
 * The workspace's open action items, earliest due day first (read by the index
 * `action_items_open`), at most `limit`, and how many are open in all.
 */
export async function listOpenActionItems(db: Kysely<Database>, input: { teamId: string; limit: number }): Promise<{ items: ListedActionItem[]; total: number }> {
  const rows = await db
    .selectFrom('action_items')
    .innerJoin('cases', 'cases.id', 'action_items.case_id')
    .leftJoin('case_channels', 'case_channels.case_id', 'action_items.case_id')
    .selectAll('action_items')
    .select(['cases.number as case_number', 'case_channels.channel_id as case_channel_id'])
    .where('action_items.team_id', '=', input.teamId)
    .where('action_items.done_at', 'is', null)
    .orderBy('action_items.due_on')
    .orderBy('cases.number')
    .orderBy('action_items.id')
    .limit(input.limit)
    .execute();
  const counted = await db
    .selectFrom('action_items')
    .select((eb) => eb.fn.countAll<string>().as('total'))
    .where('team_id', '=', input.teamId)
    .where('done_at', 'is', null)
    .executeTakeFirstOrThrow();
  const items = rows.map(({ case_number, case_channel_id, ...row }) => ({ item: toActionItem(row), caseNumber: case_number, channelId: case_channel_id }));
  return { items, total: Number(counted.total) };
}

/**
 * Marks the item done, once: a conditional update, so of two clicks exactly one sets it
 * and the other gets undefined. The caller holds the case lock.
 */
export async function markActionItemDone(trx: Transaction<Database>, input: { id: string; by: string; now: Date }): Promise<ActionItem | undefined> {
  const row = await trx
    .updateTable('action_items')
    .set({ done_at: input.now, done_by: input.by })
    .where('id', '=', input.id)
    .where('done_at', 'is', null)
    .returningAll()
    .executeTakeFirst();
  return row && toActionItem(row);
}

/** Whether the item still waits for its due-date DM: open, not reminded, its morning come. */
export async function actionItemAwaitsReminder(db: Kysely<Database>, id: string, now: Date): Promise<boolean> {
  const row = await db
    .selectFrom('action_items')
    .select('id')
    .where('id', '=', id)
    .where('done_at', 'is', null)
    .where('reminded_at', 'is', null)
    .where('remind_at', '<=', now)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Sets the once-only mark that the owner had the due-date DM, while the item is still
 * open and its morning has come (a rewritten note may have moved it); true when this call set it.
 */
export async function markActionItemReminded(trx: Transaction<Database>, id: string, now: Date): Promise<boolean> {
  const row = await trx
    .updateTable('action_items')
    .set({ reminded_at: now })
    .where('id', '=', id)
    .where('done_at', 'is', null)
    .where('reminded_at', 'is', null)
    .where('remind_at', '<=', now)
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/** Every open item whose owner has not had the due-date DM yet, for reconciliation (index `action_items_unreminded`). */
export async function listUnremindedActionItems(db: Kysely<Database>): Promise<ActionItem[]> {
  const rows = await db.selectFrom('action_items').selectAll().where('done_at', 'is', null).where('reminded_at', 'is', null).orderBy('remind_at').execute();
  return rows.map(toActionItem);
}
