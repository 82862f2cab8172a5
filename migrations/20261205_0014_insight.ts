import { sql, type Kysely } from 'kysely';

/**
 * Insight surfaces:
 * - `case_exports`: each `/complaint export`, its period and the file Slack handed out, so
 *   an upload interrupted by a crash is checked (files.info) rather than sent twice.
 * - `weekly_digests`: one row per workspace and week; the row is the claim that makes the
 *   Monday digest go out once however many workers wake for it.
 * - `home_views`: who has opened the App Home, when their view was last asked for and
 *   last published, so changes are folded into at most one publish every few seconds.
 * - `handled_events`: Events API deliveries already handled, by `event_id`, so Slack's
 *   retries (`X-Slack-Retry-Num`) are not handled twice; pruned after a day.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('case_exports')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('period_from', 'timestamptz', (c) => c.notNull())
    .addColumn('period_to', 'timestamptz', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('row_count', 'integer')
    .addColumn('file_id', 'text')
    .addColumn('posted_at', 'timestamptz')
    .addColumn('failed_at', 'timestamptz')
    .addColumn('failure', 'text')
    .execute();
  await db.schema
    .createTable('weekly_digests')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('week_start', 'timestamptz', (c) => c.notNull())
    .addColumn('claimed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('channel_id', 'text')
    .addColumn('message_ts', 'text')
    .addColumn('posted_at', 'timestamptz')
    .addPrimaryKeyConstraint('weekly_digests_pkey', ['team_id', 'week_start'])
    .execute();
  await db.schema
    .createTable('home_views')
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('opened_at', 'timestamptz', (c) => c.notNull())
    .addColumn('requested_at', 'timestamptz', (c) => c.notNull())
    .addColumn('published_at', 'timestamptz')
    .addPrimaryKeyConstraint('home_views_pkey', ['team_id', 'user_id'])
    .execute();
  await db.schema
    .createTable('handled_events')
    .addColumn('event_id', 'text', (c) => c.primaryKey())
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('received_at', 'timestamptz', (c) => c.notNull())
    .execute();
  await sql`create index handled_events_received on handled_events (received_at)`.execute(db);
  // The App Home's lists of one person: retro notes they still owe, their open action items.
  await sql`create index retro_requests_unanswered on retro_requests (recipient) where answered_at is null`.execute(db);
  await sql`create index action_items_open_by_owner on action_items (owner_id, due_on) where done_at is null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await sql`drop index action_items_open_by_owner`.execute(db);
  await sql`drop index retro_requests_unanswered`.execute(db);
  await db.schema.dropTable('handled_events').execute();
  await db.schema.dropTable('home_views').execute();
  await db.schema.dropTable('weekly_digests').execute();
  await db.schema.dropTable('case_exports').execute();
}
