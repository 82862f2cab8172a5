import { sql, type Kysely } from 'kysely';

/**
 * Compensation proposals of a case, their decision and the customer's answer, and the
 * Slack messages that carry each approval request (the channel message, the approvers'
 * DMs and nudges), so a job can post them once and update them in place after a decision.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('compensations')
    .addColumn('id', 'bigserial', (c) => c.primaryKey())
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('refund', 'discount', 'voucher', 'replacement', 'free_service', 'goodwill', 'other')`),
    )
    // Minor units of the policy currency; 0 only for what costs no money (checked in domain/compensation.ts).
    .addColumn('amount_minor', 'bigint', (c) => c.notNull().check(sql`amount_minor >= 0`))
    .addColumn('note', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('customer_asked', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('proposed_by', 'text', (c) => c.notNull())
    .addColumn('proposed_at', 'timestamptz', (c) => c.notNull())
    .addColumn('state', 'text', (c) => c.notNull().defaultTo('pending').check(sql`state in ('pending', 'approved', 'rejected')`))
    // Who were asked to decide, when it was proposed (domain/authority.ts decisionRoute).
    .addColumn('approver_ids', sql`text[]`, (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('decided_at', 'timestamptz')
    .addColumn('reject_reason', 'text')
    .addColumn('customer_answer', 'text', (c) => c.check(sql`customer_answer in ('offered', 'accepted', 'declined')`))
    .addColumn('answered_by', 'text')
    .addColumn('answered_at', 'timestamptz')
    // What the customer would value instead, when they declined.
    .addColumn('customer_wants', 'text')
    // The approval request in the case channel.
    .addColumn('request_channel_id', 'text')
    .addColumn('request_ts', 'text')
    // Bumped by every change the request's messages show; `shown_version` says what they show now.
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('shown_version', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('nudge_due_at', 'timestamptz', (c) => c.notNull())
    .addColumn('nudged_at', 'timestamptz')
    .execute();
  await db.schema.createIndex('compensations_case').on('compensations').column('case_id').execute();
  // Requests whose messages are owed a post or an update: what reconciliation reads every minute.
  await sql`create index compensations_owed on compensations (id) where shown_version < version`.execute(db);
  await sql`create index compensations_nudge_owed on compensations (nudge_due_at) where state = 'pending' and nudged_at is null`.execute(db);

  await db.schema
    .createTable('compensation_dms')
    .addColumn('compensation_id', 'bigint', (c) => c.notNull().references('compensations.id'))
    // request: the approval request's copy; nudge: the reminder after a business hour.
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('request', 'nudge')`))
    .addColumn('recipient', 'text', (c) => c.notNull())
    // Null when Slack could not reach the person (noted in the timeline).
    .addColumn('channel_id', 'text')
    .addColumn('ts', 'text')
    .addColumn('sent_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('compensation_dms_pk', ['compensation_id', 'kind', 'recipient'])
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.dropTable('compensation_dms').execute();
  await db.schema.dropTable('compensations').execute();
}
