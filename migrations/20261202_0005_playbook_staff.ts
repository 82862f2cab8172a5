import { sql, type Kysely } from 'kysely';

/**
 * The playbook steps ticked on each case, and the staff involved in a complaint.
 *
 * A row of `playbook_steps_done` is a step ticked now; unticking removes it, and the
 * timeline keeps both events. `step_text` is the step as the policy worded it when it was
 * ticked: a playbook edited in `anthill.yml` since then does not count an old tick for a
 * different step at the same place.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('playbook_steps_done')
    .addColumn('case_id', 'uuid', (c) => c.notNull().references('cases.id'))
    .addColumn('team_id', 'text', (c) => c.notNull())
    .addColumn('step_index', 'integer', (c) => c.notNull().check(sql`step_index >= 0`))
    .addColumn('step_text', 'text', (c) => c.notNull())
    .addColumn('done_by', 'text', (c) => c.notNull())
    .addColumn('done_at', 'timestamptz', (c) => c.notNull())
    .addPrimaryKeyConstraint('playbook_steps_done_pk', ['case_id', 'step_index'])
    .execute();

  // Slack user ids of the staff personally involved: they may neither own the case nor approve its compensation.
  await db.schema
    .alterTable('cases')
    .addColumn('staff_involved', sql`text[]`, (c) => c.notNull().defaultTo(sql`'{}'::text[]`))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('staff_involved').execute();
  await db.schema.dropTable('playbook_steps_done').execute();
}
