import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dropRunDatabase, removeQueueKeys, runDatabaseUrl } from '../../sandbox/run-data.js';
import { REDIS_URL } from '../support/anthill-harness.js';
import { ADMIN_URL } from '../support/test-database.js';

const redis = new Redis(REDIS_URL);
afterAll(() => redis.quit());

async function databaseExists(name: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [name])).rowCount === 1;
  } finally {
    await client.end();
  }
}

describe("a sandbox run's data", () => {
  it('lives in a database of its own next to the one named, dropped even while connected', async () => {
    const url = runDatabaseUrl(ADMIN_URL.replace(/\/[^/]*$/, '/anthill_sandbox'));
    const name = new URL(url).pathname.slice(1);
    expect(name).toMatch(/^anthill_sandbox_[0-9a-f]{8}$/);
    expect(runDatabaseUrl(url)).not.toBe(url);

    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const lingering = new pg.Client({ connectionString: url });
    await lingering.connect();
    lingering.on('error', () => undefined);

    await dropRunDatabase(url);
    expect(await databaseExists(name)).toBe(false);
    await lingering.end().catch(() => undefined);
  });

  it("loses its queue keys, and only its own", async () => {
    await redis.set('anthill-sandbox-run1:jobs:1', 'x');
    await redis.set('anthill-sandbox-run1:jobs:2', 'x');
    await redis.set('anthill-sandbox-run2:jobs:1', 'kept');

    await removeQueueKeys(REDIS_URL, 'anthill-sandbox-run1');

    expect(await redis.keys('anthill-sandbox-run1:*')).toEqual([]);
    expect(await redis.get('anthill-sandbox-run2:jobs:1')).toBe('kept');
    await redis.del('anthill-sandbox-run2:jobs:1');
  });
});
