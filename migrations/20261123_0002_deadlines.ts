import { sql, type Kysely } from 'kysely';

/** Deadlines per case and the reminders sent for them (one row per person and reminder). */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_deadlines')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('first_response','resolution')`))
    .addColumn('starts_at', 'timestamptz', (c) => c.notNull())
    .addColumn('warn_at', 'timestamptz', (c) => c.notNull())
    .addColumn('due_at', 'timestamptz', (c) => c.notNull())
    // Set when the step was done in time or late; the clock stops.
    .addColumn('met_at', 'timestamptz')
    // Set when a severity change or a reopening replaced this deadline with a new one.
    .addColumn('superseded_at', 'timestamptz')
    // Reminder handled: every DM sent (or skipped because the deadline had already passed).
    .addColumn('warned_at', 'timestamptz')
    // Breach recorded in the timeline; then leads invited and told.
    .addColumn('breached_at', 'timestamptz')
    .addColumn('breach_notified_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  // At most one current deadline of each kind per case.
  await sql`create unique index case_deadlines_current on case_deadlines (case_id, kind) where superseded_at is null`.execute(db);
  await sql`create index case_deadlines_pending on case_deadlines (due_at) where superseded_at is null and met_at is null`.execute(db);

  await db.schema
    .createTable('deadline_notices')
    .addColumn('deadline_id', 'bigint', (c) => c.notNull().references('case_deadlines.id'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('warning','breach')`))
    .addColumn('recipient', 'text', (c) => c.notNull())
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('deadline_notices_pk', ['deadline_id', 'kind', 'recipient'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('deadline_notices').execute();
  await db.schema.dropTable('case_deadlines').execute();
}
