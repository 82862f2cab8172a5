import { Writable } from 'node:stream';
import { Queue, type Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { startWorker } from '../../src/jobs/worker.js';
import { REDIS_URL, startHarness, type Harness } from '../support/anthill-harness.js';

let h: Harness;
let queue: Queue;
let redis: Redis;
let worker: Worker;
const logLines: Record<string, unknown>[] = [];

beforeAll(async () => {
  // Web only: the one worker is the one this file starts, with a logger it can read.
  h = await startHarness({ role: 'web' });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
      done();
    },
  });
  const ctx = { ...h.anthill.ctx, logger: pino({ level: 'info' }, stream) };
  worker = startWorker(ctx, { connection: new Redis(REDIS_URL, { maxRetriesPerRequest: null }), queue, prefix: h.prefix });
});
afterAll(async () => {
  await worker.close();
  await queue.close();
  await redis.quit();
  await h.close();
});

describe('the job worker', () => {
  it('fails a job of a kind it does not know, loudly, instead of completing it', async () => {
    const job = await queue.add('mystery', { kind: 'mystery-job' }, { jobId: 'mystery-1', attempts: 3 });
    const final = await waitForFinalState(job.id ?? '');
    expect(final.state).toBe('failed');
    expect(final.reason).toContain('unknown job kind mystery-job');
    // Not retried: another try could never succeed.
    expect(final.attemptsMade).toBe(1);
    expect(logLines.find((line) => line.msg === 'job of an unknown kind failed; this version cannot run it')).toMatchObject({ level: 50, kind: 'mystery-job', jobId: 'mystery-1' });
  });
});

async function waitForFinalState(jobId: string): Promise<{ state: string; reason: string; attemptsMade: number }> {
  const deadline = Date.now() + 10_000;
  for (;;) {
    // The state first, then the job: read the other way round, the job could be from before it failed.
    const state = await queue.getJobState(jobId);
    const job = state === 'failed' || state === 'completed' ? await queue.getJob(jobId) : undefined;
    if (job) return { state, reason: job.failedReason ?? '', attemptsMade: job.attemptsMade };
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${state}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
