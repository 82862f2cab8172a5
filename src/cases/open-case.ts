import type { Kysely } from 'kysely';
import type { Case } from '../domain/case.js';
import { DEADLINE_KINDS } from '../domain/deadlines.js';
import type { IntakeInput } from '../domain/intake.js';
import type { Database } from '../db/tables.js';
import { findCaseByIntakeView, insertCase, nextCaseNumber } from '../db/case-repository.js';
import { appendEvent } from '../db/event-repository.js';
import { deadlineJobs, startDeadline, type DeadlinePolicy } from './deadline-jobs.js';
import type { JobRequest } from './jobs-to-run.js';

/**
 * Stores a new complaint with its `opened` event and both deadlines in one transaction,
 * and asks for the Slack provisioning job and the deadline wake-ups. Numbers count up per
 * workspace from 1.
 */
export async function openCase(
  db: Kysely<Database>,
  policy: DeadlinePolicy,
  input: { teamId: string; reporterId: string; intake: IntakeInput; intakeViewId?: string; now: Date },
): Promise<{ case: Case; jobs: JobRequest[]; alreadyOpen?: boolean }> {
  // The same form submitted twice (a retry after a slow answer) opens one case.
  const earlier = async () => {
    const found = input.intakeViewId ? await findCaseByIntakeView(db, input.teamId, input.intakeViewId) : undefined;
    return found && { case: found, jobs: [{ kind: 'provision-case' as const, caseId: found.id }], alreadyOpen: true };
  };
  const known = await earlier();
  if (known) return known;
  try {
    return await insertNewCase(db, policy, input);
  } catch (error) {
    const again = (error as { code?: string }).code === UNIQUE_VIOLATION ? await earlier() : undefined;
    if (again) return again;
    throw error;
  }
}

const UNIQUE_VIOLATION = '23505';

async function insertNewCase(
  db: Kysely<Database>,
  policy: DeadlinePolicy,
  input: { teamId: string; reporterId: string; intake: IntakeInput; intakeViewId?: string; now: Date },
): Promise<{ case: Case; jobs: JobRequest[] }> {
  return db.transaction().execute(async (trx) => {
    const number = await nextCaseNumber(trx, input.teamId);
    const created = await insertCase(trx, { ...input, number });
    await trx
      .insertInto('case_channels')
      .values({ case_id: created.id, team_id: input.teamId, updated_at: input.now })
      .execute();
    await appendEvent(trx, {
      caseId: created.id,
      teamId: input.teamId,
      kind: 'opened',
      actorId: input.reporterId,
      data: { severity: created.severity, categoryId: created.categoryId },
      at: input.now,
    });
    const jobs: JobRequest[] = [{ kind: 'provision-case', caseId: created.id }];
    for (const kind of DEADLINE_KINDS) {
      const deadline = await startDeadline(trx, policy, { case: created, severity: created.severity, kind, startsAt: input.now, now: input.now });
      jobs.push(...deadlineJobs(deadline));
    }
    return { case: created, jobs };
  });
}
