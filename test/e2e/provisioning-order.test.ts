import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import type { JobRequest } from '../../src/cases/jobs-to-run.js';
import type { AppContext } from '../../src/context.js';
import { listUnfinishedProvisioning } from '../../src/db/case-channel-repository.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { provisionCase } from '../../src/jobs/provision-case.js';
import { reconcile } from '../../src/jobs/reconcile.js';
import type { SlackPacer } from '../../src/outbound/slack-client.js';
import { REDIS_URL, startHarness, type Harness } from '../support/anthill-harness.js';
import { poll } from '../support/case-flow.js';
import type { RecordedCall } from '../../fake-slack/index.js';
import { intakeValues } from '../support/intake-values.js';

// The issue: within provisioning the announcement goes first. A burst of complaints gets
// every team announcement before any case's members, card and topic, and handing the rest
// on loses nothing: the steps left are in case_channels.

const REPORTER = 'U0REP0001';
const TEAM_CHANNEL = 'C0TEAM0001';

async function startWith(options: Parameters<typeof startHarness>[0]): Promise<Harness> {
  const h = await startHarness({ users: [REPORTER], ...options });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001', 'U0GRP0002', 'U0AAA0001']);
  return h;
}

async function submit(h: Harness, summary: string): Promise<{ id: string; number: number }> {
  const response = await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary }) });
  expect(response.status).toBe(200);
  return h.database.db.selectFrom('cases').select(['id', 'number']).where('summary', '=', summary).executeTakeFirstOrThrow();
}

const isAnnouncement = (call: RecordedCall) => call.method === 'chat.postMessage' && call.params.channel === TEAM_CHANNEL;
const isLaterStep = (call: RecordedCall) =>
  call.method === 'conversations.invite' ||
  call.method === 'conversations.setTopic' ||
  (call.method === 'chat.postMessage' && typeof call.params.channel === 'string' && call.params.channel !== TEAM_CHANNEL);

async function allProvisioned(h: Harness, caseIds: readonly string[]): Promise<void> {
  await poll(async () => {
    const told = await h.database.db.selectFrom('case_channels').select('case_id').where('case_id', 'in', caseIds).where('reporter_told_at', 'is not', null).execute();
    return told.length === caseIds.length;
  });
}

describe('a burst of complaints', () => {
  let h: Harness;
  let redis: Redis;
  let queue: Queue;
  // Holds the first case's conversations.create until the other complaints are queued.
  let firstCreateHeld: () => void = () => undefined;
  const held = new Promise<void>((resolve) => {
    firstCreateHeld = resolve;
  });
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  let creates = 0;
  const barrier: SlackPacer = {
    async acquire({ method }) {
      if (method !== 'conversations.create' || creates++ > 0) return;
      firstCreateHeld();
      await gate;
    },
    async pause() {},
  };

  beforeAll(async () => {
    // One job at a time: the order of the queue is the order of the work.
    h = await startWith({ worker: { concurrency: 1 }, slackHooks: { pacer: barrier } });
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
  });
  afterAll(async () => {
    release();
    await queue?.close();
    await redis?.quit();
    await h?.close();
  });

  it('hears of every case in the team channel before any case gets its members, card or topic', async () => {
    const first = await submit(h, 'Burst complaint one');
    await held;
    const others = [await submit(h, 'Burst complaint two'), await submit(h, 'Burst complaint three'), await submit(h, 'Burst complaint four')];
    // Their provisioning is queued (after each form closed) while the first case's is held.
    await poll(async () => (await Promise.all(others.map((c) => queue.getJob(`provision-${c.id}`)))).every(Boolean));
    release();
    const cases = [first, ...others];
    await allProvisioned(h, cases.map((c) => c.id));

    const calls = h.slack.calls();
    const announcements = calls.flatMap((call, index) => (isAnnouncement(call) ? [index] : []));
    const firstLaterStep = calls.findIndex(isLaterStep);
    expect(announcements).toHaveLength(4);
    expect(firstLaterStep).toBeGreaterThan(-1);
    expect(Math.max(...announcements)).toBeLessThan(firstLaterStep);
    // Each case still has one of everything.
    expect(h.slack.calls('conversations.create')).toHaveLength(4);
    for (const c of cases) {
      const record = await h.database.db.selectFrom('case_channels').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow();
      expect(record.card_ts).not.toBeNull();
      expect(record.topic_set_at).not.toBeNull();
      const channelId = record.channel_id ?? '';
      expect(h.slack.messages(channelId).filter((m) => m.blocks !== undefined && m.user === h.slack.botUserId)).toHaveLength(1);
    }
  });
});

describe('handing the rest of the set-up on', () => {
  let h: Harness;
  let redis: Redis;
  let queue: Queue;

  beforeAll(async () => {
    // Web only: no worker runs the jobs; the test runs provisioning itself.
    h = await startWith({ role: 'web' });
    redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
    queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
  });
  afterAll(async () => {
    await queue?.close();
    await redis?.quit();
    await h?.close();
  });

  /** The bot's context with a queue that writes down what is asked of it and loses it. */
  function losingQueue(): { ctx: AppContext; asked: JobRequest[] } {
    const asked: JobRequest[] = [];
    const ctx: AppContext = { ...h.anthill.ctx, jobs: { schedule: async (requests) => void asked.push(...requests) } };
    return { ctx, asked };
  }

  it('stops after the announcement, asks for the rest, and reconciliation finishes a rest that was lost, once', async () => {
    const kase = await submit(h, 'Handed on complaint');
    const { ctx, asked } = losingQueue();

    await provisionCase(ctx, kase.id, { handOffAfterAnnouncement: true });
    expect(asked).toEqual([{ kind: 'finish-provisioning', caseId: kase.id }]);
    const record = await h.database.db.selectFrom('case_channels').selectAll().where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    expect(record.channel_id).not.toBeNull();
    expect(record.announcement_ts).not.toBeNull();
    expect(record.members_invited_at).toBeNull();
    expect(record.card_ts).toBeNull();
    expect(h.slack.calls().filter(isAnnouncement)).toHaveLength(1);
    expect(h.slack.calls().filter(isLaterStep)).toHaveLength(0);

    // The job that ran is done (so gone from the queue) and the request for the rest never
    // reached Redis: the database still owes the set-up.
    await queue.remove(`provision-${kase.id}`);
    expect(await listUnfinishedProvisioning(h.database.db)).toContain(kase.id);
    const report = await reconcile(ctx, queue, { atStartup: false });
    expect(report.requestedIds).toContain(`provision-${kase.id}`);

    // The job reconciliation asked for, run again: the announcement is done, so it finishes everything.
    asked.length = 0;
    await provisionCase(ctx, kase.id, { handOffAfterAnnouncement: true });
    expect(asked).toEqual([]);
    const finished = await h.database.db.selectFrom('case_channels').selectAll().where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    expect(finished).toMatchObject({ channel_id: record.channel_id, announcement_ts: record.announcement_ts });
    expect(finished.members_invited_at).not.toBeNull();
    expect(finished.card_ts).not.toBeNull();
    expect(finished.topic_set_at).not.toBeNull();
    expect(finished.reporter_told_at).not.toBeNull();
    expect(h.slack.calls().filter(isAnnouncement)).toHaveLength(1);
    expect(h.slack.calls('conversations.create')).toHaveLength(1);
    expect(await listUnfinishedProvisioning(h.database.db)).not.toContain(kase.id);
  });

  it('a permanent Slack error after the announcement is a stuck set-up with one announcement', async () => {
    const kase = await submit(h, 'Refused topic complaint');
    const { ctx } = losingQueue();
    await provisionCase(ctx, kase.id, { handOffAfterAnnouncement: true });
    h.slack.failNext('conversations.setTopic', { error: 'missing_scope' });

    await provisionCase(ctx, kase.id);
    const record = await h.database.db.selectFrom('case_channels').selectAll().where('case_id', '=', kase.id).executeTakeFirstOrThrow();
    expect(record.card_ts).not.toBeNull();
    expect(record.topic_set_at).toBeNull();
    const stuck = await h.database.db.selectFrom('stuck_steps').select('step').where('case_id', '=', kase.id).execute();
    expect(stuck.map((s) => s.step)).toContain('provision');
    const announcements = h.slack.calls().filter((call) => isAnnouncement(call) && String(call.params.text).includes('Refused topic complaint'));
    expect(announcements).toHaveLength(1);
  });
});
