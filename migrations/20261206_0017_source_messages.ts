import { sql, type Kysely } from 'kysely';

/**
 * Complaints opened from a Slack message (the "Open a complaint" shortcut): the message
 * they came from (channel, ts, permalink) and the threaded reply that links the case,
 * recorded step by step like provisioning. Looked up by (team, channel, ts) to say that a
 * message already has a case; not unique, since a second complaint may be opened on purpose.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`alter table cases drop constraint cases_source_check`.execute(db);
  await sql`alter table cases add constraint cases_source_check
    check (source in ('email','phone','web_form','store','social_media','slack_message','other'))`.execute(db);
  await db.schema
    .createTable('case_source_messages')
    .addColumn('case_id', 'uuid', (c) => c.primaryKey().references('cases.id'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('channel_id', 'text', (c) => c.notNull())
    .addColumn('message_ts', 'text', (c) => c.notNull())
    // The thread the message is in, when it is a reply itself: the link goes into that thread.
    .addColumn('thread_ts', 'text')
    .addColumn('permalink', 'text')
    .addColumn('reply_ts', 'text')
    .addColumn('reply_failed_at', 'timestamptz')
    .addColumn('reply_failure', 'text')
    .addColumn('reporter_told_at', 'timestamptz')
    .addColumn('created_at', 'timestamptz', (c) => c.notNull())
    .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('case_source_messages_message_idx').on('case_source_messages').columns(['team_id', 'channel_id', 'message_ts']).execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('case_source_messages').execute();
  await sql`alter table cases drop constraint cases_source_check`.execute(db);
  await sql`alter table cases add constraint cases_source_check
    check (source in ('email','phone','web_form','store','social_media','other'))`.execute(db);
}
