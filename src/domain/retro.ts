import { isRootCause, type RootCause } from './closure.js';

/** Longest answers of the retro form; the form's inputs say the same to Slack. */
export const RETRO_LIMITS = {
  causeDetail: 500,
  wentWell: 2000,
  lesson: 2000,
  change: 1000,
} as const;

/** The procedure change a retro note may carry: what changes, who does it, by when. */
export interface ProcedureChange {
  readonly description: string;
  readonly ownerId: string;
  /** `YYYY-MM-DD`, a day in the workspace's zone. */
  readonly dueOn: string;
}

/** One person's retro notes on one close, checked. */
export interface RetroNotes {
  readonly rootCause: RootCause;
  /** The cause in the author's words; required when the cause is `other`, else may be empty. */
  readonly rootCauseDetail: string;
  readonly wentWell: string;
  readonly lesson: string;
  readonly change?: ProcedureChange;
}

/** The retro form as typed, before it is checked: every text may be empty, choices may be missing. */
export interface RetroForm {
  readonly rootCause?: string;
  readonly rootCauseDetail: string;
  readonly wentWell: string;
  readonly lesson: string;
  readonly change: string;
  readonly changeOwnerId?: string;
  readonly changeDueOn?: string;
}

export type RetroField = 'rootCause' | 'rootCauseDetail' | 'wentWell' | 'lesson' | 'change' | 'changeOwner' | 'changeDue';

/** What is wrong with one field of the retro form; the Slack layer words it. */
export type RetroProblem =
  | 'required'
  /** The cause is `other`: say it in words. */
  | 'detail_required'
  | 'too_long'
  /** One or two of what, who and by when were filled in: all three or none. */
  | 'change_incomplete'
  | 'date_invalid'
  | 'date_past';

/** Why notes cannot be written on this close. */
export type RetroRefusal =
  /** The close is gone or belongs to another workspace (an old or forged form). */
  | { readonly ok: false; readonly code: 'retro_not_found' }
  /** The case is not closed: reopened since (`reopened`), or never closed this way. */
  | { readonly ok: false; readonly code: 'retro_not_closed'; readonly caseNumber: number; readonly reopened: boolean }
  | { readonly ok: false; readonly code: 'retro_invalid'; readonly errors: Partial<Record<RetroField, RetroProblem>> };

export type RetroCheck = { readonly ok: true; readonly notes: RetroNotes } | { readonly ok: false; readonly errors: Partial<Record<RetroField, RetroProblem>> };

const DAY_TEXT = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `day` is a real calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(day: string): boolean {
  if (!DAY_TEXT.test(day)) return false;
  const parsed = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === day;
}

/**
 * Checks the retro form: a root cause from the list (with the cause in words when it is
 * `other`), what went well and the lesson; a procedure change is all of what, who and by
 * when, or none of them, and its day is not before `today` (the workspace's local date).
 * Whether its owner may use Anthill is Slack's to say: the caller asks.
 *
 * @example
 * checkRetroForm({ rootCause: 'other', rootCauseDetail: '', wentWell: 'Fast', lesson: 'Ask', change: '' }, '2026-12-03')
 * // { ok: false, errors: { rootCauseDetail: 'detail_required' } }
 */
export function checkRetroForm(form: RetroForm, today: string): RetroCheck {
  const errors: Partial<Record<RetroField, RetroProblem>> = {};
  const text = (field: RetroField, value: string, max: number, required: boolean): string => {
    const trimmed = value.trim();
    if (required && !trimmed) errors[field] = 'required';
    else if (trimmed.length > max) errors[field] = 'too_long';
    return trimmed;
  };
  const rootCause = form.rootCause;
  if (!isRootCause(rootCause)) errors.rootCause = 'required';
  const rootCauseDetail = text('rootCauseDetail', form.rootCauseDetail, RETRO_LIMITS.causeDetail, false);
  if (rootCause === 'other' && !rootCauseDetail && !errors.rootCauseDetail) errors.rootCauseDetail = 'detail_required';
  const wentWell = text('wentWell', form.wentWell, RETRO_LIMITS.wentWell, true);
  const lesson = text('lesson', form.lesson, RETRO_LIMITS.lesson, true);

  const description = text('change', form.change, RETRO_LIMITS.change, false);
  const ownerId = form.changeOwnerId?.trim() ?? '';
  const dueOn = form.changeDueOn?.trim() ?? '';
  const given = [description !== '', ownerId !== '', dueOn !== ''];
  if (given.some(Boolean) && !given.every(Boolean)) {
    if (!description) errors.change = 'change_incomplete';
    if (!ownerId) errors.changeOwner = 'change_incomplete';
    if (!dueOn) errors.changeDue = 'change_incomplete';
  }
  if (dueOn && !isCalendarDay(dueOn)) errors.changeDue = 'date_invalid';
  else if (dueOn && dueOn < today) errors.changeDue = 'date_past';

  if (Object.keys(errors).length > 0 || !isRootCause(rootCause)) return { ok: false, errors };
  const change = description ? { change: { description, ownerId, dueOn } } : {};
  return { ok: true, notes: { rootCause, rootCauseDetail, wentWell, lesson, ...change } };
}

/** The people of a case who are asked for retro notes, as the case's records name them. */
export interface RetroParties {
  readonly ownerId: string | null;
  readonly reporterId: string;
  /** The approvers each compensation request asked, and who decided each. */
  readonly approverIds: readonly string[];
  readonly deciderIds: readonly string[];
  /** Everyone who acted on the case: the distinct actors of its timeline. */
  readonly actorIds: readonly string[];
}

/**
 * Who is asked for retro notes: the owner, the reporter, the approvers (asked or
 * deciding) and everyone who acted on the case, each once, in that order, never the bot.
 *
 * @example
 * retroParticipants({ ownerId: 'U1', reporterId: 'U2', approverIds: ['U3'], deciderIds: ['U3'], actorIds: ['U2', 'UBOT'] }, 'UBOT')
 * // ['U1', 'U2', 'U3']
 */
export function retroParticipants(parties: RetroParties, botUserId: string): string[] {
  const everyone = [parties.ownerId, parties.reporterId, ...parties.approverIds, ...parties.deciderIds, ...parties.actorIds];
  return [...new Set(everyone.filter((id): id is string => typeof id === 'string' && id !== '' && id !== botUserId))];
}

/** Where the retro of a close stands: each person asked and whether they answered or cannot be reached. */
export interface RetroRequest {
  readonly recipient: string;
  readonly askedAt: Date | null;
  readonly remindedAt: Date | null;
  readonly unreachableAt: Date | null;
  readonly answeredAt: Date | null;
}

/** Whether everyone the retro waits for has answered: each person asked who Slack can reach. */
export function everyoneAnswered(requests: readonly RetroRequest[]): boolean {
  return requests.every((request) => request.answeredAt !== null || request.unreachableAt !== null);
}

/**
 * When the summary of a close's retro is due: at `retro_due`, or as soon as everyone it
 * waits for has answered once they have all been asked (the last answer, or the end of
 * asking, whichever is later). Deterministic, so the job asked for it has one id.
 *
 * @example
 * summaryDueAt({ retroDueAt: due, retroAskedAt: asked }, requests) // the last answer, when it is before due
 */
export function summaryDueAt(closure: { readonly retroDueAt: Date; readonly retroAskedAt: Date | null }, requests: readonly RetroRequest[]): Date {
  if (!closure.retroAskedAt || !everyoneAnswered(requests)) return closure.retroDueAt;
  const last = Math.max(closure.retroAskedAt.getTime(), ...requests.map((request) => request.answeredAt?.getTime() ?? 0));
  return new Date(Math.min(last, closure.retroDueAt.getTime()));
}

/** Retro notes as stored: one per author and close, rewritten in place when written again. */
export interface RetroNote {
  readonly id: string;
  readonly closureId: string;
  readonly caseId: string;
  readonly authorId: string;
  /** A code of ROOT_CAUSES (older or odd data is shown as written). */
  readonly rootCause: string;
  readonly rootCauseDetail: string;
  readonly wentWell: string;
  readonly lesson: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
