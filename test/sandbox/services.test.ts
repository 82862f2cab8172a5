import { describe, expect, it } from 'vitest';
import pg from 'pg';
import { Redis } from 'ioredis';
import { postgresAnswers, redisAnswers, startServices, withoutPassword } from '../../sandbox/services.js';
import { REDIS_URL } from '../support/anthill-harness.js';

const ADMIN_URL = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Nothing listens here (a reserved port below 1024 that no test binds). */
const NOBODY = '127.0.0.1:9';

describe('the sandbox services', () => {
  it('use DATABASE_URL and REDIS_URL when they answer, and stop nothing of theirs', async () => {
    const services = await startServices({ env: { DATABASE_URL: ADMIN_URL, REDIS_URL } });
    expect(services.databaseUrl).toBe(ADMIN_URL);
    expect(services.redisUrl).toBe(REDIS_URL);
    expect(services.notes.join('\n')).toMatch(/using DATABASE_URL[\s\S]*using REDIS_URL/);
    await services.stop();
    expect(await postgresAnswers(ADMIN_URL)).toBe(true);
    expect(await redisAnswers(REDIS_URL)).toBe(true);
  });

  it('start a private PostgreSQL and Redis when the environment names none, and remove them on stop', async () => {
    const services = await startServices({ env: {} });
    try {
      expect(services.databaseUrl).not.toBe(ADMIN_URL);
      const client = new pg.Client({ connectionString: services.databaseUrl });
      await client.connect();
      const { rows } = await client.query<{ n: number }>('select 1 + 1 as n');
      await client.end();
      expect(rows[0]?.n).toBe(2);
      const redis = new Redis(services.redisUrl);
      expect(await redis.set('sandbox-probe', '1')).toBe('OK');
      redis.disconnect();
    } finally {
      await services.stop();
    }
    expect(await postgresAnswers(services.databaseUrl)).toBe(false);
    expect(await redisAnswers(services.redisUrl)).toBe(false);
  }, 120_000);

  it('start private ones instead of a DATABASE_URL or REDIS_URL that does not answer, and say so', async () => {
    const services = await startServices({ env: { DATABASE_URL: `postgres://postgres:secret@${NOBODY}/x`, REDIS_URL: `redis://${NOBODY}` } });
    try {
      expect(services.notes.join('\n')).toMatch(/DATABASE_URL .* does not answer/);
      expect(services.notes.join('\n')).toMatch(/REDIS_URL .* does not answer/);
      expect(services.notes.join('\n')).not.toContain('secret');
      expect(await postgresAnswers(services.databaseUrl)).toBe(true);
    } finally {
      await services.stop();
    }
  }, 120_000);

  it('never print a password', () => {
    expect(withoutPassword('postgres://me:hunter2@db:5432/x')).toBe('postgres://me:***@db:5432/x');
    expect(withoutPassword('not a url')).toBe('(not a valid URL)');
  });

  it('say in one line what to install when redis-server cannot be found', async () => {
    const path = process.env.PATH;
    process.env.PATH = '/nonexistent';
    try {
      await expect(startServices({ env: { DATABASE_URL: ADMIN_URL } })).rejects.toThrow(/^Redis is needed: redis-server is not installed; install it .* or set REDIS_URL/);
    } finally {
      process.env.PATH = path;
    }
  });
});
