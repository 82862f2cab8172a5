import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { AnthillMetrics } from '../../src/metrics/anthill-metrics.js';
import { scrape } from '../support/metrics-scrape.js';
import { FakeSlack } from '../../fake-slack/index.js';
import { loadEnvironment } from '../../src/config/environment.js';
import type { AppContext } from '../../src/context.js';
import { createSlackApp } from '../../src/slack/create-app.js';

const ctx = { logger: pino({ level: 'silent' }) } as unknown as AppContext;
const healthy = async () => ({ ok: true, failed: [] });

describe('createSlackApp', () => {
  it('builds a Socket Mode app when SLACK_APP_TOKEN is set, without a signing secret', () => {
    const env = loadEnvironment({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1', SLACK_API_URL: 'http://127.0.0.1:9/api/' });
    expect(env.slackSigningSecret).toBeUndefined();
    const app = createSlackApp(ctx, env, healthy);
    expect(app).toBeInstanceOf(App);
    expect(app.client.slackApiUrl).toBe('http://127.0.0.1:9/api/');
    // The socket connection itself is opened through the same Web API address.
    const receiver = (app as unknown as { receiver: { client: { webClient: { slackApiUrl: string } } } }).receiver;
    expect(receiver.client.webClient.slackApiUrl).toBe('http://127.0.0.1:9/api/');
  });

  it('builds an HTTP app otherwise, its client pointed at SLACK_API_URL', () => {
    const env = loadEnvironment({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 's', SLACK_API_URL: 'http://127.0.0.1:9/api' });
    const app = createSlackApp(ctx, env, healthy);
    expect(app.client.slackApiUrl).toBe('http://127.0.0.1:9/api/');
  });

  it('serves GET /metrics beside /slack/events, only to the bearer of METRICS_TOKEN when it is set', async () => {
    const token = 'web-metrics-token-0123456789';
    // Bolt asks auth.test at start: the fake Slack answers it.
    const slack = await FakeSlack.start();
    const env = loadEnvironment({ SLACK_BOT_TOKEN: slack.token, SLACK_SIGNING_SECRET: 's', SLACK_API_URL: slack.apiUrl, PORT: '0', METRICS_TOKEN: token });
    const metrics = new AnthillMetrics();
    metrics.slackObserver.onCall({ method: 'chat.postMessage', outcome: 'ok', durationMs: 12 });
    const app = createSlackApp({ ...ctx, metrics }, env, healthy);
    const server = (await app.start(0)) as Server;
    try {
      const port = (server.address() as AddressInfo).port;
      expect((await scrape(port)).status).toBe(401);
      expect((await scrape(port, `${token}x`)).status).toBe(401);
      const right = await scrape(port, token);
      expect(right.status).toBe(200);
      expect(right.text).toContain('anthill_slack_calls_total{method="chat.postMessage",outcome="ok"} 1');
    } finally {
      await app.stop();
      await slack.stop();
    }
  });
});
