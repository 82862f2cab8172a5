import type { Kysely, Transaction } from 'kysely';
import type { DoneStep } from '../domain/playbook.js';
import type { Database, PlaybookStepDoneRow } from './tables.js';

function doneStepOf(row: PlaybookStepDoneRow): DoneStep {
  return { index: row.step_index, text: row.step_text, doneBy: row.done_by, doneAt: row.done_at };
}

/** The playbook steps ticked on a case, in playbook order. */
export async function listDoneSteps(db: Kysely<Database>, caseId: string): Promise<DoneStep[]> {
  const rows = await db.selectFrom('playbook_steps_done').selectAll().where('case_id', '=', caseId).orderBy('step_index').execute();
  return rows.map(doneStepOf);
}

/** Records a step as ticked by `doneBy`; a tick stored for an older wording at that place is replaced. */
export async function markStepDone(
  trx: Transaction<Database>,
  input: { caseId: string; teamId: string; index: number; text: string; doneBy: string; at: Date },
): Promise<void> {
  await trx
    .insertInto('playbook_steps_done')
    .values({
      case_id: input.caseId,
      team_id: input.teamId,
      step_index: input.index,
      step_text: input.text,
      done_by: input.doneBy,
      done_at: input.at,
    })
    .onConflict((oc) =>
      oc.columns(['case_id', 'step_index']).doUpdateSet({ step_text: input.text, done_by: input.doneBy, done_at: input.at }),
    )
    .execute();
}

/** Forgets a tick; the timeline keeps who ticked and unticked it. */
export async function unmarkStepDone(trx: Transaction<Database>, input: { caseId: string; index: number }): Promise<void> {
  await trx.deleteFrom('playbook_steps_done').where('case_id', '=', input.caseId).where('step_index', '=', input.index).execute();
}
