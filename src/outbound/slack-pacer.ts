import type { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { SlackPacer } from './slack-client.js';

/**
 * Slack's published Web API tiers, calls per minute per workspace and method
 * (https://api.slack.com/apis/rate-limits). `chat.postMessage` is special: about one
 * message per second per channel.
 */
export const SLACK_TIERS = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;
export type SlackTier = keyof typeof SLACK_TIERS;

/** The tier of every method the bot calls; a method not listed is paced as Tier 3. */
export const METHOD_TIERS: Readonly<Record<string, SlackTier>> = {
  'auth.test': 4,
  'chat.update': 3,
  'chat.postEphemeral': 4,
  'chat.getPermalink': 4,
  'conversations.archive': 2,
  'conversations.create': 2,
  'conversations.history': 3,
  'conversations.info': 3,
  'conversations.invite': 3,
  'conversations.join': 3,
  'conversations.list': 2,
  'conversations.members': 4,
  'conversations.open': 3,
  'conversations.setTopic': 2,
  'conversations.unarchive': 2,
  'files.completeUploadExternal': 4,
  'files.getUploadURLExternal': 4,
  'files.info': 4,
  'usergroups.users.list': 2,
  'users.info': 4,
  'views.open': 4,
  'views.publish': 4,
  'views.push': 4,
  'views.update': 4,
};
const DEFAULT_TIER: SlackTier = 3;
/** `chat.postMessage`: messages per second in one channel. */
export const POST_MESSAGE_PER_CHANNEL_PER_SECOND = 1;

/** Thrown when a method's next slot is further away than a job should hold its worker for: the job waits in the queue instead. */
export class PaceLaterError extends Error {
  constructor(
    readonly retryAfterMs: number,
    readonly method: string,
  ) {
    super(`paced: ${method} has no slot for ${retryAfterMs} ms`);
    this.name = 'PaceLaterError';
  }
}

export interface SlackPacerOptions {
  readonly redis: Redis;
  /** The workspace the calls go to (limits are per workspace); known once auth.test has answered. */
  readonly teamId: () => string;
  /** Redis key prefix, shared by every process of one installation. */
  readonly prefix: string;
  readonly logger: Logger;
  /** Waits up to this long inline in all; a longer wait throws PaceLaterError (default 1 s). */
  readonly maxInlineWaitMs?: number;
  /** Calls per minute by tier, for tests and benchmarks (default Slack's). */
  readonly perMinute?: Partial<Record<SlackTier, number>>;
  readonly postMessagePerSecond?: number;
  /** Calls per minute of single methods, over their tier (tests). */
  readonly perMethod?: Readonly<Record<string, number>>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The bot's own Web API calls, paced in Redis so every web and worker process shares one
 * budget per workspace and method (rate-limiter-flexible's fixed windows of a minute, and
 * of a second per channel for `chat.postMessage`). A call waits for its slot when it is
 * near; when it is not, PaceLaterError puts the job back in the queue until then, so a
 * method with a backlog never holds the worker slots that reminders need. After a 429,
 * the method waits for everyone until Retry-After has passed; other methods go on. When
 * Redis cannot answer, calls go ahead unpaced (Slack's own 429s still pause them).
 */
export class RedisSlackPacer implements SlackPacer {
  private readonly limiters = new Map<string, RateLimiterRedis>();
  private readonly maxInlineWaitMs: number;
  private lastWarnedAt = 0;

  constructor(private readonly options: SlackPacerOptions) {
    this.maxInlineWaitMs = options.maxInlineWaitMs ?? 1000;
  }

  async acquire(call: { method: string; channel?: string }): Promise<void> {
    // The bound is on the whole wait, not each sleep: when many jobs want one slot (twenty
    // announcements for one channel at one a second), each wakes to find it taken again, and
    // an unbounded loop would hold worker slots for seconds while reminders wait for one.
    let waitedMs = 0;
    for (;;) {
      const waitMs = (await this.pausedFor(call.method)) || (await this.slotIn(call));
      if (waitMs <= 0) return;
      if (waitedMs + waitMs > this.maxInlineWaitMs) throw new PaceLaterError(waitMs, call.method);
      await sleep(waitMs);
      waitedMs += waitMs;
    }
  }

  async pause(call: { method: string; retryAfterMs: number }): Promise<void> {
    try {
      // Only ever lengthened: a shorter Retry-After seen later does not cut a longer pause.
      const key = this.pauseKey(call.method);
      const ms = Math.max(1, Math.round(call.retryAfterMs));
      const created = await this.options.redis.set(key, '1', 'PX', ms, 'NX');
      if (created === null) await this.options.redis.pexpire(key, ms, 'GT');
    } catch (error) {
      this.warnUnpaced(error, call.method);
    }
  }

  /** How long the method is paused after a 429, in ms (0 when it is not). */
  private async pausedFor(method: string): Promise<number> {
    try {
      return Math.max(0, await this.options.redis.pttl(this.pauseKey(method)));
    } catch {
      return 0;
    }
  }

  /** 0 when the call may go now (its slot is taken), else how long until the next slot. */
  private async slotIn(call: { method: string; channel?: string }): Promise<number> {
    const perChannel = call.method === 'chat.postMessage' && call.channel !== undefined;
    const limiter = perChannel ? this.limiter('chat.postMessage', this.options.postMessagePerSecond ?? POST_MESSAGE_PER_CHANNEL_PER_SECOND, 1) : this.methodLimiter(call.method);
    const team = this.options.teamId();
    const key = perChannel ? `${team}:${call.channel}` : team;
    try {
      await limiter.consume(key);
      return 0;
    } catch (rejection) {
      if (rejection instanceof RateLimiterRes) return Math.max(1, rejection.msBeforeNext);
      this.warnUnpaced(rejection, call.method);
      return 0;
    }
  }

  /** Once a minute at most: during a Redis outage every call would say it. */
  private warnUnpaced(error: unknown, method: string): void {
    const now = Date.now();
    if (now - this.lastWarnedAt < 60_000) return;
    this.lastWarnedAt = now;
    this.options.logger.warn({ err: error, method }, 'Slack pacing unavailable (Redis); calling without it');
  }

  private methodLimiter(method: string): RateLimiterRedis {
    const tier = METHOD_TIERS[method] ?? DEFAULT_TIER;
    return this.limiter(method, this.options.perMethod?.[method] ?? this.options.perMinute?.[tier] ?? SLACK_TIERS[tier], 60);
  }

  private limiter(name: string, points: number, durationSeconds: number): RateLimiterRedis {
    let limiter = this.limiters.get(name);
    if (!limiter) {
      limiter = new RateLimiterRedis({ storeClient: this.options.redis, keyPrefix: `${this.options.prefix}:pace:${name}`, points, duration: durationSeconds });
      this.limiters.set(name, limiter);
    }
    return limiter;
  }

  private pauseKey(method: string): string {
    return `${this.options.prefix}:pace-pause:${this.options.teamId()}:${method}`;
  }
}
