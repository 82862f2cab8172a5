import { performance } from 'node:perf_hooks';
import { INTAKE_CALLBACK_ID } from '../src/blocks/intake-modal.js';
import { SIGNING_SECRET, startHarness, type Harness } from '../test/support/anthill-harness.js';
import { IntakeClient } from './intake-client.js';
import { ms, summarize, type LatencySummary } from './stats.js';

/** The target for the time from submitting the form to the team-channel announcement, at p95. */
export const INTAKE_P95_TARGET_MS = 1000;
/** The target for the time from submitting the form to the bot's answer (the form closing), at p99. */
export const SUBMISSION_P99_TARGET_MS = 500;

const TEAM_CHANNEL = 'C0TEAM0001';
const REPORTER = 'U0REP0001';
const POLL_MS = 10;

export interface IntakeOptions {
  /** Complaints submitted at once. */
  readonly complaints: number;
  /** How long to wait for every announcement (and then every provisioning) before giving up. */
  readonly timeoutMs: number;
}

export const DEFAULT_INTAKE_OPTIONS: IntakeOptions = { complaints: 50, timeoutMs: 60_000 };

export interface IntakeResult {
  readonly options: IntakeOptions;
  /** Submission sent → announcement call arriving at the fake Slack, for matched announcements. */
  readonly toAnnouncement: LatencySummary | undefined;
  /** Submission sent → the bot's HTTP answer (the form closing). */
  readonly submissionAck: LatencySummary | undefined;
  readonly rejectedSubmissions: number;
  readonly storedCases: number;
  readonly channels: number;
  readonly announcements: number;
  readonly cards: number;
  /** Extra channels per case number, extra announcements per summary, extra cards per channel. */
  readonly duplicates: { readonly channels: number; readonly announcements: number; readonly cards: number };
  /** Submissions whose announcement never arrived. */
  readonly unannounced: number;
  /** Every submission answered, announced and provisioned once, announcements p95 under target. */
  readonly targetMet: boolean;
  /** Every submission answered with the form closing, p99 under target. */
  readonly submissionTargetMet: boolean;
}

/** A summary that survives escaping unchanged and is no prefix of another. */
function summaryFor(index: number): string {
  return `Bench complaint ${String(index + 1).padStart(3, '0')} parcel arrived late`;
}

/** The summary inside an announcement's text: `<!here> New complaint #N: <summary> · …`. */
export function announcedSummary(text: unknown): string | undefined {
  if (typeof text !== 'string') return undefined;
  return /New complaint #\d+: (.+?) · /.exec(text)?.[1];
}

async function waitUntil(condition: () => boolean | Promise<boolean>, deadline: number): Promise<boolean> {
  while (Date.now() < deadline) {
    if (await condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  return condition();
}

async function countRows(harness: Harness, table: 'cases' | 'case_channels', onlyProvisioned = false): Promise<number> {
  let query = harness.database.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as('n'));
  if (onlyProvisioned) query = query.where('reporter_told_at', 'is not', null);
  return Number((await query.executeTakeFirstOrThrow()).n);
}

/** Milliseconds since the epoch with sub-millisecond precision, comparable with the client process's. */
const epochNow = (): number => performance.timeOrigin + performance.now();

/**
 * Submits `complaints` intake forms at the same moment to the real bot (role `all`) and
 * times each until the fake Slack receives its announcement in the team channel; then
 * checks every complaint got exactly one channel, one card and one announcement. The
 * forms are signed and sent by a client process of their own (Slack's part), so its work
 * is not charged to the bot.
 */
export async function benchIntake(options: IntakeOptions = DEFAULT_INTAKE_OPTIONS): Promise<IntakeResult> {
  const client = await IntakeClient.start();
  const harness = await startHarness({ role: 'all', users: [REPORTER], botProcess: true }).catch(async (error: unknown) => {
    await client.close();
    throw error;
  });
  try {
    harness.slack.addUserGroup('S0GRP0001', ['U0GRP0001', 'U0GRP0002', 'U0AAA0001']);
    const summaries = Array.from({ length: options.complaints }, (_, index) => summaryFor(index));
    const indexBySummary = new Map(summaries.map((summary, index) => [summary, index]));
    const announcedAt = Array.from({ length: options.complaints }, (): number | undefined => undefined);
    let announcementCalls = 0;
    const stopListening = harness.slack.onCall((call) => {
      if (call.method !== 'chat.postMessage' || call.params.channel !== TEAM_CHANNEL) return;
      const arrived = epochNow();
      announcementCalls += 1;
      const index = indexBySummary.get(announcedSummary(call.params.text) ?? '');
      if (index !== undefined && announcedAt[index] === undefined) announcedAt[index] = arrived;
    });

    const submissionAcks: number[] = [];
    let rejectedSubmissions = 0;
    let sentAt: number[] = [];
    const deadline = Date.now() + options.timeoutMs;
    // This process's CPU (the bot, and the fake Slack it shares the process with): on a busy
    // machine the wall-clock figures stretch, this much less.
    const cpuBefore = process.cpuUsage();
    const wallBefore = performance.now();
    try {
      const timings = await client.submit({
        baseUrl: `http://127.0.0.1:${harness.anthill.port}`,
        signingSecret: SIGNING_SECRET,
        teamId: harness.slack.teamId,
        userId: REPORTER,
        callbackId: INTAKE_CALLBACK_ID,
        summaries,
      });
      sentAt = timings.map((timing) => timing.sentAt);
      timings.forEach((timing, index) => {
        // A closing form is an empty 200; anything else (field errors, failures) is a rejection.
        if (timing.status === 200 && timing.body === '') submissionAcks.push(timing.answeredMs);
        else {
          rejectedSubmissions += 1;
          console.log(`  intake: submission ${index + 1} answered HTTP ${timing.status}: ${timing.body}`);
        }
      });
      await waitUntil(() => announcedAt.every((at) => at !== undefined), deadline);
      const cpu = process.cpuUsage(cpuBefore);
      console.log(
        `  intake: CPU of the bot's process until the last announcement ${ms((cpu.user + cpu.system) / 1000)} in ${ms(performance.now() - wallBefore)}`,
      );
      // Let provisioning finish (the reporter's DM is its last step) so the counts are final.
      await waitUntil(async () => (await countRows(harness, 'case_channels', true)) >= options.complaints - rejectedSubmissions, deadline);
    } finally {
      stopListening();
    }

    const latencies = announcedAt.flatMap((at, index) => (at === undefined ? [] : [at - (sentAt[index] as number)]));
    const unannounced = announcedAt.filter((at) => at === undefined).length;

    const caseChannels = harness.slack.channels().filter((channel) => channel.name.startsWith('cmp-'));
    const caseNumbers = new Set(caseChannels.map((channel) => channel.name.split('-')[1]));
    const announcements = harness.slack.messages(TEAM_CHANNEL);
    const announcedSummaries = new Set(announcements.map((message) => announcedSummary(message.text)));
    const cardsPerChannel = caseChannels.map(
      (channel) => harness.slack.messages(channel.id).filter((message) => message.user === harness.slack.botUserId && message.blocks !== undefined).length,
    );
    const cards = cardsPerChannel.reduce((sum, count) => sum + count, 0);
    const duplicates = {
      channels: caseChannels.length - caseNumbers.size,
      announcements: Math.max(announcements.length, announcementCalls) - announcedSummaries.size,
      cards: cardsPerChannel.reduce((sum, count) => sum + Math.max(0, count - 1), 0),
    };
    const storedCases = await countRows(harness, 'cases');
    const toAnnouncement = latencies.length > 0 ? summarize(latencies) : undefined;
    const complete =
      rejectedSubmissions === 0 &&
      unannounced === 0 &&
      storedCases === options.complaints &&
      caseChannels.length === options.complaints &&
      announcements.length === options.complaints &&
      cards === options.complaints &&
      duplicates.channels + duplicates.announcements + duplicates.cards === 0;
    const submissionAck = submissionAcks.length > 0 ? summarize(submissionAcks) : undefined;
    if (submissionAck) console.log(`  intake: submissions answered p50 ${ms(submissionAck.p50)} p95 ${ms(submissionAck.p95)} p99 ${ms(submissionAck.p99)}`);
    if (toAnnouncement) console.log(`  intake: announcements p50 ${ms(toAnnouncement.p50)} p95 ${ms(toAnnouncement.p95)} max ${ms(toAnnouncement.max)}`);
    return {
      options,
      toAnnouncement,
      submissionAck,
      rejectedSubmissions,
      storedCases,
      channels: caseChannels.length,
      announcements: announcements.length,
      cards,
      duplicates,
      unannounced,
      targetMet: complete && toAnnouncement !== undefined && toAnnouncement.p95 < INTAKE_P95_TARGET_MS,
      submissionTargetMet: rejectedSubmissions === 0 && submissionAck !== undefined && submissionAck.p99 < SUBMISSION_P99_TARGET_MS,
    };
  } finally {
    await harness.close();
    await client.close();
  }
}
