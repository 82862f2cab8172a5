/**
 * A sandbox run's own data: the fake Slack forgets everything when it stops, so the cases
 * in the database and the jobs in Redis must go with it; a later run that found them would
 * remind people about channels no Slack has.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import pg from 'pg';

/** How long a clean-up waits for a server that does not answer. */
const GIVE_UP_AFTER_MS = 2000;

/** A database of its own next to the one `url` names, e.g. `anthill_sandbox_3f9a0c1e`; the bot creates it at start. */
export function runDatabaseUrl(url: string): string {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, '')) || 'anthill_sandbox';
  target.pathname = `/${encodeURIComponent(`${name}_${randomBytes(4).toString('hex')}`)}`;
  return target.toString();
}

/** Drops the run's database (its connections closed by force, as the bot has stopped). */
export async function dropRunDatabase(url: string): Promise<void> {
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  target.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: target.toString(), connectionTimeoutMillis: GIVE_UP_AFTER_MS });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${pg.escapeIdentifier(name)} with (force)`);
  } finally {
    await admin.end();
  }
}

/** Removes the run's queue keys (`<prefix>:*`) from Redis. */
export async function removeQueueKeys(url: string, prefix: string): Promise<void> {
  // Fails at once when Redis is gone (say, a private one already stopped) instead of waiting for it.
  const redis = new Redis(url, { maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null, connectTimeout: GIVE_UP_AFTER_MS, lazyConnect: true });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}:*`, 'COUNT', 1000);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
