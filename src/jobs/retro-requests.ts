import type { AppContext } from '../context.js';
import { refreshHomesOfCase } from './publish-home.js';
import { everyoneAnswered, retroParticipants, summaryDueAt } from '../domain/retro.js';
import { inCaseRowLock } from '../db/case-lock.js';
import { findClosure } from '../db/closure-repository.js';
import { findRetroParties, insertRetroRequests, listRetroRequests, markClosure } from '../db/retro-repository.js';
import { retroAskMessage } from '../blocks/retro.js';
import { sendRetroDms, withRetroClosure, type RetroJobHooks } from './retro-closure.js';

/**
 * On close: asks each participant for retro notes by DM (the owner, the reporter, the
 * approvers and everyone who acted on the case, never the bot, each once). The requests
 * are rows first (asking twice adds nobody), then each DM is recorded per person, so a
 * second run DMs nobody twice; someone who answered first (`/complaint retro`) is not
 * DMed. Once everyone has theirs, `retro_asked_at` is set, and if everyone has already
 * answered the summary is asked for now. A close cancelled by reopening does nothing.
 */
export async function askForRetroNotes(ctx: AppContext, closureId: string, hooks: RetroJobHooks = {}): Promise<void> {
  await withRetroClosure(ctx, closureId, async (db, closure, current) => {
    if (closure.retroAskedAt || closure.summaryPostedAt || current.status !== 'closed') return;
    const participants = retroParticipants(await findRetroParties(db, current), ctx.botUserId);
    await inCaseRowLock(db, current.id, (trx) => insertRetroRequests(trx, closure.id, participants));
    await hooks.afterCheck?.();
    // Their Homes list the notes they now owe.
    await refreshHomesOfCase(ctx, current.id);
    const message = retroAskMessage(ctx.words, { case: current, closureId: closure.id, dueAt: closure.retroDueAt });
    const asked = await sendRetroDms(ctx, db, current, { closureId: closure.id, step: { kind: 'retro_ask', closureId: closure.id }, mark: 'asked_at', recipients: participants, message });
    if (!asked) return;
    const marked = await inCaseRowLock(db, current.id, (trx) => markClosure(trx, { closureId: closure.id, mark: 'retro_asked_at', now: ctx.now() }));
    if (!marked) return;
    const requests = await listRetroRequests(db, closure.id);
    const latest = await findClosure(db, closure.id);
    if (!latest || latest.summaryPostedAt || !everyoneAnswered(requests)) return;
    // Everyone answered before the asking was done: the summary need not wait for its due time.
    const summary = { kind: 'retro-summary', caseId: current.id, closureId: closure.id, runAtMs: summaryDueAt(latest, requests).getTime() } as const;
    await ctx.jobs.schedule([summary]).catch((error: unknown) => ctx.logger.warn({ caseNumber: current.number, err: error }, 'could not ask for the retro summary; reconciliation will'));
  });
}
