import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables.js';

// First key of pg's two-key advisory lock: keeps Anthill's job locks apart from anyone else's.
const JOB_LOCK_NAMESPACE = 0x616e74; // "ant"
const POLL_MS = 25;

/**
 * Runs `work` while holding the case's job lock, a PostgreSQL advisory lock on one pooled
 * connection that `work` must use. Jobs for the same case, in any worker process, never
 * run their Slack steps at the same time, so no two of them post the same card, channel
 * line or DM. Only jobs take it: it is held across Slack calls, and a person's change
 * must never wait on those. What a job decides from the database it marks under the case
 * lock instead (`inCaseLock`, shared with the use cases), one short step at a time. The
 * lock dies with the session, so a crashed worker never leaves it held.
 */
export async function withJobLock<T>(
  db: Kysely<Database>,
  caseId: string,
  work: (conn: Kysely<Database>) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  return db.connection().execute(async (conn) => {
    for (;;) {
      const { rows } = await sql<{ locked: boolean }>`
        select pg_try_advisory_lock(${JOB_LOCK_NAMESPACE}, hashtext(${caseId})) as locked`.execute(conn);
      if (rows[0]?.locked) break;
      if (Date.now() > deadline) throw new Error(`case ${caseId} stayed locked by another job`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    try {
      return await work(conn);
    } finally {
      await sql`select pg_advisory_unlock(${JOB_LOCK_NAMESPACE}, hashtext(${caseId}))`.execute(conn);
    }
  });
}
