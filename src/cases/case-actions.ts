import type { Kysely } from 'kysely';
import type { Policy } from '../config/policy.js';
import { canOwn } from '../domain/authority.js';
import { checkTransition } from '../domain/lifecycle.js';
import type { Severity } from '../domain/severity.js';
import { userError } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import { currentDeadlines, meetDeadlines, supersedeDeadline } from '../db/deadline-repository.js';
import { changeCase, type CaseChange, type ChangeRequest } from './change-case.js';
import { deadlineJobs, replanDeadline, startDeadline, type DeadlinePolicy } from './deadline-jobs.js';
import type { JobRequest } from './jobs-to-run.js';
import { followUpJobs, startFollowUp, type FollowUpPolicy } from './follow-ups.js';
import { cancelFollowUps } from '../db/follow-up-repository.js';
import { cancelClosure } from '../db/closure-repository.js';
import { recordCaseMoments } from '../db/case-times-repository.js';

/** Sets the owner: `take` when the actor is the new owner, `assign` otherwise; never someone involved in the complaint. */
export function setOwner(db: Kysely<Database>, input: ChangeRequest & { ownerId: string }): Promise<CaseChange> {
  return changeCase(db, input, async (_trx, current) => {
    const denied = checkTransition(current, input.ownerId === input.actorId ? 'take' : 'assign');
    if (denied) return denied;
    // The person a complaint is about does not handle it.
    if (!canOwn(current, input.ownerId).ok) {
      return userError('staff_cannot_own', { caseNumber: current.number, personId: input.ownerId, self: input.ownerId === input.actorId });
    }
    if (current.ownerId === input.ownerId) {
      return userError('already_owner', { caseNumber: current.number, ownerId: input.ownerId });
    }
    return { ok: true, kind: 'owner_changed', data: { from: current.ownerId, to: input.ownerId }, patch: { ownerId: input.ownerId } };
  });
}

/**
 * Records that the first response reached the customer: `open` → `responded`; its clock
 * stops, and stats keep when it happened and the business time it took on `policy.calendar`.
 */
export function recordFirstResponse(db: Kysely<Database>, policy: Pick<Policy, 'calendar'>, input: ChangeRequest & { note: string }): Promise<CaseChange> {
  return changeCase(db, input, async (trx, current) => {
    const denied = checkTransition(current, 'respond');
    if (denied) return denied;
    await meetDeadlines(trx, current.id, ['first_response'], input.now);
    await recordCaseMoments(trx, policy.calendar, current, ['first_response'], input.now);
    return { ok: true, kind: 'responded', data: input.note ? { note: input.note } : {}, patch: { status: 'responded' } };
  });
}

/** Adds a note to the timeline; allowed in every status, closed included. */
export function addNote(db: Kysely<Database>, input: ChangeRequest & { text: string }): Promise<CaseChange> {
  return changeCase(db, input, async () => {
    if (!input.text.trim()) return userError('empty_note');
    return { ok: true, kind: 'note', data: { text: input.text.trim() } };
  });
}

/** Changes the severity; running deadlines are computed again from their own start. */
export function changeSeverity(db: Kysely<Database>, policy: DeadlinePolicy, input: ChangeRequest & { severity: Severity }): Promise<CaseChange> {
  return changeCase(db, input, async (trx, current) => {
    const denied = checkTransition(current, 'severity');
    if (denied) return denied;
    if (current.severity === input.severity) return userError('same_severity', { caseNumber: current.number, severity: input.severity });
    const jobs: JobRequest[] = [];
    for (const deadline of await currentDeadlines(trx, current.id)) {
      if (deadline.metAt) continue;
      const replanned = await replanDeadline(trx, policy, { current: deadline, case: current, severity: input.severity, now: input.now });
      jobs.push(...deadlineJobs(replanned));
    }
    return {
      ok: true,
      kind: 'severity_changed',
      data: { from: current.severity, to: input.severity },
      patch: { severity: input.severity },
      jobs: () => jobs,
    };
  });
}

/** Asks for a central decision: the case is flagged and the leads are invited and pinged. */
export function escalate(db: Kysely<Database>, policy: Pick<Policy, 'leads'>, input: ChangeRequest & { reason: string }): Promise<CaseChange> {
  return changeCase(db, input, async (_trx, current) => {
    const denied = checkTransition(current, 'escalate');
    if (denied) return denied;
    return {
      ok: true,
      kind: 'escalated',
      data: { reason: input.reason.trim(), leads: [...policy.leads] },
      patch: { escalated: true },
      // Leads join the channel before the line that pings them is posted.
      jobs: (event) => [{ kind: 'invite-leads', caseId: current.id, eventId: event.id }],
      syncedByJob: true,
    };
  });
}

/**
 * Marks the case resolved; both clocks stop (resolving implies the customer heard from us,
 * so it is also the first response when none was recorded). Stats keep the first
 * resolution: resolving again after a reopening does not move it. The follow-up starts: `follow_up_after` from now the owner is asked whether the customer is satisfied.
 */
export function resolve(db: Kysely<Database>, policy: FollowUpPolicy, input: ChangeRequest & { how: string }): Promise<CaseChange> {
  return changeCase(db, input, async (trx, current) => {
    const denied = checkTransition(current, 'resolve');
    if (denied) return denied;
    if (!input.how.trim()) return userError('resolution_required');
    await meetDeadlines(trx, current.id, ['first_response', 'resolution'], input.now);
    await recordCaseMoments(trx, policy.calendar, current, ['first_response', 'resolution'], input.now);
    const followUp = await startFollowUp(trx, policy, { case: current, round: 1, now: input.now });
    return { ok: true, kind: 'resolved', data: { how: input.how.trim() }, patch: { status: 'resolved' }, jobs: () => followUpJobs(followUp) };
  });
}

/**
 * Returns a resolved or closed case to `open` with a new resolution deadline from now;
 * pending follow-ups are cancelled. Reopening a closed case also ends its close (the retro
 * reminder, summary and archive are no longer owed) and asks for its channel back: a job
 * that, under the case's job lock, finds the channel as Slack has it (archived meanwhile
 * or not), restores it and only then tells the channel.
 */
export function reopen(db: Kysely<Database>, policy: DeadlinePolicy, input: ChangeRequest & { reason: string }): Promise<CaseChange> {
  return changeCase(db, input, async (trx, current) => {
    const denied = checkTransition(current, 'reopen');
    if (denied) return denied;
    const resolution = (await currentDeadlines(trx, current.id)).find((d) => d.kind === 'resolution');
    if (resolution) await supersedeDeadline(trx, resolution.id, input.now);
    await cancelFollowUps(trx, current.id, input.now);
    const closure = current.status === 'closed' ? await cancelClosure(trx, current.id, input.now) : undefined;
    const fresh = await startDeadline(trx, policy, { case: current, severity: current.severity, kind: 'resolution', startsAt: input.now, now: input.now });
    return {
      ok: true,
      kind: 'reopened',
      data: { reason: input.reason.trim(), from: current.status, ...(closure && { closureId: closure.id }) },
      patch: { status: 'open' },
      jobs: () => [...deadlineJobs(fresh), ...(closure ? [{ kind: 'restore-channel' as const, caseId: current.id, closureId: closure.id }] : [])],
      syncedByJob: closure !== undefined,
    };
  });
}
