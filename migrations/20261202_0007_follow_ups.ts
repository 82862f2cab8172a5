import { sql, type Kysely } from 'kysely';

/**
 * Follow-ups after a case is resolved: one row per round (the first `follow_up_after`
 * after resolving, each Not yet asks again once more, at most three rounds), the answer
 * given, and the DMs sent for it, so the job that sends them is safe to run twice.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('follow_ups')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('round', 'integer', (c) => c.notNull().check(sql`round between 1 and 3`))
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    // Everyone asked has their DM (or Slack could not reach them, noted in the timeline).
    .addColumn('sent_at', 'timestamptz')
    .addColumn('answer', 'text', (c) => c.check(sql`answer in ('satisfied', 'not_yet')`))
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'timestamptz')
    // After the third Not yet: when the leads were told.
    .addColumn('leads_told_at', 'timestamptz')
    // Reopening the case cancels a round not answered yet.
    .addColumn('cancelled_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('follow_ups_case').on('follow_ups').column('case_id').execute();
  await sql`create index follow_ups_owed on follow_ups (due_at) where cancelled_at is null and (answer is null or (answer = 'not_yet' and round = 3 and leads_told_at is null))`.execute(db);

  await db.schema
    .createTable('follow_up_dms')
    .addColumn('follow_up_id', 'bigint', (c) => c.notNull().references('follow_ups.id'))
    // ask: the question to the owner or responders; leads: the leads told after the third Not yet.
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('ask', 'leads')`))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('follow_up_dms_pk', ['follow_up_id', 'kind', 'recipient'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('follow_up_dms').execute();
  await db.schema.dropTable('follow_ups').execute();
}
