import { spawn, type ChildProcess } from 'node:child_process';
import { Writable } from 'node:stream';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { evictionPolicy, evictionWarning } from '../src/redis-eviction.js';
import { startHarness, type Harness } from './support/anthill-harness.js';
import { freePort } from './support/free-port.js';

describe('evictionWarning', () => {
  it('is silent for noeviction and for a Redis that does not say', () => {
    expect(evictionWarning('noeviction')).toBeUndefined();
    expect(evictionWarning(undefined)).toBeUndefined();
  });
  it('names a policy that can drop jobs', () => {
    expect(evictionWarning('allkeys-lru')).toMatch(/maxmemory-policy is allkeys-lru; set it to noeviction/);
  });
});

describe('evictionPolicy', () => {
  it('gives up on a Redis that never answers, so start-up goes on without it', async () => {
    const unreachable = new Redis('redis://127.0.0.1:1', { maxRetriesPerRequest: null });
    unreachable.on('error', () => undefined);
    try {
      expect(await evictionPolicy(unreachable, 100)).toBeUndefined();
    } finally {
      unreachable.disconnect();
    }
  });
});

describe('start-up against a Redis that evicts keys', () => {
  // A Redis of this test's own, so changing its policy touches nobody else's.
  let server: ChildProcess;
  let url: string;
  let harness: Harness;
  const lines: string[] = [];

  beforeAll(async () => {
    const port = await freePort();
    server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--maxmemory-policy', 'allkeys-lru'], { stdio: 'ignore' });
    url = `redis://127.0.0.1:${port}`;
    // Refused connections are retried until the server listens.
    const probe = new Redis(url, { retryStrategy: () => 50 });
    probe.on('error', () => undefined);
    await new Promise((resolve) => probe.once('ready', resolve));
    expect(await evictionPolicy(probe)).toBe('allkeys-lru');
    probe.disconnect();
    const logger = pino({ level: 'warn' }, new Writable({ write: (chunk: Buffer, _enc, done) => (lines.push(chunk.toString()), done()) }));
    harness = await startHarness({ redisUrl: url, logger });
  });
  afterAll(async () => {
    await harness?.close();
    server?.kill();
  });

  it('warns once, naming the policy and what to set', () => {
    const warnings = lines.map((line) => JSON.parse(line) as { msg: string; maxmemoryPolicy?: string }).filter((l) => l.msg.includes('noeviction'));
    expect(warnings).toEqual([expect.objectContaining({ maxmemoryPolicy: 'allkeys-lru' })]);
  });
});
