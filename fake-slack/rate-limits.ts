/**
 * Slack's published Web API rate limits (https://api.slack.com/apis/rate-limits), as the
 * fake enforces them when asked: each method has a tier of calls per minute per workspace,
 * and `chat.postMessage`, which has no tier, allows about one message a second per channel
 * with short bursts.
 * A refused call is answered as Slack answers it: HTTP 429, `Retry-After` in whole seconds.
 *
 * The table is the fake's own, from Slack's documentation of each method, not the bot's
 * (src/outbound/slack-pacer.ts): the fake stands for Slack, and a bot whose table is wrong
 * must meet 429s here as it would there.
 */

/** Calls per minute per workspace, by Slack's tier. */
export const TIER_PER_MINUTE = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;
export type Tier = keyof typeof TIER_PER_MINUTE;

/** Each method's tier as Slack's method reference gives it. */
export const SLACK_METHOD_TIERS: Readonly<Record<string, Tier>> = {
  'auth.test': 4,
  'chat.getPermalink': 4,
  'chat.postEphemeral': 4,
  'chat.update': 3,
  'chat.delete': 3,
  'conversations.archive': 2,
  'conversations.create': 2,
  'conversations.history': 3,
  'conversations.info': 3,
  'conversations.invite': 3,
  'conversations.join': 3,
  'conversations.list': 2,
  'conversations.members': 4,
  'conversations.open': 3,
  'conversations.replies': 3,
  'conversations.setTopic': 2,
  'conversations.unarchive': 2,
  'files.completeUploadExternal': 4,
  'files.getUploadURLExternal': 4,
  'files.info': 4,
  'usergroups.users.list': 2,
  'users.info': 4,
  'users.lookupByEmail': 3,
  'views.open': 4,
  'views.publish': 4,
  'views.push': 4,
  'views.update': 4,
};

/** A method Slack's reference lists without a tier here: Tier 3, the common one. */
const DEFAULT_TIER: Tier = 3;

export interface RateLimitSettings {
  /** Calls per minute of single methods, over their tier (tests that must not wait a minute). */
  readonly perMinute?: Readonly<Record<string, number>>;
  /** `chat.postMessage` in one channel: a bucket of this many messages… */
  readonly postMessageBurst?: number;
  /** …refilled at this many a second. */
  readonly postMessagePerSecond?: number;
}

/** `rateLimits: 'slack'` is Slack's published limits; an object adjusts them. */
export type RateLimitOption = 'slack' | RateLimitSettings;

const MINUTE_MS = 60_000;

interface Window {
  startedAt: number;
  calls: number;
}

interface Bucket {
  tokens: number;
  refilledAt: number;
}

/**
 * Decides per call whether Slack would answer it or refuse it with 429: fixed windows of a
 * minute per method, and a token bucket per channel for `chat.postMessage`.
 */
export class SlackRateLimits {
  private readonly windows = new Map<string, Window>();
  private readonly buckets = new Map<string, Bucket>();
  private readonly refused = new Map<string, number>();
  private readonly perMinute: Readonly<Record<string, number>>;
  private readonly burst: number;
  private readonly perSecond: number;

  constructor(option: RateLimitOption, private readonly now: () => number = Date.now) {
    const settings = option === 'slack' ? {} : option;
    this.perMinute = settings.perMinute ?? {};
    this.burst = settings.postMessageBurst ?? 3;
    this.perSecond = settings.postMessagePerSecond ?? 1;
  }

  /** Calls per minute allowed for `method`. */
  limitOf(method: string): number {
    const set = this.perMinute[method];
    if (set !== undefined) return set;
    // chat.postMessage has no tier: Slack limits it per channel (the bucket below).
    if (method === 'chat.postMessage') return Number.POSITIVE_INFINITY;
    return TIER_PER_MINUTE[SLACK_METHOD_TIERS[method] ?? DEFAULT_TIER];
  }

  /**
   * Counts the call and returns undefined when Slack would answer it, or the whole seconds
   * to wait (Slack's `Retry-After`) when it would refuse it. A refused call counts nothing.
   */
  admit(method: string, channel: string | undefined): number | undefined {
    const waitMs = this.waitFor(method, channel);
    if (waitMs > 0) {
      this.refused.set(method, (this.refused.get(method) ?? 0) + 1);
      return Math.max(1, Math.ceil(waitMs / 1000));
    }
    const now = this.now();
    this.windowOf(method, now).calls += 1;
    if (method === 'chat.postMessage' && channel !== undefined) this.bucketOf(channel, now).tokens -= 1;
    return undefined;
  }

  /** How long, in ms, until Slack would answer this call (0: now); counts nothing. */
  waitFor(method: string, channel: string | undefined): number {
    const now = this.now();
    const window = this.windows.get(method);
    // A window opens at a method's first call after the last one closed.
    if (window !== undefined && now < window.startedAt + MINUTE_MS && window.calls >= this.limitOf(method)) return window.startedAt + MINUTE_MS - now;
    if (method === 'chat.postMessage' && channel !== undefined) {
      const bucket = this.bucketOf(channel, now);
      if (bucket.tokens < 1) return Math.ceil(((1 - bucket.tokens) / this.perSecond) * 1000);
    }
    return 0;
  }

  /** 429s answered so far, of one method or all. */
  refusals(method?: string): number {
    if (method !== undefined) return this.refused.get(method) ?? 0;
    let total = 0;
    for (const count of this.refused.values()) total += count;
    return total;
  }

  private windowOf(method: string, now: number): Window {
    const window = this.windows.get(method);
    if (window !== undefined && now < window.startedAt + MINUTE_MS) return window;
    const fresh = { startedAt: now, calls: 0 };
    this.windows.set(method, fresh);
    return fresh;
  }

  private bucketOf(channel: string, now: number): Bucket {
    const bucket = this.buckets.get(channel) ?? { tokens: this.burst, refilledAt: now };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((now - bucket.refilledAt) / 1000) * this.perSecond);
    bucket.refilledAt = now;
    this.buckets.set(channel, bucket);
    return bucket;
  }
}
