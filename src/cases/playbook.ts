import type { Kysely } from 'kysely';
import { categoryPlaybook, type Policy } from '../config/policy.js';
import { checkCaseWorkspace } from '../domain/access.js';
import type { Case } from '../domain/case.js';
import type { CaseEvent } from '../domain/case-event.js';
import { checklist, playbookVersion, toggledSteps, type ChecklistClick } from '../domain/playbook.js';
import { userError, type Outcome } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import { inCaseLock } from '../db/case-lock.js';
import { findCaseById, updateCase } from '../db/case-repository.js';
import { appendEvent } from '../db/event-repository.js';
import { listDoneSteps, markStepDone, unmarkStepDone } from '../db/playbook-repository.js';
import type { ChangeRequest } from './change-case.js';
import type { JobRequest } from './jobs-to-run.js';

/** Ticks and unticks that changed something, each one timeline event; none when the click changed nothing. */
export type ChecklistChange = Outcome<{ case: Case; events: CaseEvent[]; jobs: JobRequest[] }>;

/**
 * Applies a click on the card's playbook checklist: each step the person ticked or
 * unticked (against what their copy of the card showed) is stored with who and when, and
 * is a `playbook_step_ticked` / `playbook_step_unticked` event; the card and the channel
 * follow through the sync job. Under the case lock, so two people ticking two steps at
 * once both count; a step already as asked (the same click sent twice) records nothing.
 * Refused on a closed case, from another workspace, and for a card drawn from another
 * version of the playbook (`version`, see {@link playbookVersion}).
 *
 * @example
 * await setPlaybookSteps(db, policy, { caseId, teamId, actorId, now, version, first: 0, shownDone: [false, false], selected: [1] });
 */
export function setPlaybookSteps(
  db: Kysely<Database>,
  policy: Pick<Policy, 'categories'>,
  input: ChangeRequest & ChecklistClick & { version: string },
): Promise<ChecklistChange> {
  const { caseId, actorId, now } = input;
  return inCaseLock(db, caseId, async (trx, current) => {
    if (!current) return userError('case_not_found');
    const elsewhere = checkCaseWorkspace(current, input.teamId);
    if (elsewhere) return elsewhere;
    if (current.status === 'closed') return userError('case_closed', { caseNumber: current.number });
    const playbook = categoryPlaybook(policy, current.categoryId);
    const toggles = toggledSteps(input);
    const outOfDate = userError('playbook_out_of_date', { caseNumber: current.number });
    if (input.version !== playbookVersion(playbook) || input.first + input.shownDone.length > playbook.length || !toggles) return outOfDate;

    const steps = checklist(playbook, await listDoneSteps(trx, caseId));
    const events: CaseEvent[] = [];
    for (const toggle of toggles) {
      const step = steps[toggle.index];
      if (!step || (step.done !== undefined) === toggle.done) continue;
      if (toggle.done) await markStepDone(trx, { caseId, teamId: current.teamId, index: step.index, text: step.text, doneBy: actorId, at: now });
      else await unmarkStepDone(trx, { caseId, index: step.index });
      const kind = toggle.done ? 'playbook_step_ticked' : 'playbook_step_unticked';
      events.push(await appendEvent(trx, { caseId, teamId: current.teamId, kind, actorId, data: { step: step.index, text: step.text }, at: now }));
    }
    const last = events.at(-1);
    if (!last) return { ok: true as const, case: current, events, jobs: [] };
    await updateCase(trx, caseId, { now });
    const updated = await findCaseById(trx, caseId);
    if (!updated) throw new Error(`case ${caseId} vanished inside its own transaction`);
    return { ok: true as const, case: updated, events, jobs: [{ kind: 'sync-case', caseId, eventId: last.id }] };
  });
}
