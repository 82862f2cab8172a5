import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Database } from '../db/tables.js';
import { findCaseById } from '../db/case-repository.js';
import { findDeadline, type Deadline } from '../db/deadline-repository.js';
import { withCaseLock } from './case-lock.js';

/**
 * Runs `work` under the case lock with the deadline and its case as they are now, unless
 * the deadline no longer runs: met, replaced (severity change, reopening) or the case closed.
 */
export async function withRunningDeadline(
  ctx: AppContext,
  deadlineId: string,
  work: (db: Kysely<Database>, deadline: Deadline, current: Case) => Promise<void>,
): Promise<void> {
  const first = await findDeadline(ctx.db, deadlineId);
  if (!first) return;
  await withCaseLock(ctx.db, first.caseId, async (db) => {
    const deadline = await findDeadline(db, deadlineId);
    const current = await findCaseById(db, first.caseId);
    if (!deadline || !current || deadline.metAt || deadline.supersededAt || current.status === 'closed') return;
    await work(db, deadline, current);
  });
}
