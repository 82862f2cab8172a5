import type { Kysely } from 'kysely';
import type { ActionItem } from '../domain/action-item.js';
import { mayMarkDone } from '../domain/action-item-rules.js';
import { userError } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import { findActionItem, markActionItemDone } from '../db/action-item-repository.js';
import { changeCase, type CaseChange } from './change-case.js';

export interface CompleteActionItemInput {
  readonly actionItemId: string;
  /** The workspace the click came from: an item of another workspace is refused. */
  readonly teamId: string;
  readonly actorId: string;
  readonly now: Date;
  /** The team's leads (policy): they may mark any item done. */
  readonly leads: readonly string[];
}

/**
 * An item marked done: the change (its `action_item_done` event, the channel line to
 * come) and the item as stored; or a refusal; or `action_item_already_done` when someone
 * marked it done first (the clicked message is out of date), with the item as it is.
 */
export type ActionItemCompleted =
  | (Extract<CaseChange, { ok: true }> & { readonly item: ActionItem })
  | Extract<CaseChange, { ok: false }>
  | { readonly ok: false; readonly code: 'action_item_already_done'; readonly item: ActionItem; readonly caseNumber: number };

/**
 * Marks an action item done (`action_item_done`, with the item's id and description).
 * Its owner, the person who wrote it, the case's owner and the leads may; anyone else is
 * refused. A conditional update under the case lock, so of two clicks exactly one is
 * recorded; the other hears who was first. Works on a case in any state: a procedure
 * change outlives the case it came from.
 */
export async function completeActionItem(db: Kysely<Database>, input: CompleteActionItemInput): Promise<ActionItemCompleted> {
  const found = await findActionItem(db, input.actionItemId);
  if (!found) return userError('case_not_found');
  if (found.teamId !== input.teamId) return userError('other_workspace');
  let done: ActionItem | undefined;
  let already: { item: ActionItem; caseNumber: number } | undefined;
  const change = await changeCase(db, { caseId: found.caseId, teamId: input.teamId, actorId: input.actorId, now: input.now }, async (trx, current) => {
    const item = await findActionItem(trx, found.id);
    if (!item) return userError('case_not_found');
    if (!item.doneAt && !mayMarkDone(item, { caseOwnerId: current.ownerId, leads: input.leads }, input.actorId)) {
      return userError('action_item_not_allowed', { caseNumber: current.number, ownerId: item.ownerId, writerId: item.createdBy });
    }
    done = item.doneAt ? undefined : await markActionItemDone(trx, { id: item.id, by: input.actorId, now: input.now });
    if (!done) {
      // Nothing is recorded: the answer below says who marked it done first.
      already = { item: (await findActionItem(trx, item.id)) ?? item, caseNumber: current.number };
      return userError('case_not_found');
    }
    return { ok: true, kind: 'action_item_done', data: { actionItemId: done.id, description: done.description } };
  });
  if (already) return { ok: false, code: 'action_item_already_done', ...already };
  if (!change.ok) return change;
  if (!done) throw new Error(`action item ${found.id} marked done without a row`);
  return { ...change, item: done };
}
