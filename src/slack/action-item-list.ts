import type { AppContext } from '../context.js';
import { localDate } from '../domain/action-item-rules.js';
import { listOpenActionItems } from '../db/action-item-repository.js';
import { ACTION_ITEM_LIST_MAX, actionItemListMessage } from '../blocks/action-items.js';
import type { Reply } from './reply.js';

/**
 * The workspace's open action items as `/complaint list actions` shows them, read now
 * (also what replaces the list after a Done click), with `notice` above them.
 *
 * @example
 * await respond({ response_type: 'ephemeral', ...(await actionItemListReply(ctx, teamId)) });
 */
export async function actionItemListReply(ctx: AppContext, teamId: string, notice?: string): Promise<Reply> {
  const { items, total } = await listOpenActionItems(ctx.db, { teamId, limit: ACTION_ITEM_LIST_MAX });
  const today = localDate(ctx.policy.calendar.timeZone, ctx.now());
  return actionItemListMessage(ctx.words, { items, total, today, ...(notice !== undefined && { notice }) });
}
