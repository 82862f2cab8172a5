import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PacedWebClient } from '../../src/outbound/slack-client.js';
import { METHOD_TIERS, PaceLaterError, RedisSlackPacer } from '../../src/outbound/slack-pacer.js';
import { createLogger } from '../../src/logger.js';
import { REDIS_URL } from '../support/anthill-harness.js';
import { FakeSlack, SLACK_METHOD_TIERS } from '../../fake-slack/index.js';
import { captureLog } from '../support/log-capture.js';

const logger = createLogger('silent');
const connections: Redis[] = [];
let prefix: string;

function connect(url = REDIS_URL): Redis {
  const redis = new Redis(url, { maxRetriesPerRequest: 1, commandTimeout: 1000 });
  redis.on('error', () => undefined);
  connections.push(redis);
  return redis;
}

/** A pacer as one process has it: its own Redis connection, the installation's shared prefix. */
function pacer(options: Partial<ConstructorParameters<typeof RedisSlackPacer>[0]> = {}): RedisSlackPacer {
  return new RedisSlackPacer({ redis: connect(), teamId: () => 'T0PACE001', prefix, logger, maxInlineWaitMs: 0, ...options });
}

/** Settles every acquire: how many went at once, and the waits of those paced later. */
async function outcomes(calls: Promise<void>[]): Promise<{ went: number; later: number[] }> {
  const settled = await Promise.allSettled(calls);
  const later = settled.flatMap((result) => (result.status === 'rejected' && result.reason instanceof PaceLaterError ? [result.reason.retryAfterMs] : []));
  const went = settled.filter((result) => result.status === 'fulfilled').length;
  expect(went + later.length).toBe(calls.length);
  return { went, later };
}

beforeAll(() => {
  prefix = `anthill-pace-test-${randomBytes(4).toString('hex')}`;
});
afterAll(async () => {
  const redis = connect();
  const keys = await redis.keys(`${prefix}:*`);
  if (keys.length > 0) await redis.del(...keys);
  await Promise.all(connections.map((connection) => connection.quit().catch(() => undefined)));
});

describe('the shared pace of one method', () => {
  it('holds across two processes: five calls of a method allowed three a minute, three go and two wait', async () => {
    const first = pacer({ perMinute: { 2: 3 } });
    const second = pacer({ perMinute: { 2: 3 } });
    const method = 'conversations.create';
    const { went, later } = await outcomes([first, second, first, second, first].map((p) => p.acquire({ method })));
    expect(went).toBe(3);
    expect(later).toHaveLength(2);
    for (const wait of later) {
      expect(wait).toBeGreaterThan(0);
      expect(wait).toBeLessThanOrEqual(60_000);
    }
    // Another method of the same tier has its own budget.
    await expect(first.acquire({ method: 'conversations.archive' })).resolves.toBeUndefined();
  });

  it('allows chat.postMessage one a second per channel: a second message to a channel waits, another channel does not', async () => {
    const p = pacer();
    await p.acquire({ method: 'chat.postMessage', channel: 'C0ONE' });
    const again = await outcomes([p.acquire({ method: 'chat.postMessage', channel: 'C0ONE' })]);
    expect(again.went).toBe(0);
    expect(again.later[0]).toBeLessThanOrEqual(1000);
    await expect(p.acquire({ method: 'chat.postMessage', channel: 'C0TWO' })).resolves.toBeUndefined();
  });

  it('bounds the whole inline wait, not each: of three calls wanting one channel’s next slot, one waits for it and two go back to the queue', async () => {
    const p = pacer({ maxInlineWaitMs: 1000, postMessagePerSecond: 1 });
    await p.acquire({ method: 'chat.postMessage', channel: 'C0BUSY' });
    // Each sleeps until the next second's slot; one takes it, and for the others the slot after is past the budget.
    const { went, later } = await outcomes([0, 1, 2].map(() => p.acquire({ method: 'chat.postMessage', channel: 'C0BUSY' })));
    expect(went).toBe(1);
    expect(later).toHaveLength(2);
  });

  it('paces conversations.setTopic as Slack does, Tier 2: the third topic in a minute of two waits, even with Tier 3 wide open', async () => {
    const p = pacer({ perMinute: { 2: 2, 3: 50 } });
    const { went, later } = await outcomes([0, 1, 2].map(() => p.acquire({ method: 'conversations.setTopic' })));
    expect(went).toBe(2);
    expect(later).toHaveLength(1);
  });

  it('knows every method at the tier the fake Slack (Slack’s method reference) gives it', () => {
    const disagreeing = Object.entries(METHOD_TIERS).filter(([method, tier]) => SLACK_METHOD_TIERS[method] !== tier);
    expect(disagreeing).toEqual([]);
  });

  it('waits inline for a slot that is near instead of giving the job back', async () => {
    const p = pacer({ maxInlineWaitMs: 5000, postMessagePerSecond: 1 });
    await p.acquire({ method: 'chat.postMessage', channel: 'C0NEAR' });
    await expect(p.acquire({ method: 'chat.postMessage', channel: 'C0NEAR' })).resolves.toBeUndefined();
  });
});

describe('a 429', () => {
  it('pauses its method for everyone until Retry-After; other methods go on; a shorter Retry-After never cuts it', async () => {
    const one = pacer();
    const other = pacer();
    await one.pause({ method: 'chat.update', retryAfterMs: 30_000 });
    await one.pause({ method: 'chat.update', retryAfterMs: 1_000 });
    const paused = await outcomes([other.acquire({ method: 'chat.update' })]);
    expect(paused.went).toBe(0);
    expect(paused.later[0]).toBeGreaterThan(25_000);
    await expect(other.acquire({ method: 'conversations.invite' })).resolves.toBeUndefined();
  });

  it('met by the bot’s client pauses the method: the next call of it waits, another method does not', async () => {
    const slack = await FakeSlack.start();
    try {
      const p = pacer();
      const client = new PacedWebClient(slack.token, { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 }, rejectRateLimitedCalls: true }, { pacer: p });
      slack.failNext('conversations.setTopic', { status: 429, retryAfter: 20 });
      slack.createChannel({ name: 'paced', id: 'C0PACED01', botIsMember: true });
      await expect(client.conversations.setTopic({ channel: 'C0PACED01', topic: 'x' })).rejects.toMatchObject({ code: 'slack_webapi_rate_limited_error' });
      await expect(client.conversations.setTopic({ channel: 'C0PACED01', topic: 'x' })).rejects.toBeInstanceOf(PaceLaterError);
      expect(slack.calls('conversations.setTopic')).toHaveLength(1);
      await expect(client.conversations.info({ channel: 'C0PACED01' })).resolves.toMatchObject({ ok: true });
    } finally {
      await slack.stop();
    }
  });
});

describe('without Redis', () => {
  it('lets calls go unpaced and says so once', async () => {
    const log = captureLog('warn');
    const p = new RedisSlackPacer({ redis: connect('redis://127.0.0.1:9'), teamId: () => 'T0PACE001', prefix, logger: log.logger, maxInlineWaitMs: 0 });
    await expect(p.acquire({ method: 'conversations.create' })).resolves.toBeUndefined();
    await expect(p.acquire({ method: 'conversations.create' })).resolves.toBeUndefined();
    expect(log.entries().filter((entry) => entry.msg === 'Slack pacing unavailable (Redis); calling without it')).toHaveLength(1);
  });
});
