import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { reconcile, type ReconcileReport } from '../../src/jobs/reconcile.js';
import type { StuckStepRow } from '../../src/db/tables.js';
import { REDIS_URL, startHarness, type Harness } from '../support/anthill-harness.js';
import type { RecordedCall } from '../../fake-slack/index.js';
import { intakeValues } from '../support/intake-values.js';

// The issue: a job that stops on a permanent Slack error must not be asked for again at
// every reconciliation, forever. Stuck steps are recorded, retried on a growing schedule,
// told once, shown, retried at once by /complaint retry; side effects stay independent.
// Time is the harness's injected clock, moved by the tests; reconciliation is run by hand.

const REPORTER = 'U0REP0001';
const RESPONDER = 'U0AAA0001';
const LEAD = 'U0LEAD001';
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
  h = await startHarness({ now: () => new Date(clockMs), reconcileEveryMs: 6 * 3600_000, users: [REPORTER, 'U0GRP0001', 'U0GRP0002'] });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001', 'U0GRP0002']);
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

async function submit(summary: string): Promise<{ id: string; number: number }> {
  await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary }) });
  return h.database.db.selectFrom('cases').select(['id', 'number']).where('summary', '=', summary).executeTakeFirstOrThrow();
}

/** Opens a case and waits until provisioning has finished (the reporter is told last). */
async function openCase(summary: string): Promise<Opened> {
  const { id, number } = await submit(summary);
  const channelId = await waitForDb(async () => {
    const record = await h.database.db.selectFrom('case_channels').selectAll().where('case_id', '=', id).executeTakeFirst();
    return record?.reporter_told_at ? record.channel_id : undefined;
  });
  await idle();
  return { id, number, channelId: channelId ?? '' };
}

async function waitForDb<T>(read: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('waitForDb: condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Waits until the worker has nothing waiting or running: every effect of what the test did has happened. */
async function idle(): Promise<void> {
  await waitForDb(async () => {
    const counts = await queue.getJobCounts('active', 'wait', 'prioritized', 'paused');
    return Object.values(counts).every((n) => n === 0) ? true : undefined;
  });
}

async function stuck(c: { id: string }): Promise<StuckStepRow[]> {
  return h.database.db.selectFrom('stuck_steps').selectAll().where('case_id', '=', c.id).orderBy('step').execute();
}

async function stuckStep(c: { id: string }, step: string): Promise<StuckStepRow | undefined> {
  return (await stuck(c)).find((row) => row.step === step);
}

/** Waits until `step` of the case has failed `tries` times, then until the job that tried it is done. */
async function triedTimes(c: { id: string }, step: string, tries: number): Promise<StuckStepRow> {
  const row = await waitForDb(async () => {
    const found = await stuckStep(c, step);
    return found && found.tries >= tries ? found : undefined;
  });
  await idle();
  expect(row.tries).toBe(tries);
  return row;
}

async function reconcileNow(): Promise<ReconcileReport> {
  return reconcile(h.anthill.ctx, queue, { atStartup: false });
}

/** The jobs a reconciliation asked for about this case. */
const askedFor = (report: ReconcileReport, c: { id: string }): string[] => report.requestedIds.filter((id) => id.includes(c.id));

async function command(text: string, options: { channelId?: string; userId?: string } = {}): Promise<{ text: string; blocks?: unknown }> {
  const response = await h.requests.slashCommand({ userId: options.userId ?? RESPONDER, channelId: options.channelId ?? ELSEWHERE, text });
  const post = await h.catcher.waitFor(() => h.catcher.posts(response.responseUrl)[0]);
  return post.body as { text: string; blocks?: unknown };
}

const card = (c: Opened) => h.slack.messages(c.channelId)[0];
const cardText = (c: Opened): string => JSON.stringify(card(c)?.blocks ?? []);
// The card is the one message with blocks; lines and notices are text.
const linesIn = (c: Opened): string[] => h.slack.messages(c.channelId).filter((m) => m.blocks === undefined).map((m) => m.text);
const callsAbout = (channelId: string): RecordedCall[] => h.slack.calls().filter((call) => call.params.channel === channelId);

/** Listeners failing calls; removed after each test so none leaks into the next. */
const pendingFailures = new Set<() => void>();
afterEach(() => {
  for (const stop of pendingFailures) stop();
  pendingFailures.clear();
  for (const person of ['U0GRP0002', LEAD]) h.slack.allowInvites(person);
});

function failCallsTo(channel: string, method: string, error: string): void {
  const stop = h.slack.onCall((call) => {
    if (call.method === method && call.params.channel === channel) h.slack.failNext(method, { error });
  });
  pendingFailures.add(stop);
}

describe('an archived case channel', () => {
  it('is tried on the schedule, not at every reconciliation, and /complaint retry clears it once fixed', async () => {
    const c = await openCase('Channel archived by someone');
    const channel = h.slack.channel(c.channelId);
    if (!channel) throw new Error('no case channel');
    channel.is_archived = true;

    const failedAt = clockMs;
    expect((await command(`note #${c.number} customer called again`)).text).toContain('Note added');
    const cardRow = await triedTimes(c, 'card', 1);
    const linesRow = await triedTimes(c, 'channel_lines', 1);
    for (const row of [cardRow, linesRow]) {
      expect(row).toMatchObject({ slack_error: 'is_archived', tries: 1 });
      expect(row.first_failed_at.getTime()).toBe(failedAt);
      expect(row.next_try_at.getTime()).toBe(failedAt + 5 * MINUTE);
    }

    // Four reconciliations, a minute apart: none asks for the case again, and Slack hears nothing.
    const callsBefore = callsAbout(c.channelId).length;
    for (let minute = 1; minute <= 4; minute++) {
      advance(MINUTE);
      expect(askedFor(await reconcileNow(), c)).toEqual([]);
    }
    expect(callsAbout(c.channelId)).toHaveLength(callsBefore);

    // Five minutes after the failure: one retry, and the next one 30 minutes later.
    advance(MINUTE);
    expect(askedFor(await reconcileNow(), c)).toEqual([`retry-${c.id}`]);
    const second = await triedTimes(c, 'card', 2);
    expect(second.next_try_at.getTime()).toBe(clockMs + 30 * MINUTE);
    expect(second.first_failed_at.getTime()).toBe(failedAt);
    expect((await triedTimes(c, 'channel_lines', 2)).tries).toBe(2);

    advance(29 * MINUTE);
    expect(askedFor(await reconcileNow(), c)).toEqual([]);
    advance(MINUTE);
    expect(askedFor(await reconcileNow(), c)).toEqual([`retry-${c.id}`]);
    const third = await triedTimes(c, 'card', 3);
    expect(third.next_try_at.getTime()).toBe(clockMs + 120 * MINUTE);

    // Nobody was DMed about it: the case channel is the card's and the lines' business.
    expect(h.slack.dms(REPORTER).filter((m) => m.text.includes(`#${c.number} is saved, but`))).toEqual([]);

    // An operator unarchives the channel; /complaint retry tries at once.
    channel.is_archived = false;
    const reply = await command(`retry #${c.number}`);
    expect(reply.text).toContain(`Trying 2 stuck steps again now for case #${c.number}:`);
    expect(reply.text).toContain('• Updating the case card');
    expect(reply.text).toContain('• Posting updates in the case channel');
    await waitForDb(async () => ((await stuck(c)).length === 0 ? true : undefined));
    await idle();
    expect(linesIn(c).filter((line) => line.includes('noted: customer called again'))).toHaveLength(1);
    expect(cardText(c)).not.toContain('Stuck in Slack');
    expect((await command(`retry #${c.number}`)).text).toContain(`Nothing is stuck for case #${c.number}`);
  });
});

describe('a deleted card', () => {
  it('never stops the channel lines, is told in the channel once, and /complaint show explains it', async () => {
    const c = await openCase('Card deleted by a person');
    const cardTs = card(c)?.ts ?? '';
    h.slack.deleteMessage(c.channelId, cardTs);

    await command(`note #${c.number} first note`);
    await triedTimes(c, 'card', 1);
    expect(linesIn(c).filter((line) => line.includes('noted: first note'))).toHaveLength(1);
    await command(`note #${c.number} second note`);
    const row = await triedTimes(c, 'card', 2);
    expect(row.slack_error).toBe('message_not_found');
    expect(linesIn(c).filter((line) => line.includes('noted: second note'))).toHaveLength(1);
    expect(await stuckStep(c, 'channel_lines')).toBeUndefined();

    // Told once per failure, not once per try.
    const notices = linesIn(c).filter((line) => line.includes('Updating the case card failed'));
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('the message is gone');
    expect(notices[0]).toContain('/complaint show');

    const shown = JSON.stringify((await command(`show #${c.number}`)).blocks);
    expect(shown).toContain('Stuck in Slack');
    expect(shown).toContain('*Updating the case card*: the message is gone');
    expect(shown).toContain('message_not_found');
    expect(shown).toContain('2 tries');

    advance(MINUTE);
    expect(askedFor(await reconcileNow(), c)).toEqual([]);
  });
});

describe('the bot removed from a case channel', () => {
  it('lines that cannot be posted never stop the card, which says they are stuck', async () => {
    const c = await openCase('Bot removed from the channel');
    const channel = h.slack.channel(c.channelId);
    if (!channel) throw new Error('no case channel');
    channel.members.delete(h.slack.botUserId);

    await command(`note #${c.number} nobody will see this line yet`);
    const row = await triedTimes(c, 'channel_lines', 1);
    expect(row.slack_error).toBe('not_in_channel');
    expect(await stuckStep(c, 'card')).toBeUndefined();
    expect(cardText(c)).toContain('*Posting updates in the case channel*: Anthill is not a member of the channel');

    advance(MINUTE);
    expect(askedFor(await reconcileNow(), c)).toEqual([]);

    channel.members.add(h.slack.botUserId);
    await command(`retry #${c.number}`);
    await waitForDb(async () => ((await stuck(c)).length === 0 ? true : undefined));
    await idle();
    expect(linesIn(c).filter((line) => line.includes('nobody will see this line yet'))).toHaveLength(1);
    expect(cardText(c)).not.toContain('Stuck in Slack');
  });
});

describe('a responder Slack will not invite', () => {
  it('does not keep the others out, is shown on the card, and is invited by /complaint retry once allowed', async () => {
    h.slack.refuseInvites('U0GRP0002');
    const c = await openCase('One guest among the responders');
    const channel = h.slack.channel(c.channelId);
    expect([...(channel?.members ?? [])].sort()).toEqual([REPORTER, RESPONDER, 'U0GRP0001', h.slack.botUserId].sort());
    expect(await stuck(c)).toMatchObject([{ step: 'invite:U0GRP0002', slack_error: 'cant_invite', tries: 1 }]);
    expect(cardText(c)).toContain('Inviting <@U0GRP0002> into the case channel');
    expect(cardText(c)).toContain('Slack does not allow inviting this person');

    h.slack.allowInvites('U0GRP0002');
    const reply = await command('retry', { channelId: c.channelId });
    expect(reply.text).toContain('• Inviting <@U0GRP0002> into the case channel');
    await waitForDb(async () => ((await stuck(c)).length === 0 ? true : undefined));
    await idle();
    expect(channel?.members.has('U0GRP0002')).toBe(true);
    expect(cardText(c)).not.toContain('Stuck in Slack');
  });
});

describe('a breach', () => {
  async function breachNow(c: Opened): Promise<string> {
    const deadline = await h.database.db
      .selectFrom('case_deadlines')
      .select('id')
      .where('case_id', '=', c.id)
      .where('kind', '=', 'first_response')
      .executeTakeFirstOrThrow();
    // The deadline's wake-up call, due in hours, runs now.
    const job = await queue.getJob(`breach-${deadline.id}`);
    if (!job) throw new Error('no breach job queued');
    await job.promote();
    return deadline.id;
  }
  const breachDms = (c: Opened) => h.slack.dms(LEAD).filter((m) => m.text.includes(`deadline for complaint #${c.number} passed`));

  it('whose lead Slack will not invite still DMs the lead, and the card shows the invitation stuck', async () => {
    const c = await openCase('Breach with an uninvitable lead');
    h.slack.refuseInvites(LEAD);
    const deadlineId = await breachNow(c);
    const dm = await h.slack.waitFor(() => breachDms(c)[0]);
    expect(dm.text).toContain('Slack would not let Anthill add you to the case channel');
    await idle();
    expect(await stuck(c)).toMatchObject([{ step: `invite:${LEAD}`, slack_error: 'cant_invite' }]);
    const deadline = await h.database.db.selectFrom('case_deadlines').selectAll().where('id', '=', deadlineId).executeTakeFirstOrThrow();
    expect(deadline.breach_notified_at).not.toBeNull();
    expect(linesIn(c).filter((line) => line.includes('first-response deadline passed'))).toHaveLength(1);
    expect(cardText(c)).toContain(`Inviting <@${LEAD}> into the case channel`);
  });

  it('whose lead DM Slack refuses is retried on the schedule and sent once it goes through', async () => {
    // A refusal about the workspace, not the person (a deactivated lead is noted in the timeline and done instead).
    const c = await openCase('Breach with a lead Slack will not DM');
    failCallsTo(LEAD, 'chat.postMessage', 'restricted_action');
    const deadlineId = await breachNow(c);
    const step = `breach_dm:${deadlineId}:${LEAD}`;
    const row = await triedTimes(c, step, 1);
    expect(row.slack_error).toBe('restricted_action');
    // The channel still got its line, and the lead was still invited.
    expect(linesIn(c).filter((line) => line.includes('first-response deadline passed'))).toHaveLength(1);
    expect(h.slack.channel(c.channelId)?.members.has(LEAD)).toBe(true);
    expect(cardText(c)).toContain(`Telling <@${LEAD}> that a deadline passed`);

    advance(MINUTE);
    expect(askedFor(await reconcileNow(), c)).toEqual([]);
    expect((await reconcileNow()).requestedIds).not.toContain(`breach-${deadlineId}`);

    for (const stop of pendingFailures) stop();
    advance(4 * MINUTE);
    expect(askedFor(await reconcileNow(), c)).toEqual([`retry-${c.id}`]);
    await h.slack.waitFor(() => breachDms(c)[0]);
    await waitForDb(async () => ((await stuck(c)).length === 0 ? true : undefined));
    await idle();
    expect(breachDms(c)).toHaveLength(1);
    const deadline = await h.database.db.selectFrom('case_deadlines').selectAll().where('id', '=', deadlineId).executeTakeFirstOrThrow();
    expect(deadline.breach_notified_at).not.toBeNull();
    expect(cardText(c)).not.toContain('Stuck in Slack');
  });
});

describe('provisioning stuck on an archived team channel', () => {
  it('tells the reporter once across retries and restarts, and /complaint retry finishes it once fixed', async () => {
    const team = h.slack.channel(h.policy.teamChannel);
    if (!team) throw new Error('no team channel');
    team.is_archived = true;
    try {
      const c = await submit('Announced into an archived channel');
      const told = () => h.slack.dms(REPORTER).filter((m) => m.text.startsWith(`Complaint #${c.number} is saved, but`));
      await h.slack.waitFor(() => told()[0]);
      await triedTimes(c, 'provision', 1);
      expect(told()[0]?.text).toContain('is archived');
      expect(told()[0]?.text).toContain(`/complaint retry #${c.number}`);

      advance(MINUTE);
      expect(askedFor(await reconcileNow(), c)).toEqual([]);
      advance(4 * MINUTE);
      expect(askedFor(await reconcileNow(), c)).toEqual([`retry-${c.id}`]);
      await triedTimes(c, 'provision', 2);

      // A restart tries every stuck step once (an operator may have fixed the cause), and tells nobody again.
      await h.restart();
      await triedTimes(c, 'provision', 3);
      await h.restart();
      await triedTimes(c, 'provision', 4);
      expect(told()).toHaveLength(1);
      const problems = await h.database.db.selectFrom('case_events').select('data').where('case_id', '=', c.id).where('kind', '=', 'slack_problem').execute();
      expect(problems.map((p) => p.data)).toEqual([{ step: 'provision', error: 'is_archived' }]);

      const shown = JSON.stringify((await command(`show #${c.number}`, { userId: REPORTER })).blocks);
      expect(shown).toContain('*Setting the case up in Slack*: a channel Anthill needs is archived');

      team.is_archived = false;
      expect((await command(`retry #${c.number}`, { userId: REPORTER })).text).toContain('• Setting the case up in Slack');
      const record = await waitForDb(async () => {
        const found = await h.database.db.selectFrom('case_channels').selectAll().where('case_id', '=', c.id).executeTakeFirst();
        return found?.reporter_told_at ? found : undefined;
      });
      await idle();
      expect(await stuck(c)).toEqual([]);
      expect(h.slack.messages(h.policy.teamChannel).filter((m) => m.text.includes(`<#${record.channel_id}>`))).toHaveLength(1);
      expect(told()).toHaveLength(1);
    } finally {
      team.is_archived = false;
    }
  });
});
