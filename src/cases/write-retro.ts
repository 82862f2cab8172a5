import type { Kysely } from 'kysely';
import { refreshHomesJob } from './home-jobs.js';
import type { Policy } from '../config/policy.js';
import { checkCaseWorkspace } from '../domain/access.js';
import type { ActionItem } from '../domain/action-item.js';
import { businessDayStart, localDate } from '../domain/business-calendar.js';
import type { Case } from '../domain/case.js';
import type { Closure } from '../domain/closure.js';
import { checkRetroForm, everyoneAnswered, summaryDueAt, type RetroForm, type RetroNote, type RetroRefusal } from '../domain/retro.js';
import type { Database } from '../db/tables.js';
import { upsertActionItem } from '../db/action-item-repository.js';
import { inCaseLock } from '../db/case-lock.js';
import { updateCase } from '../db/case-repository.js';
import { findClosure } from '../db/closure-repository.js';
import { appendEvent } from '../db/event-repository.js';
import { answerRetroRequest, listRetroRequests, upsertRetroNote } from '../db/retro-repository.js';
import { actionItemJobs } from './action-item-jobs.js';
import type { JobRequest } from './jobs-to-run.js';

/** The part of the policy a retro needs: the calendar (the workspace's zone and business hours). */
export type RetroPolicy = Pick<Policy, 'calendar'>;

export interface WriteRetroInput {
  readonly closureId: string;
  /** The workspace the request came from: a close of another workspace is refused. */
  readonly teamId: string;
  readonly actorId: string;
  readonly now: Date;
  readonly form: RetroForm;
}

export type RetroWritten = {
  readonly ok: true;
  readonly case: Case;
  readonly closure: Closure;
  readonly note: RetroNote;
  /** The author had written notes on this close before; these replace them. */
  readonly rewritten: boolean;
  readonly actionItem?: ActionItem;
  /** When the summary had already been posted: the notes are kept, the summary is not posted again. */
  readonly summaryPostedAt: Date | null;
  /** These were the last notes the retro waited for: the summary is asked for now. */
  readonly summaryNow: boolean;
  readonly jobs: JobRequest[];
};

/**
 * Whether notes may be written on a close now: its case closed by it (not reopened since).
 *
 * @example
 * retroRefusal(closure, current) // { ok: false, code: 'retro_not_closed', caseNumber: 42, reopened: true }
 */
export function retroRefusal(closure: Closure, current: Pick<Case, 'number' | 'status'>): RetroRefusal | undefined {
  // The case was closed by this close: if it is not closed now, or the close was cancelled, it was reopened since.
  if (closure.cancelledAt || current.status !== 'closed') return { ok: false, code: 'retro_not_closed', caseNumber: current.number, reopened: true };
  return undefined;
}

/**
 * Writes a person's retro notes on a close, under the case lock: their one note per close
 * (written again, it is rewritten), their request marked answered (someone not asked is
 * added as answered), a procedure change made an action item (its owner's DM asked for at
 * the start of business hours on its due day), and the timeline events. When these were the last notes
 * the retro waited for, the summary is asked for now. Notes written after the summary are
 * kept and say so (`summaryPostedAt`); the summary is not posted again. A case that is not
 * closed, or was reopened, is refused.
 */
export async function writeRetro(db: Kysely<Database>, policy: RetroPolicy, input: WriteRetroInput): Promise<RetroWritten | RetroRefusal> {
  const first = await findClosure(db, input.closureId);
  if (!first || first.teamId !== input.teamId) return { ok: false, code: 'retro_not_found' };
  return inCaseLock(db, first.caseId, async (trx, current): Promise<RetroWritten | RetroRefusal> => {
    const closure = await findClosure(trx, input.closureId);
    if (!current || !closure || checkCaseWorkspace(current, input.teamId)) return { ok: false, code: 'retro_not_found' };
    const refused = retroRefusal(closure, current);
    if (refused) return refused;
    const checked = checkRetroForm(input.form, localDate(policy.calendar.timeZone, input.now));
    if (!checked.ok) return { ok: false, code: 'retro_invalid', errors: checked.errors };
    const { notes } = checked;

    const base = { caseId: current.id, teamId: current.teamId, actorId: input.actorId, at: input.now };
    const { note, rewritten } = await upsertRetroNote(trx, {
      closureId: closure.id,
      caseId: current.id,
      teamId: current.teamId,
      authorId: input.actorId,
      rootCause: notes.rootCause,
      rootCauseDetail: notes.rootCauseDetail,
      wentWell: notes.wentWell,
      lesson: notes.lesson,
      now: input.now,
    });
    await answerRetroRequest(trx, { closureId: closure.id, authorId: input.actorId, now: input.now });
    await appendEvent(trx, { ...base, kind: 'retro_submitted', data: { closureId: closure.id, cause: notes.rootCause, rewritten } });
    let actionItem: ActionItem | undefined;
    if (notes.change) {
      actionItem = await upsertActionItem(trx, {
        caseId: current.id,
        teamId: current.teamId,
        retroNoteId: note.id,
        description: notes.change.description,
        ownerId: notes.change.ownerId,
        dueOn: notes.change.dueOn,
        remindAt: businessDayStart(policy.calendar, notes.change.dueOn),
        createdBy: input.actorId,
        now: input.now,
      });
      await appendEvent(trx, {
        ...base,
        kind: 'action_item_added',
        data: { closureId: closure.id, actionItemId: actionItem.id, owner: actionItem.ownerId, dueOn: actionItem.dueOn, rewritten: actionItem.createdAt.getTime() !== input.now.getTime() },
      });
    }
    await updateCase(trx, current.id, { now: input.now });

    const requests = await listRetroRequests(trx, closure.id);
    const summaryNow = !closure.summaryPostedAt && closure.retroAskedAt !== null && everyoneAnswered(requests);
    const jobs: JobRequest[] = [
      ...(actionItem ? actionItemJobs(actionItem) : []),
      ...(summaryNow ? [{ kind: 'retro-summary', caseId: current.id, closureId: closure.id, runAtMs: summaryDueAt(closure, requests).getTime() } as const] : []),
      // The writer's Home drops the note they owed; the owner of a new action item's gains it.
      refreshHomesJob(current.id, input.now),
    ];
    return {
      ok: true,
      case: current,
      closure,
      note,
      rewritten,
      ...(actionItem && { actionItem }),
      summaryPostedAt: closure.summaryPostedAt,
      summaryNow,
      jobs,
    };
  });
}
