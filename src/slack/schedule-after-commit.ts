import type { AppContext } from '../context.js';
import type { JobRequest } from '../cases/jobs-to-run.js';

/** Longest a person's reply waits on Redis; the jobs are owed by PostgreSQL either way. */
const SCHEDULE_WAIT_MS = 2000;

/**
 * Hands a committed change's jobs to the queue. If Redis does not take them (in time),
 * the change is still stored: reconciliation asks for the same jobs from PostgreSQL
 * within a minute, so the person gets their answer instead of an error or a wait.
 */
export async function scheduleAfterCommit(
  ctx: Pick<AppContext, 'jobs' | 'logger'>,
  jobs: readonly JobRequest[],
  caseNumber: number,
  waitMs = SCHEDULE_WAIT_MS,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<'timeout'>((resolve) => {
    timer = setTimeout(() => resolve('timeout'), waitMs);
  });
  try {
    const outcome = await Promise.race([ctx.jobs.schedule(jobs).then(() => 'queued' as const), timeout]);
    if (outcome === 'timeout') ctx.logger.warn({ caseNumber }, 'queue slow to answer; reconciliation covers the jobs');
  } catch (error) {
    ctx.logger.error({ caseNumber, err: error }, 'could not queue jobs; reconciliation will ask again');
  } finally {
    clearTimeout(timer);
  }
}
