import type { Kysely } from 'kysely';
import { checkTransition } from '../domain/lifecycle.js';
import { userError } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import { updateCase } from '../db/case-repository.js';
import { appendEvent } from '../db/event-repository.js';
import { changeCase, type CaseChange } from './change-case.js';

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

/** Records that the first response reached the customer: `open` → `responded`. */
export function recordFirstResponse(db: Kysely<Database>, input: Actor & { note: string }): Promise<CaseChange> {
  return changeCase(db, input.caseId, async (trx, current) => {
    const denied = checkTransition(current, 'respond');
    if (denied) return denied;
    await updateCase(trx, current.id, { status: 'responded', now: input.now });
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
