import type { Kysely } from 'kysely';
import type { ActionItem } from '../domain/action-item.js';
import type { Case } from '../domain/case.js';
import type { Closure } from '../domain/closure.js';
import type { RetroNote, RetroRefusal } from '../domain/retro.js';
import type { UserError } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import { findCaseById } from '../db/case-repository.js';
import { findClosure, findCurrentClosure, findLatestClosure } from '../db/closure-repository.js';
import { findNoteActionItem, findRetroNote } from '../db/retro-repository.js';
import { findTargetCase } from './find-case.js';
import { retroRefusal } from './write-retro.js';

/** The close a person may write notes on now, with what they wrote before. */
export interface RetroTarget {
  readonly ok: true;
  readonly case: Case;
  readonly closure: Closure;
  readonly note?: RetroNote;
  readonly actionItem?: ActionItem;
}

/**
 * The close whose retro form a person opens: the DM button's close id, or the case named
 * by `#N` or the channel (its current close; an old DM of a case closed again opens the
 * current close too). Refused when the case is not closed, or was reopened since that
 * close; always a close of `teamId`, the request's workspace.
 */
export async function findRetroTarget(
  db: Kysely<Database>,
  input: { teamId: string; authorId: string; channelId: string; closureId?: string; caseNumber?: number },
): Promise<RetroTarget | RetroRefusal | UserError> {
  let closure: Closure | undefined;
  let current: Case | undefined;
  if (input.closureId !== undefined) {
    closure = await findClosure(db, input.closureId);
    if (!closure || closure.teamId !== input.teamId) return { ok: false, code: 'retro_not_found' };
    current = await findCaseById(db, closure.caseId);
    if (!current) return { ok: false, code: 'retro_not_found' };
    // A DM of a close that reopening ended, on a case closed again since: the current close's retro.
    if (closure.cancelledAt && current.status === 'closed') closure = (await findCurrentClosure(db, current.id)) ?? closure;
  } else {
    const found = await findTargetCase(db, { ...input, verb: 'retro' });
    if (!found.ok) return found;
    current = found.case;
    closure = (await findCurrentClosure(db, current.id)) ?? (await findLatestClosure(db, current.id));
    if (!closure) return { ok: false, code: 'retro_not_closed', caseNumber: current.number, reopened: false };
  }
  const refused = retroRefusal(closure, current);
  if (refused) return refused;
  const note = await findRetroNote(db, closure.id, input.authorId);
  const actionItem = note && (await findNoteActionItem(db, note.id));
  return { ok: true, case: current, closure, ...(note && { note }), ...(actionItem && { actionItem }) };
}
