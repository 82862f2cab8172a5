import type { Kysely } from 'kysely';
import type { Policy } from '../config/policy.js';
import { checkTransition } from '../domain/lifecycle.js';
import type { Severity } from '../domain/severity.js';
import { userError } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import { updateCase } from '../db/case-repository.js';
import { currentDeadlines, meetDeadlines, supersedeDeadline } from '../db/deadline-repository.js';
import { appendEvent } from '../db/event-repository.js';
import { changeCase, type CaseChange } from './change-case.js';
import { deadlineJobs, replanDeadline, startDeadline, type DeadlinePolicy } from './deadline-jobs.js';
import type { JobRequest } from './jobs-to-run.js';

interface Actor {
  readonly caseId: string;
  readonly actorId: string;
  readonly now: Date;
}

/** Sets the owner: `take` when the actor is the new owner, `assign` otherwise. */
export function setOwner(db: Kysely<Database>, input: Actor & { ownerId: string }): Promise<CaseChange> {
  return changeCase(db, input.caseId, async (trx, current) => {
    const denied = checkTransition(current, input.ownerId === input.actorId ? 'take' : 'assign');
    if (denied) return denied;
    if (current.ownerId === input.ownerId) {
      return userError('already_owner', `<@${input.ownerId}> already owns case #${current.number}.`);
    }
    await updateCase(trx, current.id, { ownerId: input.ownerId, now: input.now });
    const event = await appendEvent(trx, {
      caseId: current.id,
      teamId: current.teamId,
      kind: 'owner_changed',
      actorId: input.actorId,
      data: { from: current.ownerId, to: input.ownerId },
      at: input.now,
    });
    return { ok: true, event };
  });
}

/** Records that the first response reached the customer: `open` → `responded`; its clock stops. */
export function recordFirstResponse(db: Kysely<Database>, input: Actor & { note: string }): Promise<CaseChange> {
  return changeCase(db, input.caseId, async (trx, current) => {
    const denied = checkTransition(current, 'respond');
    if (denied) return denied;
    await updateCase(trx, current.id, { status: 'responded', now: input.now });
    await meetDeadlines(trx, current.id, ['first_response'], input.now);
    const event = await appendEvent(trx, {
      caseId: current.id,
      teamId: current.teamId,
      kind: 'responded',
      actorId: input.actorId,
      data: input.note ? { note: input.note } : {},
      at: input.now,
    });
    return { ok: true, event };
  });
}

/** Adds a note to the timeline; allowed in every status, closed included. */
export function addNote(db: Kysely<Database>, input: Actor & { text: string }): Promise<CaseChange> {
  return changeCase(db, input.caseId, async (trx, current) => {
    if (!input.text.trim()) return userError('empty_note', 'Write the note after the command: /complaint note <text>');
    await updateCase(trx, current.id, { now: input.now });
    const event = await appendEvent(trx, {
      caseId: current.id,
      teamId: current.teamId,
      kind: 'note',
      actorId: input.actorId,
      data: { text: input.text.trim() },
      at: input.now,
    });
    return { ok: true, event };
  });
}

/** Changes the severity; running deadlines are computed again from their own start. */
export function changeSeverity(db: Kysely<Database>, policy: DeadlinePolicy, input: Actor & { severity: Severity }): Promise<CaseChange> {
  return changeCase(db, input.caseId, async (trx, current) => {
    const denied = checkTransition(current, 'severity');
    if (denied) return denied;
    if (current.severity === input.severity) return userError('same_severity', `Case #${current.number} is already ${input.severity}.`);
    await updateCase(trx, current.id, { severity: input.severity, now: input.now });
    const jobs: JobRequest[] = [];
    for (const deadline of await currentDeadlines(trx, current.id)) {
      if (deadline.metAt) continue;
      const replanned = await replanDeadline(trx, policy, { current: deadline, case: current, severity: input.severity, now: input.now });
      jobs.push(...deadlineJobs(replanned));
    }
    const event = await appendEvent(trx, {
      caseId: current.id,
      teamId: current.teamId,
      kind: 'severity_changed',
      actorId: input.actorId,
      data: { from: current.severity, to: input.severity },
      at: input.now,
    });
    return { ok: true, event, jobs };
  });
}

/** Asks for a central decision: the case is flagged and the leads are invited and pinged. */
export function escalate(db: Kysely<Database>, policy: Pick<Policy, 'leads'>, input: Actor & { reason: string }): Promise<CaseChange> {
  return changeCase(db, input.caseId, async (trx, current) => {
    const denied = checkTransition(current, 'escalate');
    if (denied) return denied;
    await updateCase(trx, current.id, { escalated: true, now: input.now });
    const event = await appendEvent(trx, {
      caseId: current.id,
      teamId: current.teamId,
      kind: 'escalated',
      actorId: input.actorId,
      data: { reason: input.reason.trim(), leads: [...policy.leads] },
      at: input.now,
    });
    // Leads join the channel before the line that pings them is posted.
    return { ok: true, event, jobs: [{ kind: 'invite-leads', caseId: current.id, eventId: event.id }], syncedByJob: true };
  });
}

/** Marks the case resolved; both clocks stop (resolving implies the customer heard from us). */
export function resolve(db: Kysely<Database>, input: Actor & { how: string }): Promise<CaseChange> {
  return changeCase(db, input.caseId, async (trx, current) => {
    const denied = checkTransition(current, 'resolve');
    if (denied) return denied;
    if (!input.how.trim()) return userError('resolution_required', 'Say how it was resolved: `/complaint resolve <how>`.');
    await updateCase(trx, current.id, { status: 'resolved', now: input.now });
    await meetDeadlines(trx, current.id, ['first_response', 'resolution'], input.now);
    const event = await appendEvent(trx, {
      caseId: current.id,
      teamId: current.teamId,
      kind: 'resolved',
      actorId: input.actorId,
      data: { how: input.how.trim() },
      at: input.now,
    });
    return { ok: true, event };
  });
}

/** Returns a resolved or closed case to `open` with a new resolution deadline from now. */
export function reopen(db: Kysely<Database>, policy: DeadlinePolicy, input: Actor & { reason: string }): Promise<CaseChange> {
  return changeCase(db, input.caseId, async (trx, current) => {
    const denied = checkTransition(current, 'reopen');
    if (denied) return denied;
    await updateCase(trx, current.id, { status: 'open', now: input.now });
    const resolution = (await currentDeadlines(trx, current.id)).find((d) => d.kind === 'resolution');
    if (resolution) await supersedeDeadline(trx, resolution.id, input.now);
    const fresh = await startDeadline(trx, policy, { case: current, severity: current.severity, kind: 'resolution', startsAt: input.now, now: input.now });
    const event = await appendEvent(trx, {
      caseId: current.id,
      teamId: current.teamId,
      kind: 'reopened',
      actorId: input.actorId,
      data: { reason: input.reason.trim(), from: current.status },
      at: input.now,
    });
    return { ok: true, event, jobs: deadlineJobs(fresh) };
  });
}
