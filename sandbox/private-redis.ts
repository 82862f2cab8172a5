import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdir } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { freePort } from './free-port.js';
import { RecentLines, type PrivateServer } from './private-server.js';

/** What to do when there is no Redis to be had, in the one line the sandbox prints. */
export const REDIS_NEEDED = 'Redis is needed: install redis-server (apt install redis-server, or brew install redis) or set REDIS_URL';

const READY = /Ready to accept connections/;
/** `12345:M 03 Dec 2025 09:10:11.123 # ` in front of every line Redis logs. */
const LOG_PREFIX = /^\d+:[A-Z] .*?\d\d:\d\d:\d\d\.\d+ [*#.-] /;

/**
 * Starts `redis-server` on a free port of 127.0.0.1 with its working folder in `folder`,
 * keeping nothing on disk (`--save "" --appendonly no`): the sandbox's queue lives as
 * long as the sandbox. Resolves once Redis accepts connections.
 *
 * @example
 * const redis = await startPrivateRedis('/tmp/anthill-sandbox-x/redis');
 * redis.url; // 'redis://127.0.0.1:40211'
 */
export async function startPrivateRedis(folder: string, program = 'redis-server'): Promise<PrivateServer> {
  await mkdir(folder, { recursive: true });
  const port = await freePort();
  const child = spawn(
    program,
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', folder, '--daemonize', 'no'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  await untilReady(child, program);
  const address = `127.0.0.1:${port}`;
  return {
    url: `redis://${address}`,
    address,
    stop: () => stopChild(child),
    signalStop: () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    },
  };
}

/** Resolves when Redis says it is ready; rejects in one line when it cannot be run or exits first. */
function untilReady(child: ChildProcess, program: string): Promise<void> {
  const recent = new RecentLines();
  const lines = createInterface({ input: child.stdout! });
  child.stderr!.on('data', (chunk: Buffer) => recent.add(chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    const onLine = (line: string): void => {
      recent.add(line.replace(LOG_PREFIX, ''));
      if (READY.test(line)) {
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (): void => {
      reject(new Error(`redis-server did not start: ${recent.telling(/fail|error|can't|cannot|denied/i, 'it exited without a word')}`));
    };
    // Redis keeps logging after it is ready; reading on keeps its pipe from filling up.
    lines.on('line', onLine);
    child.once('exit', onExit);
    child.once('error', (error: NodeJS.ErrnoException) => {
      child.off('exit', onExit);
      reject(new Error(error.code === 'ENOENT' ? REDIS_NEEDED : `${program} could not be run: ${error.message}`));
    });
  });
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  await exited;
}
