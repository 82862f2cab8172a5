import { sql, type Kysely } from 'kysely';

/**
 * `/complaint export` reads, for every case of the period, whether its deadlines were
 * breached: every deadline of the case, superseded ones included (a met deadline replaced
 * by a reopening still counts). The only index by case (`case_deadlines_current`) holds
 * the current ones alone, so without this one each case would scan the table. And the
 * exports still owed, which reconciliation reads every minute.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index case_deadlines_case on case_deadlines (case_id)`.execute(db);
  await sql`create index case_exports_owed on case_exports (id) where posted_at is null and failed_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index case_exports_owed`.execute(db);
  await sql`drop index case_deadlines_case`.execute(db);
}
