/**
 * Restart time: how long `npm start` takes, from spawning the process to `/healthz`
 * answering 200, when the sources have not changed since the last start (the usual
 * restart: a deploy of the same build, a crash, a host reboot). The first start, which
 * may compile, is reported separately and not counted.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { FakeSlack } from '../fake-slack/index.js';
import { createTestDatabase } from '../test/support/test-database.js';
import { ms, summarize, type LatencySummary } from './stats.js';
import { freePort } from '../test/support/free-port.js';

export const RESTART_TARGET_MS = 2000;

export interface RestartOptions {
  readonly restarts: number;
}
export const DEFAULT_RESTART_OPTIONS: RestartOptions = { restarts: 5 };

export interface RestartResult {
  readonly options: RestartOptions;
  readonly firstStartMs: number;
  readonly restarts: LatencySummary;
  readonly samples: readonly number[];
  readonly targetMet: boolean;
}

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../test/fixtures/anthill.test.yml', import.meta.url));

async function healthy(port: number, child: ChildProcess): Promise<void> {
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the bot exited with ${child.exitCode} before it was healthy`);
    const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    if (response?.status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Spawns `npm start`'s own command, waits for health, stops it with SIGTERM; the spawn-to-healthy time. */
async function startOnce(env: NodeJS.ProcessEnv): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env: { ...env, PORT: String(port) }, stdio: ['ignore', 'ignore', 'inherit'] });
  try {
    await healthy(port, child);
    const elapsed = performance.now() - started;
    child.kill('SIGTERM');
    await once(child, 'exit');
    return elapsed;
  } finally {
    child.kill('SIGKILL');
  }
}

export async function benchRestart(options: RestartOptions): Promise<RestartResult> {
  const slack = await FakeSlack.start();
  const database = await createTestDatabase({ migrate: false });
  const env = {
    PATH: process.env.PATH ?? '',
    SLACK_BOT_TOKEN: slack.token,
    SLACK_SIGNING_SECRET: 'restart-bench-secret',
    SLACK_API_URL: slack.apiUrl,
    DATABASE_URL: database.url,
    REDIS_URL: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    ANTHILL_CONFIG: FIXTURE,
    LOG_LEVEL: 'warn',
  };
  try {
    const firstStartMs = await startOnce(env);
    console.log(`  first start (may compile, applies migrations): ${ms(firstStartMs)}`);
    const samples: number[] = [];
    for (let i = 0; i < options.restarts; i++) {
      samples.push(await startOnce(env));
      console.log(`  restart ${i + 1}: ${ms(samples.at(-1) ?? 0)}`);
    }
    const restarts = summarize(samples);
    return { options, firstStartMs, restarts, samples, targetMet: restarts.max <= RESTART_TARGET_MS };
  } finally {
    await database.drop();
    await slack.stop();
  }
}
