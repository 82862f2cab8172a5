import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { sendFollowUp } from '../../src/jobs/follow-up.js';
import { reconcile } from '../../src/jobs/reconcile.js';
import type { FakeMessage } from '../../fake-slack/types.js';
import { REDIS_URL, startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import { poll, submitComplaint, type OpenedCase } from '../support/case-flow.js';

// Follow-ups one second apart on the fixture's 24/7 calendar; reconciliation runs only when a test runs it.
const REPORTER = 'U0REP0001';
const OWNER = 'U0OWNER01';
const RESPONDERS = ['U0AAA0001', 'U0GRP0001', 'U0GRP0002'];
const LEAD = 'U0LEAD001';
let h: Harness;
let redis: Redis;
let queue: Queue;

beforeAll(async () => {
  const policy = await testPolicy((yaml) => yaml.replace('follow_up_after: 2d', 'follow_up_after: 1s'));
  expect(policy.followUpAfter.milliseconds).toBe(1000);
  h = await startHarness({ policy, reconcileEveryMs: 6 * 3600_000, users: [REPORTER, OWNER] });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001', 'U0GRP0002']);
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
});
afterAll(async () => {
  await queue?.close();
  await redis?.quit();
  await h?.close();
});


type Opened = OpenedCase;

function openCase(summary: string): Promise<Opened> {
  return submitComplaint(h, REPORTER, { summary, severity: 'normal' });
}

async function command(c: Opened, text: string, userId = 'U0AAA0001') {
  const response = await h.requests.slashCommand({ userId, channelId: c.channelId, text });
  return (await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0])).body as { text: string };
}

/** The follow-up DMs a person got about a case, oldest first. */
const followUps = (c: Opened, to: string): FakeMessage[] =>
  h.slack.dms(to).filter((m) => m.text.includes('satisfied') && m.text.includes(`complaint #${c.number} `));
const leadDms = (c: Opened) => h.slack.dms(LEAD).filter((m) => m.text.includes(`still not satisfied with complaint #${c.number} `));

/** Clicks a button of a follow-up DM; returns what replaced the DM, or the private refusal. */
async function click(to: string, dm: FakeMessage, actionId: string): Promise<{ text: string; replace_original?: boolean }> {
  const response = await h.requests.blockAction({ userId: to, channelId: dm.channel, actionId, message: dm });
  return (await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl ?? '')[0])).body as { text: string; replace_original?: boolean };
}

const rounds = (c: Opened) =>
  h.database.db.selectFrom('follow_ups').selectAll().where('case_id', '=', c.id).orderBy('id').execute();
const answeredEvents = (c: Opened) =>
  h.database.db.selectFrom('case_events').select('data').where('case_id', '=', c.id).where('kind', '=', 'follow_up_answered').orderBy('id').execute();

describe('follow-up after resolving', () => {
  it('asks the responders (groups expanded) while nobody owns the case, with a link to the channel and both buttons', async () => {
    const c = await openCase('Follow-up without an owner');
    await command(c, 'resolve Sent a new parcel');
    for (const person of RESPONDERS) await h.slack.waitFor(() => followUps(c, person).length === 1);
    const dm = followUps(c, 'U0AAA0001')[0];
    expect(dm?.text).toContain('Check that the customer is satisfied');
    expect(dm?.text).toContain(`<#${c.channelId}>`);
    const blocks = JSON.stringify(dm?.blocks);
    expect(blocks).toContain(ACTION_IDS.followUpSatisfied);
    expect(blocks).toContain(ACTION_IDS.followUpNotYet);
    expect(blocks).toContain('Customer satisfied');
    expect(blocks).toContain('Not yet');
    expect(followUps(c, LEAD)).toHaveLength(0);
  });

  it('Not yet asks the owner again after the same interval, three times in all, then tells the leads', async () => {
    const c = await openCase('Follow-up three times');
    await command(c, 'take', OWNER);
    await command(c, 'resolve Refunded the delivery fee', OWNER);
    for (let round = 1; round <= 3; round++) {
      await h.slack.waitFor(() => followUps(c, OWNER).length === round);
      const dm = followUps(c, OWNER)[round - 1];
      if (!dm) throw new Error('no follow-up DM');
      if (round > 1) expect(dm.text).toContain(`follow-up ${round} of 3`);
      const answer = await click(OWNER, dm, ACTION_IDS.followUpNotYet);
      expect(answer.replace_original).toBe(true);
      expect(answer.text).toContain(round < 3 ? 'I will ask you again on' : 'That was the last follow-up');
    }
    await h.slack.waitFor(() => leadDms(c).length === 1);
    expect(leadDms(c)[0]?.text).toContain(`<@${OWNER}>`);
    expect(RESPONDERS.flatMap((person) => followUps(c, person))).toHaveLength(0);

    const stored = await rounds(c);
    expect(stored.map((r) => [r.round, r.answer])).toEqual([
      [1, 'not_yet'],
      [2, 'not_yet'],
      [3, 'not_yet'],
    ]);
    // Each round is due one interval after the answer before it.
    for (const [previous, next] of [[0, 1], [1, 2]] as const) {
      expect(stored[next]!.due_at.getTime()).toBe(stored[previous]!.answered_at!.getTime() + 1000);
    }
    await h.slack.waitFor(() => h.slack.messages(c.channelId).some((m) => m.text.includes(`<@${LEAD}>`) && m.text.includes('still not satisfied')));
    const escalated = await h.database.db.selectFrom('case_events').select('data').where('case_id', '=', c.id).where('kind', '=', 'follow_up_escalated').execute();
    expect(escalated).toHaveLength(1);
    expect((await answeredEvents(c)).map((e) => e.data.answer)).toEqual(['not_yet', 'not_yet', 'not_yet']);
    // No fourth round.
    expect(followUps(c, OWNER)).toHaveLength(3);
  });

  it('Customer satisfied records the answer, thanks the person and stops the follow-ups; a second click is refused', async () => {
    const c = await openCase('Follow-up satisfied');
    await command(c, 'take', OWNER);
    await command(c, 'resolve Replaced the item', OWNER);
    await h.slack.waitFor(() => followUps(c, OWNER).length === 1);
    const dm = followUps(c, OWNER)[0]!;
    const thanks = await click(OWNER, dm, ACTION_IDS.followUpSatisfied);
    expect(thanks).toMatchObject({ replace_original: true });
    expect(thanks.text).toContain('Thank you!');
    expect((await answeredEvents(c)).map((e) => e.data)).toEqual([{ round: 1, answer: 'satisfied' }]);
    expect((await rounds(c)).map((r) => [r.round, r.answer, r.answered_by])).toEqual([[1, 'satisfied', OWNER]]);
    await h.slack.waitFor(() => h.slack.messages(c.channelId).some((m) => m.text.includes('checked with the customer: they are satisfied')));

    const again = await click(OWNER, dm, ACTION_IDS.followUpNotYet);
    expect(again.text).toContain('already been answered');
    expect(await rounds(c)).toHaveLength(1);
    expect(await answeredEvents(c)).toHaveLength(1);
  });

  it('reopening cancels the pending follow-up: no DM, and its buttons are refused', async () => {
    const c = await openCase('Follow-up reopened');
    await command(c, 'take', OWNER);
    // Held back so the follow-up cannot go out before the reopening.
    await queue.pause();
    try {
      await command(c, 'resolve Promised a callback', OWNER);
      await command(c, 'reopen The customer wrote again', OWNER);
    } finally {
      await queue.resume();
    }
    const [round] = await rounds(c);
    expect(round?.cancelled_at).not.toBeNull();
    // The job still wakes up at the due time and must do nothing: run it ourselves after it is due.
    await poll(async () => (Date.now() >= round!.due_at.getTime() ? true : undefined));
    await sendFollowUp(h.anthill.ctx, round!.id);
    await h.slack.waitFor(() => h.slack.messages(c.channelId).some((m) => m.text.includes('reopened')));
    expect(followUps(c, OWNER)).toHaveLength(0);
    const response = await h.requests.blockAction({ userId: OWNER, actionId: ACTION_IDS.followUpSatisfied, value: round!.id, channelId: 'D0OWNER01' });
    const refusal = (await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl ?? '')[0])).body as { text: string };
    expect(refusal.text).toContain('the case was reopened');
    expect(await answeredEvents(c)).toHaveLength(0);
  });

  it('the follow-up job run twice at once sends each person one DM', async () => {
    const c = await openCase('Follow-up run twice');
    await command(c, 'take', OWNER);
    await command(c, 'resolve Fixed it', OWNER);
    const [round] = await rounds(c);
    await poll(async () => (Date.now() >= round!.due_at.getTime() ? true : undefined));
    await Promise.all([sendFollowUp(h.anthill.ctx, round!.id), sendFollowUp(h.anthill.ctx, round!.id), sendFollowUp(h.anthill.ctx, round!.id)]);
    expect(followUps(c, OWNER)).toHaveLength(1);
    const after = await rounds(c);
    expect(after[0]?.sent_at).not.toBeNull();
    // The queued job, when it wakes up, finds the round sent.
    await sendFollowUp(h.anthill.ctx, round!.id);
    expect(followUps(c, OWNER)).toHaveLength(1);
  });

  it('reconciliation asks again for a follow-up whose job was lost', async () => {
    const c = await openCase('Follow-up lost job');
    await command(c, 'take', OWNER);
    // Held back so the job cannot run before Redis loses it.
    await queue.pause();
    try {
      await command(c, 'resolve Apologised and refunded', OWNER);
      const [queued] = await rounds(c);
      await poll(async () => ((await queue.getJob(`follow-up-${queued!.id}`)) ? true : undefined));
      expect(await queue.remove(`follow-up-${queued!.id}`)).toBe(1);
    } finally {
      await queue.resume();
    }
    const [round] = await rounds(c);
    const jobId = `follow-up-${round!.id}`;
    expect(await queue.getJob(jobId)).toBeUndefined();

    const report = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(report.requestedIds).toContain(jobId);
    await h.slack.waitFor(() => followUps(c, OWNER).length === 1);
    const again = await reconcile(h.anthill.ctx, queue, { atStartup: false });
    expect(again.requestedIds).not.toContain(jobId);
    expect(followUps(c, OWNER)).toHaveLength(1);
  });
});
