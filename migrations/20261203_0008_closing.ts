import { sql, type Kysely } from 'kysely';

/**
 * The end of a case: each close (a case closed, reopened and closed again has two),
 * its case record file, the retro asked of each participant and the notes they wrote,
 * and the action items (procedure changes) those notes produced.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_closures')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('outcome', 'text', (c) => c.notNull().check(sql`outcome in ('in_favour', 'partly', 'not_upheld')`))
    // What the customer was told about the outcome.
    .addColumn('explanation', 'text', (c) => c.notNull())
    .addColumn('satisfaction', 'integer', (c) => c.notNull().check(sql`satisfaction between 1 and 5`))
    .addColumn('agreement', 'text', (c) => c.notNull())
    .addColumn('customer_thanked', 'boolean', (c) => c.notNull())
    .addColumn('closed_by', 'text', (c) => c.notNull())
    .addColumn('closed_at', 'timestamptz', (c) => c.notNull())
    // The case record uploaded into the case channel.
    .addColumn('record_file_id', 'text')
    .addColumn('record_permalink', 'text')
    .addColumn('record_posted_at', 'timestamptz')
    // Retro: reminder at half of retro_due, summary and archive when all answered or at due.
    .addColumn('retro_due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('retro_remind_at', 'timestamptz', (c) => c.notNull())
    .addColumn('retro_reminded_at', 'timestamptz')
    .addColumn('summary_posted_at', 'timestamptz')
    .addColumn('archived_at', 'timestamptz')
    // Reopening ends this close: its pending retro work stops.
    .addColumn('cancelled_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('case_closures_case').on('case_closures').column('case_id').execute();
  // At most one close of a case is current.
  await sql`create unique index case_closures_current on case_closures (case_id) where cancelled_at is null`.execute(db);

  await db.schema
    .createTable('retro_requests')
    .addColumn('closure_id', 'bigint', (c) => c.notNull().references('case_closures.id'))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('asked_at', 'timestamptz')
    .addColumn('reminded_at', 'timestamptz')
    // Slack could not reach them (left the workspace, DMs refused): not waited for.
    .addColumn('unreachable_at', 'timestamptz')
    .addColumn('answered_at', 'timestamptz')
    .addPrimaryKeyConstraint('retro_requests_pk', ['closure_id', 'recipient'])
    .execute();

  await db.schema
    .createTable('retro_notes')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('closure_id', 'bigint', (c) => c.notNull().references('case_closures.id'))
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('author_id', 'text', (c) => c.notNull())
    .addColumn('root_cause', 'text', (c) => c.notNull())
    .addColumn('root_cause_detail', 'text', (c) => c.notNull())
    .addColumn('went_well', 'text', (c) => c.notNull())
    .addColumn('lesson', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('retro_notes_one_per_author', ['closure_id', 'author_id'])
    .execute();
  await db.schema.createIndex('retro_notes_root_cause').on('retro_notes').columns(['team_id', 'root_cause']).execute();

  await db.schema
    .createTable('action_items')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('retro_note_id', 'bigint', (c) => c.notNull().references('retro_notes.id').unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    // The day it is due, in the workspace's zone; the owner hears of it that morning.
    .addColumn('due_on', 'date', (c) => c.notNull())
    .addColumn('remind_at', 'timestamptz', (c) => c.notNull())
    .addColumn('reminded_at', 'timestamptz')
    .addColumn('created_by', 'text', (c) => c.notNull())
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz')
    .addColumn('done_by', 'text')
    .execute();
  await sql`create index action_items_open on action_items (team_id, due_on) where done_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('action_items').execute();
  await db.schema.dropTable('retro_notes').execute();
  await db.schema.dropTable('retro_requests').execute();
  await db.schema.dropTable('case_closures').execute();
}
