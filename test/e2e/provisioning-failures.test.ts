import { setTimeout as sleep } from 'node:timers/promises';
import { WebClient, type WebAPICallResult } from '@slack/web-api';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { CaseChannelRecord } from '../../src/db/case-channel-repository.js';
import { caseChannelName } from '../../src/domain/channel-name.js';
import { provisionCase } from '../../src/jobs/provision-case.js';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { REDIS_URL, SIGNING_SECRET, startHarness, testPolicy, type Harness } from '../support/anthill-harness.js';
import type { FakeMessage, InjectedFailure, RecordedCall } from '../../fake-slack/index.js';
import { intakeValues } from '../support/intake-values.js';
import { SlackRequests } from '../../fake-slack/slack-requests.js';

// The issue: a retry after each kind of Slack error, a crash between provisioning steps
// (the job run again must finish without duplicates), two provisioning jobs for one case at once.

const REPORTER = 'U0REP0001';
const RESPONDER = 'U0AAA0001';
/** Long enough for several of the harness's retries (50 ms doubling, at most 500 ms). */
const NO_RETRY_WINDOW_MS = 1500;

interface OpenedCase {
  readonly id: string;
  readonly number: number;
}

type StepColumn = 'channel_id' | 'members_invited_at' | 'card_ts' | 'topic_set_at' | 'announcement_ts' | 'reporter_told_at';
// In the order provisioning does them: the announcement follows the channel at once.
const STEPS: readonly StepColumn[] = ['channel_id', 'announcement_ts', 'members_invited_at', 'card_ts', 'topic_set_at', 'reporter_told_at'];

// --- Starting harnesses and opening cases ---

async function harness(options: Parameters<typeof startHarness>[0] = {}): Promise<Harness> {
  const h = await startHarness({ users: [REPORTER], ...options });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001', 'U0GRP0002', RESPONDER]);
  return h;
}

/** Submits the intake form as Slack would; the case is stored before the form closes. */
async function submitComplaint(h: Harness, summary: string, requests: SlackRequests = h.requests): Promise<OpenedCase> {
  const response = await requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary }) });
  expect(response.status).toBe(200);
  return h.database.db.selectFrom('cases').select(['id', 'number']).where('summary', '=', summary).executeTakeFirstOrThrow();
}

/** Deletes every key of the harness's queue, as a Redis restarted without its data would. */
async function loseRedisData(h: Harness): Promise<void> {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${h.prefix}:*`, 'COUNT', 1000);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    await redis.quit();
  }
}

async function nextCaseNumber(h: Harness): Promise<number> {
  const row = await h.database.db.selectFrom('workspace_counters').select('last_case_number').where('team_id', '=', h.slack.teamId).executeTakeFirst();
  return (row?.last_case_number ?? 0) + 1;
}

// --- Reading the database ---

async function provisioningRecord(h: Harness, kase: OpenedCase): Promise<CaseChannelRecord> {
  return h.database.db.selectFrom('case_channels').selectAll().where('case_id', '=', kase.id).executeTakeFirstOrThrow();
}

/** Waits until provisioning has recorded its last step; on timeout shows how far it got. */
async function provisioned(h: Harness, kase: OpenedCase, timeoutMs = 10_000): Promise<CaseChannelRecord> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = await provisioningRecord(h, kase);
    // The job clears its stuck step after its last step is stored: finished means both.
    const stuck = (await stuckSteps(h, kase)).some((s) => s.step === 'provision');
    if (record.reporter_told_at !== null && !stuck) return record;
    if (Date.now() > deadline) throw new Error(`case #${kase.number} not provisioned within ${timeoutMs} ms: ${JSON.stringify(record)}`);
    await sleep(20);
  }
}

/** Waits until provisioning has stopped on a permanent error and the reporter has been told. */
async function stoppedOnFailure(h: Harness, kase: OpenedCase): Promise<{ record: CaseChannelRecord; dm: FakeMessage }> {
  const dm = await h.slack.waitFor(() => h.slack.dms(REPORTER).find((m) => m.text.startsWith(`Complaint #${kase.number} is saved, but`)));
  const record = await provisioningRecord(h, kase);
  return { record, dm };
}

async function stuckSteps(h: Harness, kase: OpenedCase) {
  return h.database.db.selectFrom('stuck_steps').selectAll().where('case_id', '=', kase.id).execute();
}

async function slackProblems(h: Harness, kase: OpenedCase): Promise<unknown[]> {
  const rows = await h.database.db.selectFrom('case_events').select('data').where('case_id', '=', kase.id).where('kind', '=', 'slack_problem').execute();
  return rows.map((row) => row.data);
}

// --- Recognising Slack calls and messages ---

/** `Complaint #1` but not `Complaint #12`. */
const complaintTitle = (number: number): RegExp => new RegExp(`Complaint #${number}(?!\\d)`);

const isCaseCard = (message: FakeMessage, number: number): boolean => complaintTitle(number).test(JSON.stringify(message.blocks ?? []));

type CallMatcher = (call: RecordedCall) => boolean;

/** Calls of one provisioning step, told apart by method and destination. */
function stepCall(h: Harness, step: 'create' | 'group' | 'invite' | 'card' | 'topic' | 'announcement'): CallMatcher {
  const channel = (call: RecordedCall): string => (typeof call.params.channel === 'string' ? call.params.channel : '');
  switch (step) {
    case 'create':
      return (call) => call.method === 'conversations.create';
    case 'group':
      return (call) => call.method === 'usergroups.users.list';
    case 'invite':
      return (call) => call.method === 'conversations.invite';
    case 'topic':
      return (call) => call.method === 'conversations.setTopic';
    case 'card':
      return (call) => call.method === 'chat.postMessage' && (h.slack.channel(channel(call))?.name.startsWith('cmp-') ?? false);
    case 'announcement':
      return (call) => call.method === 'chat.postMessage' && channel(call) === h.policy.teamChannel;
  }
}

/** Listeners of failMatching still waiting for their calls; removed after each test so none leaks into the next. */
const pendingFailures = new Set<() => void>();
afterEach(() => {
  for (const stop of pendingFailures) stop();
  pendingFailures.clear();
});

/** Fails the next `times` calls that `match` picks out, as they arrive, whatever other calls come between. */
function failMatching(h: Harness, match: CallMatcher, failure: InjectedFailure, times = 1): void {
  let left = times;
  const stop = h.slack.onCall((call) => {
    if (!match(call)) return;
    h.slack.failNext(call.method, { ...failure, times: 1 });
    left -= 1;
    if (left === 0) stop();
  });
  pendingFailures.add(stop);
}

const succeeded = (call: RecordedCall): boolean => call.result?.ok === true;
const inChannel = (channelId: string) => (call: RecordedCall): boolean => call.params.channel === channelId;

// --- The one assertion every scenario ends with ---

/**
 * The case has exactly one of everything: one channel made by the bot, one card in it,
 * one topic, one invitation round, one announcement, one "your case is open" DM, and
 * every step recorded without a failure.
 */
async function expectProvisionedOnce(h: Harness, kase: OpenedCase): Promise<CaseChannelRecord> {
  const record = await provisioned(h, kase);
  const { number } = kase;
  const channels = h.slack.channels().filter((c) => c.name.startsWith(`cmp-${number}-`) && c.creator === h.slack.botUserId);
  expect(channels.map((c) => c.id)).toEqual([record.channel_id]);
  const channel = channels[0];
  if (!channel) throw new Error('unreachable');

  const cards = h.slack.messages(channel.id).filter((m) => isCaseCard(m, number));
  expect(cards.map((m) => m.ts)).toEqual([record.card_ts]);
  expect(cards[0]?.user).toBe(h.slack.botUserId);

  const announcements = h.slack.messages(h.policy.teamChannel).filter((m) => m.text.includes(`<#${channel.id}>`));
  expect(announcements.map((m) => m.ts)).toEqual([record.announcement_ts]);
  expect(announcements[0]?.text).toContain('<!here>');

  const told = h.slack.dms(REPORTER).filter((m) => m.text.startsWith(`Complaint #${number} is open in <#${channel.id}>`));
  expect(told).toHaveLength(1);

  expect(channel.topic).toMatch(complaintTitle(number));
  expect(h.slack.calls('conversations.setTopic').filter(inChannel(channel.id)).filter(succeeded)).toHaveLength(1);
  expect(h.slack.calls('conversations.invite').filter(inChannel(channel.id)).filter(succeeded)).toHaveLength(1);
  expect([...channel.members]).toEqual(expect.arrayContaining([REPORTER, RESPONDER, 'U0GRP0001', h.slack.botUserId]));

  expect(await stuckSteps(h, kase)).toEqual([]);
  for (const step of STEPS) expect(record[step], step).not.toBeNull();
  return record;
}

/** A real WebClient on the fake that dies at its first call once `step` is recorded, as a crashed process would. */
function clientCrashingAfter(h: Harness, kase: OpenedCase, step: StepColumn): WebClient {
  const db = h.database.db;
  class CrashingClient extends WebClient {
    override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
      const record = await db.selectFrom('case_channels').select(step).where('case_id', '=', kase.id).executeTakeFirst();
      if (record?.[step] !== null && record?.[step] !== undefined) throw new Error('crash');
      return super.apiCall(method, options);
    }
  }
  return new CrashingClient(h.slack.token, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true });
}

// --- Retries inside one running Anthill ---

describe('provisioning retried after Slack errors', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('waits for Retry-After when conversations.create is rate limited, then creates one channel', async () => {
    failMatching(h, stepCall(h, 'create'), { error: 'ratelimited', retryAfter: 1 });
    const kase = await submitComplaint(h, 'Rate limited channel creation');
    await expectProvisionedOnce(h, kase);

    const creates = h.slack.calls('conversations.create').filter((c) => String(c.params.name).startsWith(`cmp-${kase.number}-`));
    expect(creates.map((c) => c.status)).toEqual([429, 200]);
    const [limited, retried] = creates;
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(950);
  });

  it('waits for Retry-After when the announcement is rate limited, then announces once', async () => {
    failMatching(h, stepCall(h, 'announcement'), { error: 'ratelimited', retryAfter: 1 });
    const kase = await submitComplaint(h, 'Rate limited announcement');
    const record = await expectProvisionedOnce(h, kase);

    const posts = h.slack.calls('chat.postMessage').filter((c) => c.params.channel === h.policy.teamChannel && String(c.params.text).includes(`<#${record.channel_id}>`));
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
    const [limited, retried] = posts;
    expect(retried!.at - limited!.at).toBeGreaterThanOrEqual(950);
    // The channel, made before the rate limit, was not made again by the retry; the card, posted after it, once.
    expect(h.slack.calls('conversations.create').filter((c) => String(c.params.name).startsWith(`cmp-${kase.number}-`))).toHaveLength(1);
    expect(h.slack.calls('chat.postMessage').filter(inChannel(record.channel_id!)).filter(succeeded)).toHaveLength(1);
  });

  const failures: ReadonlyArray<[string, InjectedFailure, number]> = [
    ['HTTP 503 twice', { status: 503 }, 2],
    ['HTTP 500', { status: 500 }, 1],
    ['a dropped connection', { networkError: true }, 1],
  ];
  const steps = ['invite', 'card', 'topic', 'announcement'] as const;
  describe.each(failures)('after %s', (label, failure, times) => {
    it.each(steps)('on the %s step finishes with one of everything', async (step) => {
      failMatching(h, stepCall(h, step), failure, times);
      const kase = await submitComplaint(h, `Flaky ${step} after ${label}`);
      await expectProvisionedOnce(h, kase);
      const record = await provisioningRecord(h, kase);
      const stepCalls = h.slack.calls().filter(stepCall(h, step)).filter((c) => JSON.stringify(c.params).includes(record.channel_id!));
      // The failures really happened, and one more call succeeded.
      expect(stepCalls.filter((c) => !succeeded(c))).toHaveLength(times);
      expect(stepCalls.filter(succeeded)).toHaveLength(1);
    });
  });

  it('provisions a pasted HTML snippet as summary: the topic Slack receives, escaped, stays within 250 characters', async () => {
    // Escaping makes each & < > five or four characters; cut before escaping, this topic grew past 250 and Slack said too_long.
    const snippet = '<div class="note"><p>Tom & Jerry said: <b>refund <now></b> & <a href="https://x.example/?a=1&b=2">more</a></p></div>'.repeat(2).slice(0, 150);
    expect(snippet.length).toBe(150);
    const kase = await submitComplaint(h, snippet);
    const record = await expectProvisionedOnce(h, kase);

    const topicCalls = h.slack.calls('conversations.setTopic').filter(inChannel(record.channel_id!));
    expect(topicCalls.map((call) => call.result?.ok)).toEqual([true]);
    const topic = h.slack.channel(record.channel_id!)!.topic;
    expect(topic.length).toBeLessThanOrEqual(250);
    expect(topic).toMatch(new RegExp(`^Complaint #${kase.number} · High · &lt;div class="note"&gt;&lt;p&gt;Tom &amp; Jerry`));
    expect(topic).not.toMatch(/[<>]|&(?!amp;|lt;|gt;)/);
    expect(topic.endsWith('…')).toBe(true);
  });

  it('adds -2 when a person already has a channel with the name', async () => {
    const number = await nextCaseNumber(h);
    const summary = 'Name taken by a person';
    const taken = h.slack.createChannel({ name: caseChannelName(number, summary), creator: 'U0HUMAN01', botIsMember: false });
    const kase = await submitComplaint(h, summary);
    expect(kase.number).toBe(number);

    const record = await expectProvisionedOnce(h, kase);
    expect(record.channel_name).toBe(`${taken.name}-2`);
    expect(h.slack.messages(taken.id)).toEqual([]);
    expect(taken.members.has(h.slack.botUserId)).toBe(false);
  });

  it('reuses a channel with the name that the bot made in an attempt that crashed before recording it', async () => {
    const number = await nextCaseNumber(h);
    const summary = 'Channel left by a crash';
    const leftOver = h.slack.createChannel({ name: caseChannelName(number, summary) });
    const kase = await submitComplaint(h, summary);
    expect(kase.number).toBe(number);

    const record = await expectProvisionedOnce(h, kase);
    expect(record.channel_id).toBe(leftOver.id);
    expect(h.slack.channelByName(`${leftOver.name}-2`)).toBeUndefined();
  });
});

// --- Permanent errors: no retry, the case kept, people told ---

describe('provisioning stopped by a permanent Slack error', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('missing_scope on conversations.create: case kept, failure recorded, reporter told, no retry', async () => {
    failMatching(h, stepCall(h, 'create'), { error: 'missing_scope' });
    const kase = await submitComplaint(h, 'No permission to create channels');
    const { record, dm } = await stoppedOnFailure(h, kase);

    expect(record).toMatchObject({ channel_id: null });
    expect(await stuckSteps(h, kase)).toMatchObject([{ step: 'provision', slack_error: 'missing_scope', tries: 1 }]);
    expect(await slackProblems(h, kase)).toEqual([{ step: 'provision', error: 'missing_scope' }]);
    expect(dm.text).toContain('lacks a Slack permission');
    const stored = await h.database.db.selectFrom('cases').select('status').where('id', '=', kase.id).executeTakeFirstOrThrow();
    expect(stored.status).toBe('open');

    await sleep(NO_RETRY_WINDOW_MS);
    expect(h.slack.calls('conversations.create').filter((c) => String(c.params.name).startsWith(`cmp-${kase.number}-`))).toHaveLength(1);
    expect(h.slack.calls('usergroups.users.list')).toHaveLength(0);
  });

  it('is_archived team channel: the steps before it stay done, the reporter is told, no retry', async () => {
    const team = h.slack.channel(h.policy.teamChannel);
    if (!team) throw new Error('the harness has no team channel');
    team.is_archived = true;
    try {
      const kase = await submitComplaint(h, 'Team channel archived');
      const { record, dm } = await stoppedOnFailure(h, kase);

      // The announcement comes right after the channel, so nothing after it was done.
      expect(record).toMatchObject({ announcement_ts: null, card_ts: null, reporter_told_at: null });
      expect(record.channel_id).not.toBeNull();
      expect(await stuckSteps(h, kase)).toMatchObject([{ step: 'provision', slack_error: 'is_archived', tries: 1 }]);
      expect(await slackProblems(h, kase)).toEqual([{ step: 'provision', error: 'is_archived' }]);
      expect(dm.text).toContain('is archived');
      expect(dm.text).toContain(`<#${record.channel_id}>`);

      await sleep(NO_RETRY_WINDOW_MS);
      expect(h.slack.calls().filter(stepCall(h, 'announcement'))).toHaveLength(1);
      expect(h.slack.messages(record.channel_id!).filter((m) => isCaseCard(m, kase.number))).toHaveLength(0);
    } finally {
      team.is_archived = false;
    }
  });

  it('a responder group Slack cannot list leaves out only that group; the case is set up', async () => {
    failMatching(h, stepCall(h, 'group'), { error: 'no_such_subteam' });
    const kase = await submitComplaint(h, 'Responder group deleted');
    const record = await provisioned(h, kase);

    expect(await stuckSteps(h, kase)).toEqual([]);
    const channel = h.slack.channel(record.channel_id!);
    expect([...(channel?.members ?? [])].sort()).toEqual([REPORTER, RESPONDER, h.slack.botUserId].sort());
    expect(h.slack.messages(h.policy.teamChannel).filter((m) => m.text.includes(`<#${record.channel_id}>`))).toHaveLength(1);
  });
});

describe('a team channel that does not exist', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ policy: await testPolicy((yaml) => yaml.replace('C0TEAM0001', 'C0MISSING1')) });
  });
  afterAll(async () => {
    await h.close();
  });

  let kase: OpenedCase;
  it('stops provisioning with channel_not_found and tells the reporter to check team_channel', async () => {
    kase = await submitComplaint(h, 'Announced nowhere');
    const { record, dm } = await stoppedOnFailure(h, kase);

    expect(record).toMatchObject({ announcement_ts: null });
    expect(await stuckSteps(h, kase)).toMatchObject([{ step: 'provision', slack_error: 'channel_not_found', tries: 1 }]);
    expect(await slackProblems(h, kase)).toEqual([{ step: 'provision', error: 'channel_not_found' }]);
    expect(dm.text).toContain(`Complaint #${kase.number}`);
    expect(dm.text).toContain('team_channel');

    // Asked for again at once (a late intake request, a reconciliation that raced it): it waits for its next try.
    await provisionCase(h.anthill.ctx, kase.id);
    expect(h.slack.calls('chat.postMessage').filter(inChannel('C0MISSING1'))).toHaveLength(1);
    await sleep(NO_RETRY_WINDOW_MS);
    expect(h.slack.calls('chat.postMessage').filter(inChannel('C0MISSING1'))).toHaveLength(1);
  });

  it('is tried again at the next start-up once the channel exists, without redoing finished steps', async () => {
    expect(kase).toBeDefined();
    h.slack.createChannel({ name: 'complaints-intake', id: 'C0MISSING1' });
    await h.restart();

    await expectProvisionedOnce(h, kase);
    expect(h.slack.calls('conversations.create').filter((c) => String(c.params.name).startsWith(`cmp-${kase.number}-`))).toHaveLength(1);
  });
});

// --- Crashes between steps and runs at the same time ---

// This Anthill has no worker: cases are stored and their jobs queued, but the test drives provisioning.
describe('provisioning run again after a crash, or twice at once', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness({ role: 'web' });
  });
  afterAll(async () => {
    await h.close();
  });

  const crashes: ReadonlyArray<[string, StepColumn]> = [
    ['the channel is created', 'channel_id'],
    ['the announcement is posted', 'announcement_ts'],
    ['members are invited', 'members_invited_at'],
    ['the card is posted', 'card_ts'],
    ['the topic is set', 'topic_set_at'],
  ];
  it.each(crashes)('a crash right after %s: the next run finishes without duplicates', async (label, step) => {
    const kase = await submitComplaint(h, `Crash after ${label}`);
    const crashing = { ...h.anthill.ctx, slack: clientCrashingAfter(h, kase, step) };
    await expect(provisionCase(crashing, kase.id)).rejects.toThrow('crash');

    // The crash came exactly after `step`: it and the steps before it are recorded, none after.
    const afterCrash = await provisioningRecord(h, kase);
    const done = STEPS.indexOf(step);
    STEPS.forEach((column, index) => expect(afterCrash[column] === null, column).toBe(index > done));

    await provisionCase(h.anthill.ctx, kase.id);
    await expectProvisionedOnce(h, kase);
  });

  it('two runs for one case at the same moment make one of everything', async () => {
    const kase = await submitComplaint(h, 'Provisioned twice at once');
    h.slack.setLatency(30);
    try {
      await Promise.all([provisionCase(h.anthill.ctx, kase.id), provisionCase(h.anthill.ctx, kase.id)]);
    } finally {
      h.slack.setLatency(0);
    }
    await expectProvisionedOnce(h, kase);
    expect(h.slack.calls('conversations.create').filter((c) => String(c.params.name).startsWith(`cmp-${kase.number}-`))).toHaveLength(1);
  });

  it('a worker starting up provisions a case whose job Redis lost', async () => {
    const kase = await submitComplaint(h, 'Stored while Redis lost the job');
    await loseRedisData(h);
    expect(h.slack.calls('conversations.create').filter((c) => String(c.params.name).startsWith(`cmp-${kase.number}-`))).toHaveLength(0);

    await h.startAnother({ role: 'worker' });
    await expectProvisionedOnce(h, kase);
  });
});

// --- Several processes ---

describe('two Anthill processes with workers', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await harness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('provision 10 complaints submitted to either of them once each', async () => {
    const other = await h.startAnother();
    const otherRequests = new SlackRequests({ baseUrl: `http://127.0.0.1:${other.port}`, signingSecret: SIGNING_SECRET, teamId: h.slack.teamId });
    h.slack.setLatency(10);
    try {
      const cases = await Promise.all(
        Array.from({ length: 10 }, (_, i) => submitComplaint(h, `Busy morning complaint ${i + 1}`, i % 2 === 0 ? h.requests : otherRequests)),
      );
      // Both processes ask again for every provisioning while the jobs run: still once each.
      const again = cases.map((c) => ({ kind: 'provision-case', caseId: c.id }) as const);
      await Promise.all([h.anthill.ctx.jobs.schedule(again), other.ctx.jobs.schedule(again)]);
      // And both run provisioning of one case directly at the same time.
      const first = cases[0]!;
      await Promise.all([provisionCase(h.anthill.ctx, first.id), provisionCase(other.ctx, first.id)]);

      for (const kase of cases) await expectProvisionedOnce(h, kase);
      expect(new Set(cases.map((c) => c.number)).size).toBe(10);
      expect(h.slack.channels().filter((c) => c.name.startsWith('cmp-'))).toHaveLength(10);
      expect(h.slack.messages(h.policy.teamChannel)).toHaveLength(10);
    } finally {
      h.slack.setLatency(0);
    }
  });
});
