import { readFile } from 'node:fs/promises';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { INTAKE_CALLBACK_ID } from '../../src/blocks/intake-modal.js';
import { parsePolicy } from '../../src/config/policy.js';
import { QUEUE_NAME } from '../../src/jobs/job-queue.js';
import { REDIS_URL, startHarness, type Harness } from '../support/anthill-harness.js';
import { poll } from '../support/case-flow.js';
import { intakeValues } from '../support/intake-values.js';
import { sample, scrape } from '../support/metrics-scrape.js';

// Critical cases: the first-response warning at 1 s, its breach at 2 s (24/7 calendar).
const SECONDS_SLA = `sla:
  critical: { first_response: 2s, resolution: 1h }
  high:     { first_response: 1h, resolution: 2h }
  normal:   { first_response: 1h, resolution: 2h }
  low:      { first_response: 1h, resolution: 2h }
warn_at: 0.5`;
const TOKEN = 'metrics-token-0123456789abcdef';
const REPORTER = 'U0REP0001';
const SUMMARY = 'Fridge door came off its hinge';
let h: Harness;
let workerPort: number;
let redis: Redis;

/** Scrapes the worker until `name{labels}` reaches `atLeast`; returns the whole scrape. */
const workerScrapeWith = (name: string, labels: Record<string, string>, atLeast = 1): Promise<string> =>
  poll(async () => {
    const { text } = await scrape(workerPort, TOKEN);
    return (sample(text, name, labels) ?? 0) >= atLeast ? text : undefined;
  }, 20_000);

beforeAll(async () => {
  const fixture = await readFile(new URL('../fixtures/anthill.test.yml', import.meta.url), 'utf8');
  const policyText = fixture.replace(/sla:\n(?:\s+\w+:.*\n){4}warn_at: 0\.75/, SECONDS_SLA);
  // Web only here (the Bolt receiver); the jobs run in a worker process of their own.
  h = await startHarness({ role: 'web', policy: parsePolicy(policyText), users: [REPORTER] });
  // A worker-only Anthill in its own process, serving /healthz and /metrics (behind METRICS_TOKEN).
  workerPort = (await h.startProcess({ role: 'worker', worker: { lockDurationMs: 5000, stalledIntervalMs: 5000 }, policyText, metricsToken: TOKEN })).port as number;
  redis = new Redis(REDIS_URL, { maxRetriesPerRequest: null });
});
afterAll(async () => {
  await redis?.quit();
  await h?.close();
});

describe('GET /metrics', () => {
  it('counts a complaint, its 429, its jobs and its reminders, by kind, method and outcome, and names nobody', async () => {
    // Slack refuses the first channel creation with a 429: provisioning is retried after Retry-After.
    h.slack.failNext('conversations.create', { status: 429, retryAfter: 1 });
    await h.requests.viewSubmission({ userId: REPORTER, callbackId: INTAKE_CALLBACK_ID, values: intakeValues({ summary: SUMMARY, severity: 'critical' }) });
    await h.slack.waitFor(() => h.slack.dms('U0LEAD001').some((m) => m.text.includes('deadline for complaint #1 passed')), 20_000);

    const text = await workerScrapeWith('anthill_reminder_lateness_seconds_count', { kind: 'breach' });
    expect(sample(text, 'anthill_slack_calls_total', { method: 'conversations.create', outcome: 'rate_limited' })).toBe(1);
    expect(sample(text, 'anthill_slack_calls_total', { method: 'conversations.create', outcome: 'ok' })).toBe(1);
    expect(sample(text, 'anthill_slack_calls_total', { method: 'chat.postMessage', outcome: 'ok' })).toBeGreaterThanOrEqual(3);
    expect(sample(text, 'anthill_slack_call_duration_seconds_count', { method: 'conversations.create' })).toBe(2);
    expect(sample(text, 'anthill_job_duration_seconds_count', { kind: 'provision-case', outcome: 'retried' })).toBe(1);
    expect(sample(text, 'anthill_job_duration_seconds_count', { kind: 'provision-case', outcome: 'completed' })).toBe(1);
    expect(sample(text, 'anthill_job_duration_seconds_count', { kind: 'deadline-warning', outcome: 'completed' })).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'anthill_reminder_lateness_seconds_count', { kind: 'warning' })).toBe(1);
    expect(sample(text, 'anthill_reminder_lateness_seconds_count', { kind: 'breach' })).toBe(1);
    // Every lateness lands under the largest bucket: observed in seconds, not milliseconds.
    expect(sample(text, 'anthill_reminder_lateness_seconds_bucket', { kind: 'warning', le: '300' })).toBe(1);
    expect(sample(text, 'anthill_open_cases')).toBe(1);
    for (const state of ['waiting', 'delayed', 'active', 'prioritized', 'failed']) expect(sample(text, 'anthill_queue_jobs', { state })).toBeGreaterThanOrEqual(0);
    expect(sample(text, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(text).toContain('# HELP anthill_job_duration_seconds ');

    // The web role counts its own calls (auth.test at start, users.info for the reporter) and serves without a token.
    const web = await scrape(h.anthill.port);
    expect(web.status).toBe(200);
    expect(web.contentType).toContain('text/plain');
    expect(sample(web.text, 'anthill_slack_calls_total', { method: 'auth.test', outcome: 'ok' })).toBe(1);
    expect(sample(web.text, 'anthill_slack_calls_total', { method: 'users.info', outcome: 'ok' })).toBeGreaterThanOrEqual(1);
    expect(sample(web.text, 'anthill_open_cases')).toBe(1);

    for (const scraped of [text, web.text]) {
      for (const secret of [REPORTER, 'U0LEAD001', 'U0AAA0001', SUMMARY, 'Anna Nowak', 'anna@example.com', h.slack.token, TOKEN, 'cmp-1']) {
        expect(scraped).not.toContain(secret);
      }
    }
  });

  it('labels a job of a kind this version does not know "unknown", never with its own string', async () => {
    const queue = new Queue(QUEUE_NAME, { connection: redis, prefix: h.prefix });
    try {
      await queue.add('stray', { kind: 'mystery-U0REP0001-kind' });
      const text = await workerScrapeWith('anthill_job_duration_seconds_count', { kind: 'unknown', outcome: 'failed' });
      expect(sample(text, 'anthill_job_duration_seconds_count', { kind: 'unknown', outcome: 'failed' })).toBe(1);
      expect(text).not.toContain('mystery');
      expect(text).not.toContain('stray');
    } finally {
      await queue.close();
    }
  });

  it('answers only the bearer of METRICS_TOKEN when it is set', async () => {
    expect((await scrape(workerPort)).status).toBe(401);
    expect((await scrape(workerPort, 'metrics-token-0123456789abcdeX')).status).toBe(401);
    expect((await scrape(workerPort, 'short')).status).toBe(401);
    const right = await scrape(workerPort, TOKEN);
    expect(right.status).toBe(200);
    expect(right.text).toContain('anthill_queue_jobs');
    // /healthz stays open for load balancers.
    expect((await fetch(`http://127.0.0.1:${workerPort}/healthz`)).status).toBe(200);
  });
});
