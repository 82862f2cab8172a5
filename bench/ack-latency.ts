import { startHarness, SIGNING_SECRET } from '../test/support/anthill-harness.js';
import { FAKE_WORKSPACE } from '../fake-slack/index.js';
import { startBareServer } from './bare-server.js';
import { LoadClient, type LoadJob } from './load-client.js';
import { ms, summarize, type LatencySummary } from './stats.js';

/** The target: the bot's p99 at most this many times the bare server's. */
export const ACK_RATIO_TARGET = 2;

export interface AckLatencyOptions {
  /** Measured requests per target, split evenly over the rounds. */
  readonly requests: number;
  readonly concurrency: number;
  /** Unmeasured requests per target before the first round. */
  readonly warmup: number;
  readonly rounds: number;
}

export const DEFAULT_ACK_OPTIONS: AckLatencyOptions = { requests: 500, concurrency: 20, warmup: 200, rounds: 10 };

export interface AckLatencyResult {
  readonly options: AckLatencyOptions;
  readonly bare: LatencySummary;
  readonly bot: LatencySummary;
  /** Bot p99 / bare p99. */
  readonly ratio: number;
  readonly targetMet: boolean;
  /** Requests that failed or were not answered as expected; they are left out of the figures. */
  readonly failures: { readonly bare: number; readonly bot: number };
}

interface Target {
  readonly name: 'bare' | 'bot';
  readonly job: Omit<LoadJob, 'count'>;
  readonly samples: number[];
  failures: number;
  firstFailure?: string;
}

/** The form fields of `/complaint help`, as Slack sends them (the trigger id is added per request). */
function helpCommandForm(responseUrl: string): Record<string, string> {
  return {
    token: 'fake-verification-token',
    team_id: FAKE_WORKSPACE.teamId,
    team_domain: FAKE_WORKSPACE.teamDomain,
    channel_id: 'C0SOMEWHERE',
    channel_name: 'fake-channel',
    user_id: 'U0REP0001',
    user_name: 'u0rep0001',
    command: '/complaint',
    text: 'help',
    api_app_id: FAKE_WORKSPACE.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
  };
}

async function load(client: LoadClient, target: Target, count: number, measure: boolean): Promise<number[]> {
  const result = await client.run({ ...target.job, count });
  if (result.firstFailure !== undefined) target.firstFailure ??= result.firstFailure;
  if (!measure) return [];
  target.failures += result.failures;
  target.samples.push(...result.samples);
  return result.samples;
}

/**
 * Acknowledgement latency of `/complaint help` on the real bot (role `all`) against a bare
 * Node server that only checks the signature, both in this process. The load comes from a
 * separate client process with identical keep-alive agents for both, and the targets take
 * turns round by round (who goes first alternates), so machine noise falls on both alike.
 */
export async function benchAckLatency(options: AckLatencyOptions = DEFAULT_ACK_OPTIONS): Promise<AckLatencyResult> {
  const perRound = Math.ceil(options.requests / options.rounds);
  const harness = await startHarness({ role: 'all', users: ['U0REP0001'], botProcess: true });
  const bare = await startBareServer(SIGNING_SECRET);
  const client = await LoadClient.start();
  try {
    const form = helpCommandForm(harness.catcher.url);
    const common = { signingSecret: SIGNING_SECRET, form, concurrency: options.concurrency };
    const targets: Record<Target['name'], Target> = {
      bare: { name: 'bare', job: { ...common, url: bare.url }, samples: [], failures: 0 },
      // Help is answered in the acknowledgement itself, as an ephemeral message.
      bot: {
        name: 'bot',
        job: { ...common, url: `http://127.0.0.1:${harness.anthill.port}/slack/events`, expectBodyIncludes: '/complaint help' },
        samples: [],
        failures: 0,
      },
    };

    for (const target of [targets.bare, targets.bot]) await load(client, target, options.warmup, false);

    for (let round = 0; round < options.rounds; round++) {
      const count = Math.min(perRound, options.requests - round * perRound);
      if (count <= 0) break;
      const order = round % 2 === 0 ? [targets.bare, targets.bot] : [targets.bot, targets.bare];
      const line: string[] = [];
      for (const target of order) {
        const taken = await load(client, target, count, true);
        if (taken.length > 0) {
          const summary = summarize(taken);
          line.push(`${target.name} p50 ${ms(summary.p50)} p99 ${ms(summary.p99)}`);
        }
      }
      console.log(`  ack round ${String(round + 1).padStart(2)}/${options.rounds} (${count} each): ${line.join(' | ')}`);
    }

    for (const target of [targets.bare, targets.bot]) {
      if (target.firstFailure !== undefined) console.log(`  ${target.name}: ${target.failures} failed measured request(s); first failure: ${target.firstFailure}`);
      if (target.samples.length === 0) throw new Error(`no successful measured requests to the ${target.name} server`);
    }
    const bareSummary = summarize(targets.bare.samples);
    const botSummary = summarize(targets.bot.samples);
    const ratio = botSummary.p99 / bareSummary.p99;
    return {
      options,
      bare: bareSummary,
      bot: botSummary,
      ratio,
      targetMet: ratio <= ACK_RATIO_TARGET && targets.bot.failures === 0,
      failures: { bare: targets.bare.failures, bot: targets.bot.failures },
    };
  } finally {
    await client.close();
    await bare.close();
    await harness.close();
  }
}
