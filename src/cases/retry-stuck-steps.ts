import type { Kysely } from 'kysely';
import type { Case } from '../domain/case.js';
import type { StuckRecord } from '../domain/stuck-step.js';
import { userError, type Outcome } from '../domain/user-error.js';
import type { Database } from '../db/tables.js';
import { makeStuckStepsDue } from '../db/stuck-step-repository.js';
import type { JobRequest } from './jobs-to-run.js';

/**
 * `/complaint retry`: every stuck Slack step of the case is due now (an operator fixed
 * the cause), and its retry job is asked for. Nothing stuck is a user error, not a no-op.
 */
export async function askForRetry(
  db: Kysely<Database>,
  input: { case: Pick<Case, 'id' | 'number'>; now: Date },
): Promise<Outcome<{ steps: StuckRecord[]; jobs: JobRequest[] }>> {
  const steps = await makeStuckStepsDue(db, { caseId: input.case.id, now: input.now });
  if (steps.length === 0) {
    return userError('nothing_stuck', { caseNumber: input.case.number });
  }
  return { ok: true, steps, jobs: [{ kind: 'retry-stuck', caseId: input.case.id }] };
}
