import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { createLogger } from '../../src/logger.js';
import { RedisSlackPacer } from '../../src/outbound/slack-pacer.js';
import { REDIS_URL, startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import { poll } from '../support/case-flow.js';
import { intakeValues } from '../support/intake-values.js';

// Critical cases: first response due 4 s after opening, the reminder at half of it.
const SECONDS_SLA = `sla:
  critical: { first_response: 4s, resolution: 8s }
  high:     { first_response: 1h, resolution: 2h }
  normal:   { first_response: 1h, resolution: 2h }
  low:      { first_response: 1h, resolution: 2h }
warn_at: 0.5`;
const REPORTER = 'U0REP0001';
const RESPONDER = 'U0AAA0001';
let h: Harness;
let pacingRedis: Redis;

beforeAll(async () => {
  const policy = await testPolicy((yaml) => yaml.replace(/sla:\n(?:\s+\w+:.*\n){4}warn_at: 0\.75/, SECONDS_SLA));
  pacingRedis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  // One channel a minute: the second complaint's provisioning has to wait for a slot.
  const prefix = `anthill-paced-${process.pid}-${Date.now()}`;
  const pacer = new RedisSlackPacer({ redis: pacingRedis, teamId: () => 'T0FAKE001', prefix, logger: createLogger('silent'), perMethod: { 'conversations.create': 1 } });
  h = await startHarness({ policy, users: [REPORTER, 'U0GRP0001'], slackHooks: { pacer } });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001']);
});
afterAll(async () => {
  await h?.close();
  await pacingRedis.quit();
});

async function submit(summary: string) {
  await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary, severity: 'critical' }) });
  return poll(() => h.database.db.selectFrom('cases').select(['id', 'number']).where('summary', '=', summary).executeTakeFirst());
}

const channelOf = async (caseId: string) =>
  (await h.database.db.selectFrom('case_channels').select('channel_id').where('case_id', '=', caseId).executeTakeFirstOrThrow()).channel_id;

describe('reminders while provisioning waits on a Slack limit', () => {
  it('go out while the next case waits for a channel slot, in the queue and not in a worker slot, no try spent', async () => {
    const first = await submit('First critical case');
    await poll(async () => (await channelOf(first.id)) ?? undefined);
    const second = await submit('Second critical case');
    // The second case's channel has no slot for about a minute; the first case's reminder and
    // breach ping go out meanwhile (the second's wait for its channel, by design).
    await h.slack.waitFor(() => h.slack.dms(RESPONDER).find((m) => m.text.startsWith(`:warning: First response for complaint #${first.number} `)));
    await h.slack.waitFor(() => h.slack.dms('U0LEAD001').find((m) => m.text.includes(`deadline for complaint #${first.number} passed`)));
    expect(await channelOf(second.id)).toBeNull();
    expect(h.slack.calls('conversations.create')).toHaveLength(1);
    const queue = new Queue(QUEUE_NAME, { connection: pacingRedis, prefix: h.prefix });
    try {
      const delayed = await queue.getJobs(['delayed']);
      const provisioning = delayed.find((job) => job.id === `provision-${second.id}`);
      expect(provisioning?.attemptsMade).toBe(0);
    } finally {
      await queue.close();
    }
  });
});
