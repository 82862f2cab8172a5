/**
 * A burst under Slack's real limits: 60 complaints submitted over one minute with the fake
 * Slack enforcing Slack's published tiers (rateLimits: 'slack') and the bot pacing its own
 * calls (SLACK_PACING=slack), while the first-response reminders of 200 other, already
 * provisioned cases fall due during the burst. The same 200 reminders are first measured
 * without the burst, in a fresh bot, so the two lateness figures come from one run.
 */
import { performance } from 'node:perf_hooks';
import { INTAKE_CALLBACK_ID } from '../src/blocks/intake-modal.js';
import { SlackRateLimits } from '../fake-slack/rate-limits.js';
import { startHarness, type Harness } from '../test/support/anthill-harness.js';
import { intakeValues } from '../test/support/intake-values.js';
import { announcedSummary } from './intake.js';
import { seedDueReminders } from './reminder-lateness.js';
import { summarize, type LatencySummary } from './stats.js';

export interface BurstOptions {
  readonly complaints: number;
  /** The complaints are submitted evenly over this long. */
  readonly spreadMs: number;
  /** Already provisioned cases whose first-response reminders fall due during the burst. */
  readonly reminders: number;
  /** How long after the first submission the first reminder is due. */
  readonly remindersFromMs: number;
  readonly timeoutMs: number;
}

export const DEFAULT_BURST_OPTIONS: BurstOptions = { complaints: 60, spreadMs: 60_000, reminders: 200, remindersFromMs: 5_000, timeoutMs: 300_000 };
/** Provisioning everything may take at most this many times the shortest the limits allow. */
export const BURST_PROVISIONING_RATIO_TARGET = 1.15;
/** 429s the bot may meet, as a share of its calls. */
export const BURST_RATE_LIMITED_SHARE_TARGET = 0.01;
/** Reminder lateness p99 during the burst may exceed the quiet run's by at most this. */
export const BURST_REMINDER_P99_MARGIN_MS = 100;

export interface BurstResult {
  readonly options: BurstOptions;
  /** First submission → the last case provisioned (its reporter told, the last step). */
  readonly provisionedAllMs: number | undefined;
  /** The shortest the fake's limits allow for the calls provisioning needs, with these arrivals. */
  readonly shortestMs: number;
  readonly announcement: LatencySummary | undefined;
  readonly calls: number;
  readonly rateLimited: number;
  readonly rateLimitedByMethod: Readonly<Record<string, number>>;
  readonly duplicates: { readonly channels: number; readonly announcements: number; readonly cards: number };
  readonly provisioned: number;
  readonly remindersQuiet: LatencySummary | undefined;
  readonly remindersDuringBurst: LatencySummary | undefined;
  readonly remindersMissing: { readonly quiet: number; readonly burst: number };
  readonly targetMet: boolean;
}

const REPORTER = 'U0REP0001';
const TEAM_CHANNEL = 'C0TEAM0001';
const OWNERS = Array.from({ length: 97 }, (_, n) => `U0OWN${String(n).padStart(4, '0')}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const REMINDER_TEXT = /^:warning: First response for complaint #(\d+) /;

/**
 * The calls provisioning one case cannot do without, in the order they depend on each other:
 * its channel, the announcement linking it, the invitation, the card, the topic and the
 * reporter's DM. (Expanding a responder group is left out: one answer serves every case.)
 */
const PROVISIONING_CALLS: readonly { method: string; channel: 'team' | 'own' | 'reporter' | undefined }[] = [
  { method: 'conversations.create', channel: undefined },
  { method: 'chat.postMessage', channel: 'team' },
  { method: 'conversations.invite', channel: undefined },
  { method: 'chat.postMessage', channel: 'own' },
  { method: 'conversations.setTopic', channel: undefined },
  { method: 'chat.postMessage', channel: 'reporter' },
];

/**
 * The shortest time, from the first arrival, in which every case can be provisioned under
 * Slack's limits (the fake's own SlackRateLimits on a virtual clock, so both agree): cases
 * in arrival order, each call as early as its case's previous call and its method's
 * window (or its channel's bucket) allow, with Slack answering instantly. Calls of one
 * method then come in non-decreasing time, so taking them in this order is the earliest.
 */
export function shortestProvisioningMs(arrivalsMs: readonly number[]): number {
  let now = 0;
  const limits = new SlackRateLimits('slack', () => now);
  let last = 0;
  const firstArrival = arrivalsMs[0] ?? 0;
  arrivalsMs.forEach((arrival, index) => {
    now = arrival - firstArrival;
    for (const call of PROVISIONING_CALLS) {
      const channel = call.channel === 'own' ? `case-${index}` : call.channel;
      for (let wait = limits.waitFor(call.method, channel); wait > 0; wait = limits.waitFor(call.method, channel)) now += wait;
      limits.admit(call.method, channel);
    }
    last = Math.max(last, now);
  });
  return last;
}

async function provisionedCount(h: Harness): Promise<number> {
  const row = await h.database.db
    .selectFrom('case_channels')
    .innerJoin('cases', 'cases.id', 'case_channels.case_id')
    .where('case_channels.reporter_told_at', 'is not', null)
    .where('cases.reporter_id', '=', REPORTER)
    .where('cases.summary', 'like', 'Burst complaint %')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

interface Run {
  readonly h: Harness;
  readonly reminderDueAt: readonly number[];
  readonly received: Map<number, number[]>;
}

/** Time from now until the first measured instant: seeding (about a millisecond a case) and a restart fit in it. */
function leadTime(options: BurstOptions): number {
  return 8_000 + options.reminders;
}

/**
 * A bot under Slack's limits (the fake's and its own pacing) with `reminders` provisioned
 * cases whose reminders fall due from `firstDueAt`, scheduled by a restart's reconciliation.
 */
async function botWithDueReminders(options: BurstOptions, firstDueAt: number): Promise<Run> {
  const h = await startHarness({ role: 'web', botProcess: true, users: [REPORTER, ...OWNERS], pacing: 'slack', slackRateLimits: 'slack' });
  h.slack.addUserGroup('S0GRP0001', ['U0GRP0001', 'U0GRP0002', 'U0AAA0001']);
  const reminderDueAt = Array.from({ length: options.reminders }, (_, i) => firstDueAt + Math.floor((i * options.spreadMs) / options.reminders));
  await seedDueReminders(h, h.database.db, reminderDueAt);
  // The intake's numbers follow the seeded cases'.
  await h.database.db
    .insertInto('workspace_counters')
    .values({ team_id: h.slack.teamId, last_case_number: options.reminders })
    .onConflict((oc) => oc.column('team_id').doUpdateSet({ last_case_number: options.reminders }))
    .execute();
  const received = new Map<number, number[]>();
  h.slack.onCall((call) => {
    if (call.method !== 'chat.postMessage') return;
    const match = REMINDER_TEXT.exec(String(call.params.text ?? ''));
    if (!match) return;
    const n = Number(match[1]);
    received.set(n, [...(received.get(n) ?? []), call.at]);
  });
  await h.restart({ role: 'all' });
  return { h, reminderDueAt, received };
}

function reminderLateness(run: Run): { summary: LatencySummary | undefined; missing: number } {
  // The fake records a call as it arrives, a refused one too: take the first answered DM of each.
  const firstSent = new Map<number, number>();
  for (const call of run.h.slack.calls('chat.postMessage')) {
    const n = Number(REMINDER_TEXT.exec(String(call.params.text ?? ''))?.[1]);
    if (call.status === 200 && Number.isInteger(n) && !firstSent.has(n)) firstSent.set(n, call.at);
  }
  const lateness = [...firstSent].map(([n, at]) => at - (run.reminderDueAt[n - 1] as number));
  return { summary: lateness.length ? summarize(lateness) : undefined, missing: run.reminderDueAt.length - firstSent.size };
}

async function waitForReminders(run: Run, deadline: number): Promise<void> {
  while (run.received.size < run.reminderDueAt.length && Date.now() < deadline) await sleep(200);
}

/** The same reminders with nothing else going on, against the same limits. */
async function quietReminders(options: BurstOptions): Promise<ReturnType<typeof reminderLateness>> {
  const run = await botWithDueReminders(options, Date.now() + leadTime(options) + options.remindersFromMs);
  try {
    await waitForReminders(run, (run.reminderDueAt.at(-1) as number) + 30_000);
    return reminderLateness(run);
  } finally {
    await run.h.close();
  }
}

export async function benchBurst(options: BurstOptions = DEFAULT_BURST_OPTIONS): Promise<BurstResult> {
  console.log(`  quiet: ${options.reminders} reminders over ${options.spreadMs / 1000}s with Slack's limits, no burst…`);
  const quiet = await quietReminders(options);

  console.log(`  burst: ${options.complaints} complaints over ${options.spreadMs / 1000}s, the same reminders falling due…`);
  const burstStartsAt = Date.now() + leadTime(options);
  const run = await botWithDueReminders(options, burstStartsAt + options.remindersFromMs);
  const { h } = run;
  try {
    if (Date.now() > burstStartsAt) console.log('  (warning: seeding took longer than the lead time)');
    await sleep(Math.max(0, burstStartsAt - Date.now()));
    const callsBefore = h.slack.calls().length;
    const limitedBefore = h.slack.rateLimited();
    const summaries = Array.from({ length: options.complaints }, (_, i) => `Burst complaint ${String(i + 1).padStart(3, '0')} card declined at till`);
    const indexBySummary = new Map(summaries.map((summary, index) => [summary, index]));
    const sentAt: number[] = [];
    const started = performance.now();
    const submissions = summaries.map(async (summary, index) => {
      await sleep((index * options.spreadMs) / options.complaints - (performance.now() - started));
      sentAt[index] = Date.now();
      const response = await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary }) });
      if (response.status !== 200 || response.body !== '') console.log(`  burst: submission ${index + 1} answered HTTP ${response.status}: ${response.body.slice(0, 200)}`);
    });
    await Promise.all(submissions);
    const deadline = Date.now() + options.timeoutMs;
    let provisionedAllMs: number | undefined;
    let provisioned = 0;
    while (Date.now() < deadline) {
      provisioned = await provisionedCount(h);
      if (provisioned >= options.complaints) {
        provisionedAllMs = performance.now() - started;
        break;
      }
      await sleep(50);
    }
    await waitForReminders(run, Math.max(deadline, (run.reminderDueAt.at(-1) as number) + 30_000));
    await sleep(2000); // anything sent twice would arrive now

    // Refused announcement calls are recorded by the fake as well: take the answered ones.
    const answered = h.slack.calls('chat.postMessage').filter((call) => call.params.channel === TEAM_CHANNEL && call.status === 200);
    const announcedFirstAt = new Map<number, number>();
    for (const call of answered) {
      const index = indexBySummary.get(announcedSummary(call.params.text) ?? '');
      if (index !== undefined && !announcedFirstAt.has(index)) announcedFirstAt.set(index, call.at);
    }
    const latencies = [...announcedFirstAt].map(([index, at]) => at - (sentAt[index] as number));

    const caseChannels = h.slack.channels().filter((channel) => channel.name.startsWith('cmp-') && !channel.name.endsWith('-bench'));
    const caseNumbers = new Set(caseChannels.map((channel) => channel.name.split('-')[1]));
    const cardsPerChannel = caseChannels.map((channel) => h.slack.messages(channel.id).filter((message) => message.user === h.slack.botUserId && message.blocks !== undefined).length);
    const announcements = h.slack.messages(TEAM_CHANNEL).filter((message) => indexBySummary.has(announcedSummary(message.text) ?? ''));
    const duplicates = {
      channels: caseChannels.length - caseNumbers.size,
      announcements: announcements.length - new Set(announcements.map((message) => announcedSummary(message.text))).size,
      cards: cardsPerChannel.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
    };
    const calls = h.slack.calls().length - callsBefore;
    const rateLimited = h.slack.rateLimited() - limitedBefore;
    const rateLimitedByMethod: Record<string, number> = {};
    for (const call of h.slack.calls().slice(callsBefore)) if (call.status === 429) rateLimitedByMethod[call.method] = (rateLimitedByMethod[call.method] ?? 0) + 1;
    const shortestMs = shortestProvisioningMs(summaries.map((_, index) => (index * options.spreadMs) / options.complaints));
    const duringBurst = reminderLateness(run);
    const announcement = latencies.length ? summarize(latencies) : undefined;
    const targetMet =
      provisionedAllMs !== undefined &&
      provisionedAllMs <= BURST_PROVISIONING_RATIO_TARGET * shortestMs &&
      calls > 0 &&
      rateLimited / calls <= BURST_RATE_LIMITED_SHARE_TARGET &&
      duplicates.channels + duplicates.announcements + duplicates.cards === 0 &&
      quiet.summary !== undefined &&
      duringBurst.summary !== undefined &&
      quiet.missing === 0 &&
      duringBurst.missing === 0 &&
      duringBurst.summary.p99 <= quiet.summary.p99 + BURST_REMINDER_P99_MARGIN_MS;
    return {
      options,
      provisionedAllMs,
      shortestMs,
      announcement,
      calls,
      rateLimited,
      rateLimitedByMethod,
      duplicates,
      provisioned,
      remindersQuiet: quiet.summary,
      remindersDuringBurst: duringBurst.summary,
      remindersMissing: { quiet: quiet.missing, burst: duringBurst.missing },
      targetMet,
    };
  } finally {
    await h.close();
  }
}
