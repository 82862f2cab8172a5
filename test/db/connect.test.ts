import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, openConnections, type Db } from '../../src/db/connect.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';

describe('the database pool', () => {
  let database: TestDatabase;
  let db: Db;
  beforeAll(async () => {
    database = await createTestDatabase({ migrate: false });
    db = connectDatabase(database.url, { maxConnections: 3, keptConnections: 3 });
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('outlives idle connections the server ends, and opens new ones', async () => {
    await openConnections(db, 3);
    const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db);
    const pid = rows[0]?.pid;
    // From outside the pool, as an administrator or a restart would: every idle connection of ours goes.
    const admin = new pg.Client({ connectionString: database.url });
    await admin.connect();
    const ended = await admin.query<{ n: number }>(
      `select count(*)::int as n from (select pg_terminate_backend(pid) from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()) t`,
    );
    await admin.end();
    expect(ended.rows[0]?.n).toBeGreaterThanOrEqual(1);
    // Had the pool's 'error' gone unheard, this process would have ended before this line.
    await expect.poll(async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]?.pid).not.toBe(pid);
  });
});
