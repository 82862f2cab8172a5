import { sql, type Kysely } from 'kysely';

/**
 * Slack steps stuck on a permanent error, one row per case and step, retried on a
 * growing schedule. Replaces `case_channels.failure`, which only provisioning had and
 * which start-up cleared (so every restart told the reporter again).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('stuck_steps')
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    // provision, card, channel_lines, invite:<user>, reminder_dm:<deadline>:<user>, breach_dm:<deadline>:<user>
    .addColumn('step', 'text', (c) => c.notNull())
    // The deadline a DM step is about, so steps of a deadline that no longer runs can be dropped.
    .addColumn('deadline_id', 'bigint', (c) => c.references('case_deadlines.id'))
    .addColumn('slack_error', 'text', (c) => c.notNull())
    // When this failure (this step with this error) first happened.
    .addColumn('first_failed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('last_tried_at', 'timestamptz', (c) => c.notNull())
    .addColumn('tries', 'integer', (c) => c.notNull().check(sql`tries > 0`))
    .addColumn('next_try_at', 'timestamptz', (c) => c.notNull())
    // When the people who hear of this failure directly were told; null while owed.
    .addColumn('reported_at', 'timestamptz')
    .addPrimaryKeyConstraint('stuck_steps_pk', ['case_id', 'step'])
    .execute();
  await db.schema.createIndex('stuck_steps_next_try').on('stuck_steps').column('next_try_at').execute();

  // Provisioning failures recorded the old way; their reporters were told already.
  await sql`
    insert into stuck_steps (case_id, team_id, step, slack_error, first_failed_at, last_tried_at, tries, next_try_at, reported_at)
    select case_id, team_id, 'provision', failure, updated_at, updated_at, 1, updated_at + interval '5 minutes', updated_at
    from case_channels where failure is not null`.execute(db);
  await db.schema.alterTable('case_channels').dropColumn('failure').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('case_channels').addColumn('failure', 'text').execute();
  await sql`
    update case_channels set failure = stuck_steps.slack_error
    from stuck_steps where stuck_steps.case_id = case_channels.case_id and stuck_steps.step = 'provision'`.execute(db);
  await db.schema.dropTable('stuck_steps').execute();
}
