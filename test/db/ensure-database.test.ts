import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { ensureDatabase } from '../../src/db/ensure-database.js';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

describe('ensureDatabase', () => {
  it('creates a missing database once, even when two processes start together', async () => {
    const name = `anthill_fresh_${randomBytes(4).toString('hex')}`;
    const url = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
    try {
      const created = await Promise.all([ensureDatabase(url), ensureDatabase(url)]);
      expect(created.filter(Boolean).length).toBeLessThanOrEqual(1);
      expect(await ensureDatabase(url)).toBe(false);
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.end();
    } finally {
      const admin = new pg.Client({ connectionString: ADMIN_URL });
      await admin.connect();
      await admin.query(`drop database if exists ${name}`);
      await admin.end();
    }
  });
});
