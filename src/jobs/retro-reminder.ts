import type { AppContext } from '../context.js';
import { inCaseRowLock } from '../db/case-lock.js';
import { appendEvent } from '../db/event-repository.js';
import { listRetroRequests, markClosure } from '../db/retro-repository.js';
import { retroReminderMessage } from '../blocks/retro.js';
import { sendRetroDms, withRetroClosure, type RetroJobHooks } from './retro-closure.js';

/**
 * At half of `retro_due`: one reminder by DM to each person asked for notes who has not
 * written them and whom Slack can reach. Each reminder is recorded per person, and the
 * close's `retro_reminded_at` (with a `retro_reminded` event naming who was reminded) is
 * set once, so the reminder goes out once however often the job runs. An early wake-up,
 * a summary already posted or a close cancelled by reopening does nothing.
 */
export async function remindAboutRetro(ctx: AppContext, closureId: string, hooks: RetroJobHooks = {}): Promise<void> {
  await withRetroClosure(ctx, closureId, async (db, closure, current) => {
    if (closure.retroRemindedAt || closure.summaryPostedAt) return;
    if (ctx.now() < closure.retroRemindAt) return;
    const owed = (await listRetroRequests(db, closure.id)).filter((r) => r.askedAt && !r.answeredAt && !r.unreachableAt && !r.remindedAt).map((r) => r.recipient);
    await hooks.afterCheck?.();
    const message = retroReminderMessage(ctx.words, { case: current, closureId: closure.id, dueAt: closure.retroDueAt });
    const sent = await sendRetroDms(ctx, db, current, { closureId: closure.id, step: { kind: 'retro_reminder', closureId: closure.id }, mark: 'reminded_at', recipients: owed, message });
    if (!sent) return;
    await inCaseRowLock(db, current.id, async (trx) => {
      if (!(await markClosure(trx, { closureId: closure.id, mark: 'retro_reminded_at', now: ctx.now() }))) return;
      const people = (await listRetroRequests(trx, closure.id)).filter((r) => r.remindedAt).map((r) => r.recipient);
      if (people.length === 0) return;
      await appendEvent(trx, { caseId: current.id, teamId: current.teamId, kind: 'retro_reminded', actorId: null, data: { closureId: closure.id, people }, at: ctx.now() });
    });
  });
}
