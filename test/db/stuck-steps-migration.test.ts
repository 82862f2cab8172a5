import { Migrator, sql, type MigrationProvider } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrations } from '../../migrations/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

const provider: MigrationProvider = { getMigrations: async () => migrations };
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await database.drop();
});

describe('migration 0004: stuck steps', () => {
  it('moves a provisioning failure recorded the old way into stuck_steps, already reported, and back on the way down', async () => {
    const migrator = new Migrator({ db: database.db, provider });
    expect((await migrator.migrateTo('20261123_0003_intake_view')).error).toBeUndefined();
    const failedAt = new Date('2026-11-23T10:00:00Z');
    const { rows } = await sql<{ id: string }>`
      insert into cases (team_id, number, summary, customer_name, customer_contact, category_id, severity, source, description,
                         status, reporter_id, created_at, updated_at)
      values ('T1', 1, 's', 'n', 'c', 'delivery', 'high', 'email', 'd', 'open', 'U1', ${failedAt}, ${failedAt})
      returning id`.execute(database.db);
    const caseId = rows[0]?.id ?? '';
    await sql`insert into case_channels (case_id, team_id, failure, updated_at) values (${caseId}, 'T1', 'missing_scope', ${failedAt})`.execute(database.db);

    expect((await migrator.migrateTo('20261124_0004_stuck_steps')).error).toBeUndefined();
    const stuck = await database.db.selectFrom('stuck_steps').selectAll().execute();
    expect(stuck).toMatchObject([{ case_id: caseId, step: 'provision', slack_error: 'missing_scope', tries: 1, deadline_id: null }]);
    expect(stuck[0]?.first_failed_at).toEqual(failedAt);
    expect(stuck[0]?.reported_at).toEqual(failedAt);
    expect(stuck[0]?.next_try_at).toEqual(new Date('2026-11-23T10:05:00Z'));

    expect((await migrator.migrateDown()).error).toBeUndefined();
    const { rows: back } = await sql<{ failure: string | null }>`select failure from case_channels where case_id = ${caseId}`.execute(database.db);
    expect(back).toEqual([{ failure: 'missing_scope' }]);
  });
});
