import { sql, type Kysely } from 'kysely';

/** The Slack view a case was submitted from: submitting the same form twice opens one case. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').addColumn('intake_view_id', 'text').execute();
  await sql`create unique index cases_intake_view_unique on cases (team_id, intake_view_id) where intake_view_id is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index cases_intake_view_unique`.execute(db);
  await db.schema.alterTable('cases').dropColumn('intake_view_id').execute();
}
