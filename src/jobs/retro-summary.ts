import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Closure } from '../domain/closure.js';
import { everyoneAnswered, type RetroRequest } from '../domain/retro.js';
import type { Database } from '../db/tables.js';
import { inCaseRowLock } from '../db/case-lock.js';
import { appendEvent } from '../db/event-repository.js';
import { findSummaryPosts, listClosureActionItems, listRetroNotes, listRetroRequests, markClosure, recordSummaryPost } from '../db/retro-repository.js';
import { retroSummaryMessage } from '../blocks/retro.js';
import { archiveChannel } from '../outbound/archive-channel.js';
import { classifySlackError, slackErrorCode } from '../outbound/slack-errors.js';
import { attemptStep } from './stuck-steps.js';
import { findStuckStep } from '../db/stuck-step-repository.js';
import { withRetroClosure, type RetroJobHooks } from './retro-closure.js';

/**
 * When everyone asked has written their notes, or `retro_due` has passed: the summary in
 * the case channel and in the team channel, each recorded once, then `summary_posted_at`
 * (with a `retro_summary_posted` event); then the case channel is archived (one already
 * archived counts as done), `archived_at` and a `channel_archived` event. An early
 * wake-up does nothing, and so does one before the case record is posted (unless its
 * upload is stuck). A permanent Slack refusal is a stuck step (and a timeline
 * problem), retried on its schedule, never in a loop. A close cancelled by reopening does nothing.
 */
export async function postRetroSummary(ctx: AppContext, closureId: string, hooks: RetroJobHooks = {}): Promise<void> {
  await withRetroClosure(ctx, closureId, async (db, closure, current) => {
    if (closure.archivedAt) return;
    // The case record goes into the channel before it is archived; the record job asks for
    // this one again once it is posted. A record stuck on a Slack refusal does not hold the retro up.
    if (!closure.recordPostedAt && !(await findStuckStep(db, current.id, { kind: 'case_record', closureId: closure.id }))) return;
    if (!closure.summaryPostedAt) {
      const requests = await listRetroRequests(db, closure.id);
      const allIn = closure.retroAskedAt !== null && everyoneAnswered(requests);
      if (!allIn && ctx.now() < closure.retroDueAt) return;
      await hooks.afterCheck?.();
      if (!(await postSummaryRecorded(ctx, db, current, closure, requests))) return;
      const answered = (await listRetroNotes(db, closure.id)).length;
      await inCaseRowLock(db, current.id, async (trx) => {
        if (!(await markClosure(trx, { closureId: closure.id, mark: 'summary_posted_at', now: ctx.now() }))) return;
        const data = { closureId: closure.id, answered, asked: Math.max(requests.length, answered) };
        await appendEvent(trx, { caseId: current.id, teamId: current.teamId, kind: 'retro_summary_posted', actorId: null, data, at: ctx.now() });
      });
    }
    await archiveRecorded(ctx, db, current, closure);
  });
}

/**
 * Posts the summary where it is not posted yet: the case channel, then the team channel.
 * A case channel someone archived already gets none (recorded as ''); the team channel
 * still does. A permanent refusal of one channel does not keep the other from its summary.
 */
async function postSummaryRecorded(ctx: AppContext, db: Kysely<Database>, current: Case, closure: Closure, requests: readonly RetroRequest[]): Promise<boolean> {
  const notes = await listRetroNotes(db, closure.id);
  const authors = new Set(notes.map((note) => note.authorId));
  const missing = requests.filter((request) => !authors.has(request.recipient));
  const message = retroSummaryMessage(ctx.words, {
    case: current,
    notes,
    actionItems: await listClosureActionItems(db, closure.id),
    asked: requests.map((request) => request.recipient),
    missing: missing.map((request) => request.recipient),
    unreachable: missing.filter((request) => request.unreachableAt).map((request) => request.recipient),
  });
  const post = (channel: string) => ctx.slack.chat.postMessage({ channel, ...message, unfurl_links: false, unfurl_media: false });
  return attemptStep(ctx, db, current, { kind: 'retro_summary', closureId: closure.id }, async () => {
    const posted = await findSummaryPosts(db, closure.id);
    let refused: unknown;
    if (posted.caseTs === null) {
      if (!current.channelId) await recordSummaryPost(db, { closureId: closure.id, where: 'case', ts: '' });
      else {
        try {
          const sent = await post(current.channelId);
          await recordSummaryPost(db, { closureId: closure.id, where: 'case', ts: sent.ts ?? '' });
        } catch (error) {
          if (slackErrorCode(error) === 'is_archived') await recordSummaryPost(db, { closureId: closure.id, where: 'case', ts: '' });
          else if (classifySlackError(error).kind === 'permanent') refused = error;
          else throw error;
        }
      }
    }
    if (posted.teamTs === null) {
      const sent = await post(ctx.policy.teamChannel);
      await recordSummaryPost(db, { closureId: closure.id, where: 'team', ts: sent.ts ?? '' });
    }
    if (refused) throw refused;
  });
}

/** Archives the case channel once the summary is out; `already_archived` is done too. */
async function archiveRecorded(ctx: AppContext, db: Kysely<Database>, current: Case, closure: Closure): Promise<void> {
  const channelId = current.channelId;
  let already = false;
  if (channelId) {
    const archived = await attemptStep(ctx, db, current, { kind: 'channel_archive', closureId: closure.id }, async () => {
      already = (await archiveChannel(ctx.slack, channelId)) === 'already_archived';
    });
    if (!archived) return;
  }
  await inCaseRowLock(db, current.id, async (trx) => {
    if (!(await markClosure(trx, { closureId: closure.id, mark: 'archived_at', now: ctx.now() }))) return;
    if (!channelId) return;
    await appendEvent(trx, { caseId: current.id, teamId: current.teamId, kind: 'channel_archived', actorId: null, data: { closureId: closure.id, already }, at: ctx.now() });
  });
  if (already) ctx.logger.info({ caseNumber: current.number }, 'the case channel was archived already');
}
