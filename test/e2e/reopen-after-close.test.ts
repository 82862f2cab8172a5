import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { reconcile } from '../../src/jobs/reconcile.js';
import { restoreChannel } from '../../src/jobs/restore-channel.js';
import { startHarness, testPolicy, REDIS_URL, type Harness } from '../support/anthill-harness.js';
import { closeValues } from '../support/close-values.js';
import { poll, submitComplaint, type OpenedCase } from '../support/case-flow.js';

const REPORTER = 'U0REP0001';
const OWNER = 'U0AAA0001';
let h: Harness;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  h = await startHarness({ policy: await testPolicy(), reconcileEveryMs: 6 * 3600_000, users: [REPORTER] });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
});
afterAll(async () => {
  await queue?.close();
  await redis?.quit();
  await h?.close();
});

type Opened = OpenedCase;

const channelOf = async (c: Pick<Opened, 'id'>) =>
  (await h.database.db.selectFrom('case_channels').selectAll().where('case_id', '=', c.id).executeTakeFirstOrThrow());
const caseRow = (c: Opened) => h.database.db.selectFrom('cases').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
const closures = (c: Opened) => h.database.db.selectFrom('case_closures').selectAll().where('case_id', '=', c.id).orderBy('id').execute();
const json = (value: unknown) => JSON.stringify(value);

async function closedCase(summary: string): Promise<Opened> {
  const c = await submitComplaint(h, REPORTER, { summary, severity: 'normal' });
  const opened = await h.requests.slashCommand({ userId: OWNER, channelId: c.channelId, text: 'close' });
  const view = await h.slack.waitFor(() => h.slack.views().find((v) => v.trigger_id === opened.triggerId));
  await h.requests.viewSubmission({ userId: OWNER, view, values: closeValues() });
  await h.slack.waitFor(() => h.slack.messages(c.channelId).some((m) => m.text.includes('closed the case')));
  return c;
}

/** The channel archived, as the retro's end does: Slack's flag and the close's record. */
async function archive(c: Opened): Promise<void> {
  const channel = h.slack.channel(c.channelId);
  if (!channel) throw new Error('no channel');
  channel.is_archived = true;
  await h.database.db.updateTable('case_closures').set({ archived_at: new Date() }).where('case_id', '=', c.id).where('cancelled_at', 'is', null).execute();
}

async function reopen(c: Opened, channelId = c.channelId): Promise<string> {
  // An archived channel takes no commands; the case is named from elsewhere.
  const response = await h.requests.slashCommand({ userId: OWNER, channelId, text: `reopen #${c.number} The customer wrote again` });
  return ((await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0])).body as { text: string }).text;
}

describe('reopening a closed case', () => {
  it('ends the close, starts a new resolution deadline and tells the same channel; the card gets its buttons back', async () => {
    const c = await closedCase('Reopen a closed case');
    expect(await reopen(c)).toContain('is open again');
    expect((await caseRow(c)).status).toBe('open');
    const [closure] = await closures(c);
    expect(closure?.cancelled_at).not.toBeNull();
    await poll(async () => ((await closures(c))[0]?.channel_restored_at ? true : undefined));
    const running = await h.database.db.selectFrom('case_deadlines').select('kind').where('case_id', '=', c.id).where('met_at', 'is', null).where('superseded_at', 'is', null).execute();
    expect(running.map((d) => d.kind)).toEqual(['resolution']);
    await h.slack.waitFor(() => h.slack.messages(c.channelId).some((m) => m.text.includes('reopened the case: The customer wrote again')));
    await h.slack.waitFor(() => json(h.slack.messages(c.channelId)[0]?.blocks).includes(ACTION_IDS.resolve));
    expect(h.slack.calls('conversations.unarchive')).toHaveLength(0);
    expect((await channelOf(c)).channel_id).toBe(c.channelId);
  });

  it('after the channel was archived: Slack refuses bots an unarchive, so the case continues in a new channel linking the old one', async () => {
    const c = await closedCase('Reopen after archive');
    await archive(c);
    const announcements = h.slack.messages('C0TEAM0001').length;
    expect(await reopen(c, 'C0TEAM0001')).toContain('is open again');
    const moved = await poll(async () => {
      const record = await channelOf(c);
      return record.channel_id && record.channel_id !== c.channelId && record.card_ts && record.topic_set_at ? record : undefined;
    });
    const fresh = h.slack.channel(moved.channel_id ?? '');
    expect(fresh?.name).toBe(`${h.slack.channel(c.channelId)?.name}-2`);
    expect(fresh?.is_archived).toBe(false);
    expect([...(fresh?.members ?? [])]).toEqual(expect.arrayContaining([REPORTER, OWNER]));
    expect(h.slack.calls('conversations.unarchive').map((call) => call.params.channel)).toEqual([c.channelId]);
    const lines = () => h.slack.messages(moved.channel_id ?? '').map((m) => m.text);
    await h.slack.waitFor(() => lines().some((l) => l.includes('reopened the case: The customer wrote again')));
    await h.slack.waitFor(() => lines().some((l) => l.includes(`channel <#${c.channelId}> was archived`)));
    expect(json(h.slack.messages(moved.channel_id ?? '')[0]?.blocks)).toContain(ACTION_IDS.resolve);
    // The team is not pinged a second time; the old channel stays archived with its history.
    expect(h.slack.messages('C0TEAM0001').length).toBe(announcements);
    expect(h.slack.channel(c.channelId)?.is_archived).toBe(true);
    await poll(async () => ((await closures(c))[0]?.channel_restored_at ? true : undefined));
    // Commands in the new channel find the case.
    const shown = await h.requests.slashCommand({ userId: OWNER, channelId: moved.channel_id ?? '', text: 'show' });
    const body = (await h.catcher.waitFor(() => h.catcher.posts(shown.responseUrl)[0])).body as { text: string };
    expect(body.text).toContain(`#${c.number}`);

    // The job run again finds the new channel active: nothing more is made.
    const [closure] = await closures(c);
    await restoreChannel(h.anthill.ctx, closure!.id);
    expect(h.slack.channels().filter((ch) => ch.name.startsWith(`cmp-${c.number}-`))).toHaveLength(2);
  });

  it('unarchives the channel in place where Slack allows it', async () => {
    h.slack.setBotMayUnarchive(true);
    try {
      const c = await closedCase('Reopen and unarchive');
      await archive(c);
      await reopen(c, 'C0TEAM0001');
      await h.slack.waitFor(() => h.slack.messages(c.channelId).some((m) => m.text.includes('reopened the case')));
      expect(h.slack.channel(c.channelId)?.is_archived).toBe(false);
      expect((await channelOf(c)).channel_id).toBe(c.channelId);
    } finally {
      h.slack.setBotMayUnarchive(false);
    }
  });

  it('reconciliation asks again for a lost restore', async () => {
    const c = await closedCase('Reopen with a lost job');
    await archive(c);
    await queue.pause();
    try {
      await reopen(c, 'C0TEAM0001');
      await queue.obliterate({ force: true });
    } finally {
      await queue.resume();
    }
    const [closure] = await closures(c);
    expect(closure?.channel_restored_at).toBeNull();
    const report = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(report.requestedIds).toContain(`restore-${closure!.id}`);
    await poll(async () => ((await closures(c))[0]?.channel_restored_at ? true : undefined));
    expect((await channelOf(c)).channel_id).not.toBe(c.channelId);
  });
});
