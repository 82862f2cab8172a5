import { sql, type Kysely } from 'kysely';

/** Cases, their append-only timeline, per-workspace numbering and Slack provisioning bookkeeping. */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('workspace_counters')
    .addColumn('team_id', 'text', (c) => c.primaryKey())
    .addColumn('last_case_number', 'integer', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'uuid', (c) => c.primaryKey().defaultTo(sql`gen_random_uuid()`))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('number', 'integer', (c) => c.notNull().check(sql`number > 0`))
    .addColumn('summary', 'text', (c) => c.notNull())
    .addColumn('customer_name', 'text', (c) => c.notNull())
    .addColumn('customer_contact', 'text', (c) => c.notNull())
    .addColumn('category_id', 'text', (c) => c.notNull())
    .addColumn('severity', 'text', (c) => c.notNull().check(sql`severity in ('critical','high','normal','low')`))
    .addColumn('source', 'text', (c) =>
      c.notNull().check(sql`source in ('email','phone','web_form','store','social_media','other')`),
    )
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('claimed_loss_minor', 'bigint', (c) => c.check(sql`claimed_loss_minor >= 0`))
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('open','responded','resolved','closed')`))
    .addColumn('escalated', 'boolean', (c) => c.notNull().defaultTo(false))
    .addColumn('reporter_id', 'text', (c) => c.notNull())
    .addColumn('owner_id', 'text')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .addUniqueConstraint('cases_team_number_unique', ['team_id', 'number'])
    .execute();
  await db.schema.createIndex('cases_team_status_idx').on('cases').columns(['team_id', 'status']).execute();

  await db.schema
    .createTable('case_events')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('actor_id', 'text')
    .addColumn('data', 'jsonb', (c) => c.notNull().defaultTo(sql`'{}'::jsonb`))
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_events_case_idx').on('case_events').columns(['case_id', 'id']).execute();
  // The timeline is append-only: the database itself refuses edits and deletions.
  await sql`
    create function case_events_append_only() returns trigger language plpgsql as $$
    begin
      raise exception 'case_events is append-only';
    end $$`.execute(db);
  await sql`
    create trigger case_events_no_change before update or delete on case_events
    for each statement execute function case_events_append_only()`.execute(db);

  await db.schema
    .createTable('case_channels')
    .addColumn('case_id', 'uuid', (c) => c.primaryKey().references('cases.id'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.unique())
    .addColumn('channel_name', 'text')
    .addColumn('members_invited_at', 'timestamptz')
    .addColumn('card_ts', 'text')
    .addColumn('topic_set_at', 'timestamptz')
    .addColumn('announcement_ts', 'text')
    .addColumn('reporter_told_at', 'timestamptz')
    .addColumn('failure', 'text')
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('event_posts')
    .addColumn('event_id', 'bigint', (c) => c.primaryKey().references('case_events.id'))
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('ts', 'text', (c) => c.notNull())
    .addColumn('posted_at', 'timestamptz', (c) => c.notNull())
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('event_posts').execute();
  await db.schema.dropTable('case_channels').execute();
  await db.schema.dropTable('case_events').execute();
  await sql`drop function case_events_append_only`.execute(db);
  await db.schema.dropTable('cases').execute();
  await db.schema.dropTable('workspace_counters').execute();
}
