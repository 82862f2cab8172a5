import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFirstResponse } from '../../src/cases/case-actions.js';
import { openCase } from '../../src/cases/open-case.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { queuedJobIds } from '../../src/jobs/queued-job-ids.js';
import { reconcile } from '../../src/jobs/reconcile.js';
import { REDIS_URL, startHarness, type Harness } from '../support/anthill-harness.js';
import { sampleIntake } from '../support/sample-intake.js';

let h: Harness;
let queue: Queue;
let redis: Redis;

beforeAll(async () => {
  // Web only: no worker runs the jobs, so the queue shows exactly what was asked for.
  h = await startHarness({ role: 'web', users: ['U0REP0001'] });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
});
afterAll(async () => {
  await queue.close();
  await redis.quit();
  await h.close();
});

const deadlineJobIds = async () => [...(await queuedJobIds(queue))].filter((id) => /^(warn|breach)-/.test(id)).sort();

async function open() {
  const { ctx } = h.anthill;
  const opened = await openCase(ctx.db, ctx.policy, { teamId: 'T0TEAM001', reporterId: 'U0REP0001', intake: sampleIntake(), now: new Date() });
  await ctx.jobs.schedule(opened.jobs);
  const ids = await ctx.db.selectFrom('case_deadlines').select(['id', 'kind']).where('case_id', '=', opened.case.id).orderBy('kind').execute();
  return { case: opened.case, firstResponse: ids[0]?.id ?? '', resolution: ids[1]?.id ?? '' };
}

describe('reconcile', () => {
  it('removes the jobs of a met deadline and keeps the rest', async () => {
    const c = await open();
    const expected = [`breach-${c.firstResponse}`, `breach-${c.resolution}`, `warn-${c.firstResponse}`, `warn-${c.resolution}`].sort();
    expect((await deadlineJobIds()).filter((id) => expected.includes(id))).toEqual(expected);

    await recordFirstResponse(h.anthill.ctx.db, h.policy, { caseId: c.case.id, teamId: c.case.teamId, actorId: 'U1', note: '', now: new Date() });
    const report = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(report.removed).toBeGreaterThanOrEqual(2);
    const left = await deadlineJobIds();
    expect(left).toContain(`warn-${c.resolution}`);
    expect(left).toContain(`breach-${c.resolution}`);
    expect(left).not.toContain(`warn-${c.firstResponse}`);
    expect(left).not.toContain(`breach-${c.firstResponse}`);
  });

  it('asks again for every owed job after Redis lost them, and nothing twice', async () => {
    const c = await open();
    const keys = await redis.keys(`${h.prefix}:*`);
    if (keys.length) await redis.del(...keys);
    expect(await deadlineJobIds()).toEqual([]);

    const first = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(first.requested).toBeGreaterThanOrEqual(4);
    expect(await deadlineJobIds()).toEqual(expect.arrayContaining([`warn-${c.firstResponse}`, `breach-${c.firstResponse}`, `warn-${c.resolution}`, `breach-${c.resolution}`]));
    const delayedBefore = await redis.zcard(`${h.prefix}:${QUEUE_NAME}:delayed`);

    const second = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(second).toEqual({ requested: 0, removed: 0, requestedIds: [] });
    expect(await redis.zcard(`${h.prefix}:${QUEUE_NAME}:delayed`)).toBe(delayedBefore);
  });
});
