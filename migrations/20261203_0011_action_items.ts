import { sql, type Kysely } from 'kysely';

/**
 * Action items still owed their due-date DM: reconciliation asks for every open item not
 * yet reminded, across workspaces, so it reads them by this partial index (it stays as
 * small as the items waiting for their morning).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index action_items_unreminded on action_items (remind_at) where done_at is null and reminded_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index action_items_unreminded`.execute(db);
}
