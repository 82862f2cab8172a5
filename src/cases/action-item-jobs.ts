import type { ActionItem } from '../domain/action-item.js';
import type { ActionItemJobRequest } from './jobs-to-run.js';

/**
 * The wake-up call an action item still needs: its owner's DM at `remind_at`, while it is
 * open and they have not had it. The retro submission asks for it when it records (or
 * rewrites) an item; reconciliation asks again for every item still owed its DM.
 *
 * @example
 * await scheduleAfterCommit(ctx, actionItemJobs(item), caseNumber);
 */
export function actionItemJobs(item: ActionItem): ActionItemJobRequest[] {
  if (item.doneAt || item.remindedAt) return [];
  return [{ kind: 'action-item-due', caseId: item.caseId, actionItemId: item.id, runAtMs: item.remindAt.getTime() }];
}
