import { sql, type Kysely } from 'kysely';

/**
 * Retro progress of a close: when everyone asked has had their DM (the ask is done), and
 * the summary's message in each of the two channels it goes to, so each is posted once.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('case_closures')
    // Every participant was DMed for notes, or noted as someone Slack cannot reach.
    .addColumn('retro_asked_at', 'timestamptz')
    // The summary's ts in the case channel ('' when that channel was archived already) and in the team channel.
    .addColumn('summary_case_ts', 'text')
    .addColumn('summary_team_ts', 'text')
    .execute();
  // Reconciliation looks for closes whose retro work is still owed.
  await sql`create index case_closures_retro_owed on case_closures (retro_due_at) where cancelled_at is null and archived_at is null`.execute(db);
  await db.schema.createIndex('retro_notes_closure').on('retro_notes').column('closure_id').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropIndex('retro_notes_closure').execute();
  await db.schema.dropIndex('case_closures_retro_owed').execute();
  await db.schema.alterTable('case_closures').dropColumn('summary_team_ts').dropColumn('summary_case_ts').dropColumn('retro_asked_at').execute();
}
