import { WebClient, type WebAPICallResult, type WebClientOptions } from '@slack/web-api';
import { classifySlackError } from './slack-errors.js';

/** How one Web API call ended: answered, refused by Slack (any error), or rate limited (429). */
export type SlackCallOutcome = 'ok' | 'error' | 'rate_limited';

/** Told about every Web API call the bot's own client makes (metrics). */
export interface SlackCallObserver {
  onCall(call: { method: string; outcome: SlackCallOutcome; durationMs: number; slackError?: string }): void;
}

/**
 * Keeps the bot's calls within Slack's published limits, shared by every process: before
 * a call, `acquire` waits for the method's next slot (per workspace, and per channel for
 * `chat.postMessage`); after a 429, `pause` makes that method wait for everyone until
 * Retry-After has passed, while other methods go on.
 */
export interface SlackPacer {
  acquire(call: { method: string; channel?: string }): Promise<void>;
  pause(call: { method: string; channel?: string; retryAfterMs: number }): Promise<void>;
}

export interface SlackClientHooks {
  readonly pacer?: SlackPacer;
  readonly observer?: SlackCallObserver;
}

/**
 * The bot's Web API client: every method (`chat.postMessage`, `views.publish`, …) goes
 * through `apiCall`, so pacing and observation happen in one place for all of them.
 */
export class PacedWebClient extends WebClient {
  constructor(
    token: string,
    options: WebClientOptions,
    private readonly hooks: SlackClientHooks = {},
  ) {
    super(token, options);
  }

  override async apiCall(method: string, options: Record<string, unknown> = {}): Promise<WebAPICallResult> {
    const channel = typeof options.channel === 'string' ? options.channel : undefined;
    await this.hooks.pacer?.acquire({ method, ...(channel !== undefined && { channel }) });
    const started = performance.now();
    try {
      const result = await super.apiCall(method, options);
      this.hooks.observer?.onCall({ method, outcome: 'ok', durationMs: performance.now() - started });
      return result;
    } catch (error) {
      const failure = classifySlackError(error);
      const durationMs = performance.now() - started;
      if (failure.kind === 'rate_limited') {
        this.hooks.observer?.onCall({ method, outcome: 'rate_limited', durationMs });
        await this.hooks.pacer?.pause({ method, ...(channel !== undefined && { channel }), retryAfterMs: failure.retryAfterMs });
      } else {
        this.hooks.observer?.onCall({ method, outcome: 'error', durationMs, ...(failure.kind === 'permanent' && { slackError: failure.error }) });
      }
      throw error;
    }
  }
}
