import { sql, type Kysely } from 'kysely';

/**
 * Stats (`/complaint stats`): when each case first heard from us and was first resolved,
 * with the business time each took from its opening, stored when it happens so SQL can take
 * percentiles; and the indexes the period aggregates read (src/db/stats-repository.ts).
 *
 * Existing cases get their moments from the timeline: the first `responded`, `resolved` or
 * `closed` event is the first response, the first `resolved` or `closed` the resolution.
 * Their business times need the policy's calendar, which a migration does not have: start-up
 * fills them (`fillBusinessTimes`), reading the small partial index made for that.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('cases')
    .addColumn('first_response_at', 'timestamptz')
    .addColumn('first_response_business_ms', 'bigint', (c) => c.check(sql`first_response_business_ms >= 0`))
    .addColumn('resolved_at', 'timestamptz')
    .addColumn('resolution_business_ms', 'bigint', (c) => c.check(sql`resolution_business_ms >= 0`))
    .execute();

  await sql`
    update cases set first_response_at = firsts.responded, resolved_at = firsts.resolved
    from (
      select case_id,
             min(created_at) filter (where kind in ('responded', 'resolved', 'closed')) as responded,
             min(created_at) filter (where kind in ('resolved', 'closed')) as resolved
      from case_events where kind in ('responded', 'resolved', 'closed') group by case_id
    ) as firsts
    where firsts.case_id = cases.id`.execute(db);

  await sql`create index cases_stats_opened on cases (team_id, created_at) include (category_id)`.execute(db);
  await sql`create index cases_stats_responded on cases (team_id, first_response_at) include (first_response_business_ms) where first_response_at is not null`.execute(db);
  await sql`create index cases_stats_resolved on cases (team_id, resolved_at) include (resolution_business_ms) where resolved_at is not null`.execute(db);
  await sql`
    create index cases_business_time_missing on cases (id)
    where (first_response_at is not null and first_response_business_ms is null) or (resolved_at is not null and resolution_business_ms is null)`.execute(db);
  await sql`create index case_closures_stats on case_closures (team_id, closed_at) include (satisfaction) where cancelled_at is null`.execute(db);
  await sql`create index compensations_stats on compensations (team_id, decided_at) include (kind, amount_minor) where state = 'approved'`.execute(db);
  await sql`create index retro_notes_stats on retro_notes (team_id, created_at) include (root_cause)`.execute(db);
  await sql`
    create index case_deadlines_stats on case_deadlines (team_id, due_at) include (kind, met_at)
    where superseded_at is null or met_at is not null`.execute(db);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const index of [
    'case_deadlines_stats',
    'retro_notes_stats',
    'compensations_stats',
    'case_closures_stats',
    'cases_business_time_missing',
    'cases_stats_resolved',
    'cases_stats_responded',
    'cases_stats_opened',
  ]) {
    await db.schema.dropIndex(index).execute();
  }
  await db.schema
    .alterTable('cases')
    .dropColumn('resolution_business_ms')
    .dropColumn('resolved_at')
    .dropColumn('first_response_business_ms')
    .dropColumn('first_response_at')
    .execute();
}
