import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { JobRequest, JobScheduler } from '../../src/cases/jobs-to-run.js';
import { scheduleAfterCommit } from '../../src/slack/schedule-after-commit.js';

const logger = pino({ level: 'silent' });
const jobs: JobRequest[] = [{ kind: 'provision-case', caseId: 'c1' }];

describe('scheduleAfterCommit', () => {
  it('hands the jobs to the queue', async () => {
    const seen: JobRequest[][] = [];
    await scheduleAfterCommit({ logger, jobs: { schedule: async (j) => void seen.push([...j]) } }, jobs, 1);
    expect(seen).toEqual([jobs]);
  });

  it('does not fail the person when the queue refuses', async () => {
    const refusing: JobScheduler = { schedule: async () => Promise.reject(new Error('Redis down')) };
    await expect(scheduleAfterCommit({ logger, jobs: refusing }, jobs, 1)).resolves.toBeUndefined();
  });

  it('does not keep the person waiting on a queue that never answers', async () => {
    const silent: JobScheduler = { schedule: () => new Promise<void>(() => undefined) };
    await expect(scheduleAfterCommit({ logger, jobs: silent }, jobs, 1, 50)).resolves.toBeUndefined();
  });
});
