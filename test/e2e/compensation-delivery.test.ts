import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACTION_IDS } from '../../src/blocks/action-ids.js';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { proposeCompensation } from '../../src/cases/propose-compensation.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { reconcile, type ReconcileReport } from '../../src/jobs/reconcile.js';
import { REDIS_URL, startHarness, type Harness } from '../support/anthill-harness.js';
import type { FakeMessage } from '../support/fake-slack/types.js';
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
