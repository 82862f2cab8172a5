import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { proposeCompensation } from '../../src/cases/propose-compensation.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { reconcile, type ReconcileReport } from '../../src/jobs/reconcile.js';
import { REDIS_URL, startHarness, type Harness } from '../support/anthill-harness.js';
import type { FakeMessage } from '../../fake-slack/types.js';
import { intakeValues } from '../support/intake-values.js';

// The issue: requests and reminders are jobs like the card sync. PostgreSQL says what is
// owed, so a request or a nudge whose wake-up call Redis lost is asked for again by
// reconciliation, once; a permanent Slack refusal is a stuck step, shown and retried; a
// person Slack cannot reach by DM is noted and does not hold up the others. Time is the
// harness's injected clock, moved by the tests; reconciliation is run by hand.

const REPORTER = 'U0REP0001';
const AGENT = 'U0AAA0001';
const LEAD = 'U0LEAD001';
const HEAD = 'U0HEAD001';
const ELSEWHERE = 'C0ELSEWHERE';
const MINUTE = 60_000;

let clockMs = Date.now();
const advance = (ms: number): void => {
  clockMs += ms;
};
let h: Harness;
let queue: Queue;
let redis: Redis;

beforeAll(async () => {
  // Reconciliation runs only when a test runs it: the schedule's interval is longer than this file.
  h = await startHarness({ now: () => new Date(clockMs), reconcileEveryMs: 6 * 3600_000, users: [REPORTER] });
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
  queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
});
afterAll(async () => {
  await queue.close();
  await redis.quit();
  await h.close();
});

/** Listeners failing calls; removed after each test so none leaks into the next. */
const pendingFailures = new Set<() => void>();
afterEach(() => {
  for (const stop of pendingFailures) stop();
  pendingFailures.clear();
});

interface Opened {
  readonly id: string;
  readonly number: number;
  readonly channelId: string;
}

async function until<T>(read: () => Promise<T | undefined | false>, timeoutMs = 10_000): Promise<T> {
  for (const end = Date.now() + timeoutMs; Date.now() < end; await new Promise((resolve) => setTimeout(resolve, 20))) {
    const value = await read();
    if (value !== undefined && value !== false) return value;
  }
  throw new Error('until: condition not met in time');
}

/** Waits until the worker has nothing waiting or running: every effect of what the test did has happened. */
async function idle(): Promise<void> {
  await until(async () => {
    const counts = await queue.getJobCounts('active', 'wait', 'prioritized', 'paused');
    return Object.values(counts).every((n) => n === 0);
  });
}

/** Opens a case through the intake form and waits until provisioning has finished. */
async function openCase(summary: string): Promise<Opened> {
  await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary }) });
  const { id, number } = await h.database.db.selectFrom('cases').select(['id', 'number']).where('summary', '=', summary).executeTakeFirstOrThrow();
  const channelId = await until(async () => {
    const record = await h.database.db.selectFrom('case_channels').selectAll().where('case_id', '=', id).executeTakeFirst();
    return record?.reporter_told_at ? (record.channel_id ?? undefined) : undefined;
  });
  await idle();
  return { id, number, channelId };
}

async function command(text: string, channelId = ELSEWHERE): Promise<{ text: string; blocks?: unknown }> {
  const response = await h.requests.slashCommand({ userId: AGENT, channelId, text });
  const post = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
  return post.body as { text: string; blocks?: unknown };
}

const reconcileNow = (): Promise<ReconcileReport> => reconcile(h.anthill.ctx, queue, { atStartup: false });
const askedFor = (report: ReconcileReport, compensationId: string) =>
  report.requestedIds.filter((id) => id.startsWith(`approval-${compensationId}-`) || id === `nudge-${compensationId}`);
const proposalOf = async (c: Opened) => h.database.db.selectFrom('compensations').selectAll().where('case_id', '=', c.id).orderBy('id', 'desc').executeTakeFirstOrThrow();
const json = (message: FakeMessage) => JSON.stringify(message.blocks ?? []);
/** The request in the case channel: the message whose Approve button names the proposal. */
const requestsIn = (c: Opened, compensationId: string) =>
  h.slack.messages(c.channelId).filter((m) => json(m).includes(`"action_id":"${ACTION_IDS.compApprove}","text":`) && json(m).includes(`"value":"${compensationId}"`));
const requestDms = (userId: string, caseNumber: number) =>
  h.slack.dms(userId).filter((m) => m.text.includes(`case #${caseNumber}:`) && !json(m).includes('Reminder: this compensation'));
const nudgeDms = (userId: string, caseNumber: number) => h.slack.dms(userId).filter((m) => json(m).includes(`Reminder: this compensation for case #${caseNumber}`));
const stuckSteps = (c: Opened) => h.database.db.selectFrom('stuck_steps').selectAll().where('case_id', '=', c.id).orderBy('step').execute();
const problems = async (c: Opened) =>
  (await h.database.db.selectFrom('case_events').select('data').where('case_id', '=', c.id).where('kind', '=', 'slack_problem').execute()).map((e) => e.data);

/** A proposal stored as the command stores it, without its jobs: as if Redis lost them. */
async function proposeWithoutJobs(c: Opened): Promise<string> {
  const change = await proposeCompensation(h.anthill.ctx.db, h.anthill.ctx.policy, {
    caseId: c.id,
    teamId: h.slack.teamId,
    actorId: AGENT,
    now: new Date(clockMs),
    kind: 'refund',
    amountMinor: 50_000,
    note: 'damaged parcel',
    customerAsked: '',
  });
  if (!change.ok) throw new Error(`not proposed: ${change.code}`);
  return change.compensation.id;
}

function failDmsTo(userId: string, error: string): void {
  const stop = h.slack.onCall((call) => {
    if (call.method === 'chat.postMessage' && call.params.channel === userId) h.slack.failNext('chat.postMessage', { error });
  });
  pendingFailures.add(stop);
}

describe('reconciliation', () => {
  it('posts an approval request Redis lost, once, and asks each approver once', async () => {
    const c = await openCase('Request lost with Redis');
    const id = await proposeWithoutJobs(c);
    await idle();
    expect(requestsIn(c, id)).toEqual([]);

    const first = await reconcileNow();
    expect(askedFor(first, id)).toEqual([`approval-${id}-1`, `nudge-${id}`]);
    await h.slack.waitFor(() => requestsIn(c, id)[0]);
    await until(async () => (await proposalOf(c)).shown_version === 1);
    await idle();

    advance(MINUTE);
    const second = await reconcileNow();
    // The nudge is still waiting in Redis for its hour; nothing else is owed.
    expect(askedFor(second, id)).toEqual([]);
    await idle();
    expect(requestsIn(c, id)).toHaveLength(1);
    for (const approver of [LEAD, HEAD]) expect(requestDms(approver, c.number)).toHaveLength(1);
    expect(json(requestsIn(c, id)[0]!)).toContain(`"action_id":"${ACTION_IDS.compApprove}"`);
  });

  it('sends a nudge owed after the business hour whose job Redis lost, once, and not before the hour', async () => {
    const c = await openCase('Nudge lost with Redis');
    const id = await proposeWithoutJobs(c);
    await reconcileNow();
    await h.slack.waitFor(() => requestsIn(c, id)[0]);
    await idle();

    // Redis loses the delayed nudge; half an hour later reconciliation asks for it again and
    // it is woken early: before its hour it sends nothing.
    await queue.remove(`nudge-${id}`);
    advance(30 * MINUTE);
    expect(askedFor(await reconcileNow(), id)).toEqual([`nudge-${id}`]);
    await (await queue.getJob(`nudge-${id}`))?.promote();
    await idle();
    expect(nudgeDms(LEAD, c.number)).toEqual([]);
    expect((await proposalOf(c)).nudged_at).toBeNull();
    await queue.remove(`nudge-${id}`);

    // Past the business hour (the test policy is 24/7): the next reconciliation sends it.
    advance(31 * MINUTE);
    expect(askedFor(await reconcileNow(), id)).toEqual([`nudge-${id}`]);
    // Its wake-up call counts real time, which the test does not wait for.
    await (await queue.getJob(`nudge-${id}`))?.promote();
    await h.slack.waitFor(() => nudgeDms(HEAD, c.number)[0]);
    await until(async () => (await proposalOf(c)).nudged_at !== null);
    await idle();
    advance(MINUTE);
    expect(askedFor(await reconcileNow(), id)).toEqual([]);
    await idle();
    for (const approver of [LEAD, HEAD]) expect(nudgeDms(approver, c.number)).toHaveLength(1);
    const nudged = await h.database.db.selectFrom('case_events').select('id').where('case_id', '=', c.id).where('kind', '=', 'compensation_nudged').execute();
    expect(nudged).toHaveLength(1);
  });
});

describe('when Slack refuses the approval request', () => {
  it('a case channel archived makes it a stuck step, shown in /complaint show, and /complaint retry posts it once fixed', async () => {
    const c = await openCase('Request into an archived channel');
    const channel = h.slack.channel(c.channelId);
    if (!channel) throw new Error('no case channel');
    channel.is_archived = true;

    expect((await command(`compensate #${c.number} 500 refund damaged parcel`)).text).toContain('Proposed');
    const { id } = await proposalOf(c);
    const step = await until(async () => (await stuckSteps(c)).find((row) => row.step === `approval:${id}`));
    await idle();
    expect(step).toMatchObject({ slack_error: 'is_archived', tries: 1 });
    expect(requestsIn(c, id)).toEqual([]);
    // The approvers are still asked by DM: the channel's refusal does not hold up their copies.
    for (const approver of [LEAD, HEAD]) expect(requestDms(approver, c.number)).toHaveLength(1);
    expect(await problems(c)).toContainEqual({ step: `approval:${id}`, error: 'is_archived' });

    const shown = JSON.stringify((await command(`show #${c.number}`)).blocks);
    expect(shown).toContain('Stuck in Slack');
    expect(shown).toContain('*Posting or updating a compensation approval request*');
    expect(shown).toContain('is_archived');

    // Held by the stuck step: reconciliation does not ask for it every minute.
    advance(MINUTE);
    expect(askedFor(await reconcileNow(), id)).toEqual([]);

    channel.is_archived = false;
    const retried = await command(`retry #${c.number}`);
    expect(retried.text).toContain('• Posting or updating a compensation approval request');
    await h.slack.waitFor(() => requestsIn(c, id)[0]);
    await until(async () => ((await stuckSteps(c)).length === 0 ? true : undefined));
    await idle();
    expect(requestsIn(c, id)).toHaveLength(1);
    expect((await proposalOf(c)).shown_version).toBe(1);
    for (const approver of [LEAD, HEAD]) expect(requestDms(approver, c.number)).toHaveLength(1);
    advance(MINUTE);
    expect(askedFor(await reconcileNow(), id)).toEqual([]);
  });

  it('an approver Slack cannot DM is noted in the timeline, the others get theirs, and nothing is stuck or retried', async () => {
    const c = await openCase('Approver left the company');
    failDmsTo(LEAD, 'user_not_found');
    expect((await command(`compensate #${c.number} 500 refund damaged parcel`)).text).toContain('Proposed');
    const { id } = await proposalOf(c);
    await h.slack.waitFor(() => requestsIn(c, id)[0]);
    await h.slack.waitFor(() => requestDms(HEAD, c.number)[0]);
    await until(async () => (await problems(c)).some((data) => (data as { purpose?: string }).purpose === 'approval'));
    await until(async () => (await proposalOf(c)).shown_version === 1);
    await idle();
    expect(await problems(c)).toContainEqual({ error: 'user_not_found', step: 'dm', purpose: 'approval', user: LEAD });
    expect(await stuckSteps(c)).toEqual([]);
    expect(requestDms(LEAD, c.number)).toEqual([]);
    const dms = await h.database.db.selectFrom('compensation_dms').select(['recipient', 'ts']).where('compensation_id', '=', id).orderBy('recipient').execute();
    expect(dms).toEqual([
      { recipient: HEAD, ts: expect.any(String) },
      { recipient: LEAD, ts: null },
    ]);

    const shown = JSON.stringify((await command(`show #${c.number}`)).blocks);
    expect(shown).toContain(`Slack could not deliver a direct message to <@${LEAD}> (user_not_found)`);
    for (const stop of pendingFailures) stop();
    advance(MINUTE);
    expect(askedFor(await reconcileNow(), id)).toEqual([]);
    await idle();
    expect(requestDms(LEAD, c.number)).toEqual([]);
    expect(requestDms(HEAD, c.number)).toHaveLength(1);
  });
});
