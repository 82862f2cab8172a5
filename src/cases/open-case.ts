import type { Kysely } from 'kysely';
import type { Case } from '../domain/case.js';
import { DEADLINE_KINDS } from '../domain/deadlines.js';
import type { IntakeInput } from '../domain/intake.js';
import type { Database } from '../db/tables.js';
import { findCaseByIntakeView } from '../db/case-repository.js';
import { insertOpenedCase } from '../db/insert-opened-case.js';
import type { SourceMessage } from '../domain/source-message.js';
import { deadlineJobs, planCaseDeadline, type DeadlinePolicy } from './deadline-jobs.js';
import type { JobRequest } from './jobs-to-run.js';

/**
 * Stores a new complaint with its `opened` event and both deadlines in one transaction,
 * and asks for the Slack provisioning job and the deadline wake-ups. Numbers count up per
 * workspace from 1.
 */
export async function openCase(
  db: Kysely<Database>,
  policy: DeadlinePolicy,
  input: OpenCaseInput,
): Promise<{ case: Case; jobs: JobRequest[]; alreadyOpen?: boolean }> {
  // The same form submitted twice (a retry after a slow answer) opens one case: the second
  // insert meets the form's unique index and leaves nothing behind, not even a gap in the
  // numbers, so the usual first submission costs one statement, not a look-up first.
  const earlier = async () => {
    const found = input.intakeViewId ? await findCaseByIntakeView(db, input.teamId, input.intakeViewId) : undefined;
    return found && { case: found, jobs: [{ kind: 'provision-case' as const, caseId: found.id }], alreadyOpen: true };
  };
  try {
    return await insertNewCase(db, policy, input);
  } catch (error) {
    const again = (error as { code?: string }).code === UNIQUE_VIOLATION ? await earlier() : undefined;
    if (again) return again;
    throw error;
  }
}

const UNIQUE_VIOLATION = '23505';

export interface OpenCaseInput {
  readonly teamId: string;
  readonly reporterId: string;
  readonly intake: IntakeInput;
  readonly intakeViewId?: string;
  /** The Slack message the complaint was opened from (the message shortcut), checked by the caller. */
  readonly sourceMessage?: SourceMessage;
  readonly now: Date;
}

async function insertNewCase(
  db: Kysely<Database>,
  policy: DeadlinePolicy,
  input: OpenCaseInput,
): Promise<{ case: Case; jobs: JobRequest[] }> {
  const deadlines = DEADLINE_KINDS.map((kind) => ({ kind, plan: planCaseDeadline(policy, input.intake.severity, kind, input.now) }));
  // A case from a message is stored with its message in the same statement.
  const stored = await insertOpenedCase(db, { ...input, deadlines });
  return {
    case: stored.case,
    jobs: [{ kind: 'provision-case', caseId: stored.case.id }, ...stored.deadlines.flatMap(deadlineJobs)],
  };
}
