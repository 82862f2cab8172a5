import type { Kysely } from 'kysely';

/** When a reopened case got its channel back (unarchived, or a new one), so a lost restore job is asked for again. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_closures').addColumn('channel_restored_at', 'timestamptz').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_closures').dropColumn('channel_restored_at').execute();
}
