import type { AppContext } from '../context.js';
import { localDate } from '../domain/action-item-rules.js';
import { inCaseRowLock } from '../db/case-lock.js';
import { findCaseById } from '../db/case-repository.js';
import { actionItemAwaitsReminder, findActionItem, markActionItemReminded } from '../db/action-item-repository.js';
import { actionItemDueMessage } from '../blocks/action-items.js';
import { sendDirectMessage } from '../outbound/direct-message.js';
import { withJobLock } from './job-lock.js';
import { attemptStep } from './stuck-steps.js';
import { noteUndeliveredDm } from './undelivered-dm.js';

/** Points inside the job where a test can act; the worker passes none. */
export interface ActionItemDueHooks {
  /** Called after the job's check, before the DM, with no case lock held. */
  readonly afterCheck?: () => Promise<void>;
}

/**
 * At an action item's `remind_at` (the start of business hours on its due day): a DM to
 * its owner, with Done, if the item is still open. An item done, or its owner already
 * reminded, does nothing, and so does an early wake-up (reconciliation asks again). Two
 * runs take turns under the case's job lock and `reminded_at` is a conditional update,
 * so the owner hears of it once. An owner Slack cannot reach is noted in the timeline
 * (and logged with the case number) and counts as reminded; any other refusal is a
 * stuck step, retried on its schedule.
 */
export async function sendActionItemReminder(ctx: AppContext, actionItemId: string, hooks: ActionItemDueHooks = {}): Promise<void> {
  const first = await findActionItem(ctx.db, actionItemId);
  if (!first) return;
  await withJobLock(ctx.db, first.caseId, async (db) => {
    const item = await findActionItem(db, actionItemId);
    const current = await findCaseById(db, first.caseId);
    if (!item || !current || item.doneAt || item.remindedAt) return;
    const now = ctx.now();
    if (now < item.remindAt) return;
    const message = actionItemDueMessage(ctx.words, { item, case: current, today: localDate(ctx.words.timeZone, now) });
    await hooks.afterCheck?.();
    let owed = true;
    const sent = await attemptStep(ctx, db, current, { kind: 'action_item', actionItemId: item.id }, async () => {
      // Done may have been clicked meanwhile: a person's click never waits for the job lock.
      owed = await actionItemAwaitsReminder(db, item.id, ctx.now());
      if (!owed) return;
      const outcome = await sendDirectMessage(ctx.slack, item.ownerId, { ...message, unfurl_links: false });
      if (!outcome.delivered) await noteUndeliveredDm(ctx, db, current, { userId: item.ownerId, slackError: outcome.error, purpose: 'action_item' });
    });
    if (sent && owed) await inCaseRowLock(db, current.id, (trx) => markActionItemReminded(trx, item.id, ctx.now()));
  });
}
