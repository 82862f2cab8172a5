import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/tables.js';

// First key of pg's two-key advisory lock: keeps Anthill's case locks apart from anyone else's.
const CASE_LOCK_NAMESPACE = 0x616e74; // "ant"
const POLL_MS = 25;

/**
 * Runs `work` while holding a PostgreSQL advisory lock on the case, on one pooled
 * connection that `work` must use. Jobs for the same case, in any worker process,
 * never run their Slack steps at the same time. The lock dies with the session, so a
 * crashed worker never leaves it held.
 */
export async function withCaseLock<T>(
  db: Kysely<Database>,
  caseId: string,
  work: (conn: Kysely<Database>) => Promise<T>,
  options: { timeoutMs?: number } = {},
): Promise<T> {
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  return db.connection().execute(async (conn) => {
    for (;;) {
      const { rows } = await sql<{ locked: boolean }>`
        select pg_try_advisory_lock(${CASE_LOCK_NAMESPACE}, hashtext(${caseId})) as locked`.execute(conn);
      if (rows[0]?.locked) break;
      if (Date.now() > deadline) throw new Error(`case ${caseId} stayed locked by another job`);
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
    }
    try {
      return await work(conn);
    } finally {
      await sql`select pg_advisory_unlock(${CASE_LOCK_NAMESPACE}, hashtext(${caseId}))`.execute(conn);
    }
  });
}
