import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeSlack } from '../../fake-slack/index.js';
import { createTestDatabase, type TestDatabase } from '../support/test-database.js';
import { freePort } from '../support/free-port.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = fileURLToPath(new URL('../fixtures/anthill.test.yml', import.meta.url));
let slack: FakeSlack;
let database: TestDatabase;

beforeAll(async () => {
  slack = await FakeSlack.start();
  database = await createTestDatabase({ migrate: false });
});
afterAll(async () => {
  await database.drop();
  await slack.stop();
});

function startBot(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  let output = '';
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null) return child.exitCode;
  const [code] = (await once(child, 'exit')) as [number | null];
  return code;
}

async function waitForHealth(port: number, expected: number): Promise<Response> {
  for (let i = 0; i < 300; i++) {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    if (response?.status === expected) return response;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`healthz never answered ${expected}`);
}

const baseEnv = (port: number) => ({
  SLACK_BOT_TOKEN: slack.token,
  SLACK_SIGNING_SECRET: 'process-test-secret',
  SLACK_API_URL: slack.apiUrl,
  DATABASE_URL: database.url,
  REDIS_URL: 'redis://127.0.0.1:6379',
  PORT: String(port),
  ANTHILL_CONFIG: FIXTURE,
});

describe('the anthill process', () => {
  it('refuses to start with one line naming the missing setting, without echoing secrets', async () => {
    const { child, output } = startBot({ SLACK_BOT_TOKEN: 'xoxb-secret-value', ANTHILL_CONFIG: FIXTURE });
    expect(await exitOf(child)).toBe(2);
    expect(output().trim().split('\n')).toEqual([expect.stringMatching(/^anthill: SLACK_SIGNING_SECRET: required/)]);
    expect(output()).not.toContain('secret-value');
  });

  it('npm start compiles only when the sources changed since the last build', async () => {
    // A missing signing secret stops the bot right after start-up begins: enough to see whether it compiled.
    const start = () => {
      const child = spawn(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, env: { PATH: process.env.PATH ?? '', SLACK_BOT_TOKEN: 'xoxb-1', ANTHILL_CONFIG: FIXTURE }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
      return exitOf(child).then((code) => ({ code, output }));
    };
    const first = await start();
    expect(first.code).toBe(2);
    const second = await start();
    expect(second.code).toBe(2);
    expect(second.output).not.toContain('compiling');
    expect(second.output).toMatch(/^anthill: SLACK_SIGNING_SECRET: required/);
  }, 120_000);

  it('names the field of an invalid policy file', async () => {
    const { child, output } = startBot({ ...baseEnv(0), ANTHILL_CONFIG: fileURLToPath(new URL('../fixtures/does-not-exist.yml', import.meta.url)) });
    expect(await exitOf(child)).toBe(2);
    expect(output()).toMatch(/ANTHILL_CONFIG: cannot read/);
  });

  it('stops start-up when Slack cannot be reached with one line naming the failure, logs JSON only, and shows no secret', async () => {
    const closedPort = await freePort();
    const { child, output } = startBot({ ...baseEnv(0), SLACK_API_URL: `http://127.0.0.1:${closedPort}/api/` });
    expect(await exitOf(child)).toBe(1);
    const lines = output().trim().split('\n');
    expect(lines.filter((line) => !line.startsWith('{'))).toEqual([
      `anthill: could not start: A request error occurred: connect ECONNREFUSED 127.0.0.1:${closedPort}`,
    ]);
    // The Web API client's own warning is one of our JSON lines, not its console logger's.
    expect(lines.map((line) => (line.startsWith('{') ? (JSON.parse(line) as { msg?: string }).msg : undefined))).toContain(
      `http request failed connect ECONNREFUSED 127.0.0.1:${closedPort}`,
    );
    expect(output()).not.toContain(slack.token);
    expect(output()).not.toContain('process-test-secret');
    expect(output()).not.toMatch(/bearer|authorization/i);
  });

  it('migrates, serves /healthz, and stops cleanly on SIGTERM', async () => {
    const port = await freePort();
    const { child, output } = startBot(baseEnv(port));
    try {
      await waitForHealth(port, 200);
      const tables = await database.db.introspection.getTables();
      expect(tables.map((t) => t.name)).toContain('cases');
      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
      expect(output()).toContain('anthill stopped');
      await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('stops cleanly on a SIGTERM that comes while it is still starting', async () => {
    const port = await freePort();
    // Start-up is held at Slack's auth.test, long after the signal arrives.
    slack.setLatency(1500, 'auth.test');
    let stopListening!: () => void;
    const asked = new Promise<void>((resolve) => {
      stopListening = slack.onCall((call) => {
        if (call.method === 'auth.test') resolve();
      });
    });
    const { child, output } = startBot(baseEnv(port));
    try {
      await asked;
      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
      expect(output()).toContain('shutting down');
      expect(output()).toContain('anthill stopped');
    } finally {
      stopListening();
      slack.setLatency(0, 'auth.test');
      child.kill('SIGKILL');
    }
  });

  it('a worker-only process serves /healthz too, and nothing else', async () => {
    const port = await freePort();
    const { child } = startBot({ ...baseEnv(port), ANTHILL_ROLE: 'worker' });
    try {
      await waitForHealth(port, 200);
      expect((await fetch(`http://127.0.0.1:${port}/slack/events`, { method: 'POST', body: '{}' })).status).toBe(404);
      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
    } finally {
      child.kill('SIGKILL');
    }
  });

  it('answers 503 naming Redis when Redis does not answer', async () => {
    const port = await freePort();
    const { child } = startBot({ ...baseEnv(port), REDIS_URL: 'redis://127.0.0.1:1', ANTHILL_ROLE: 'web' });
    try {
      const response = await waitForHealth(port, 503);
      expect(await response.json()).toEqual({ status: 'unavailable', failed: ['redis'] });
    } finally {
      child.kill('SIGKILL');
      await exitOf(child);
    }
  });
});
