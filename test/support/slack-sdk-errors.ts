import { once } from 'node:events';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { LogLevel, WebClient, type Logger as SlackSdkLogger } from '@slack/web-api';
import { FakeSlack } from '../../fake-slack/index.js';

/** What a leaky log would show: a bot token, a signing secret, a message with a customer's details. */
export const LEAK_PROBES = {
  token: 'xoxb-20261123-7711-LogSafetyProbeToken',
  signingSecret: 'c0ffee5ec7e7ab1e5161a1c0de0123ab',
  customerName: 'Jane Kowalska',
  customerEmail: 'jane.kowalska@example.com',
} as const;

/** A message that carries the customer's details, as the card and announcements do. */
export const CUSTOMER_MESSAGE = `${LEAK_PROBES.customerName} <${LEAK_PROBES.customerEmail}> was charged twice for order 4471`;

/** Every probe that must never reach a log, and fragments of them (a slug shows the surname alone). */
export const MUST_NOT_LEAK: readonly string[] = [
  LEAK_PROBES.token,
  LEAK_PROBES.signingSecret,
  CUSTOMER_MESSAGE,
  LEAK_PROBES.customerEmail,
  'kowalska',
];

export type SdkFailureKind = 'closed port' | 'connection reset' | 'HTTP 500' | 'HTTP 429' | 'platform error';

/**
 * Real `@slack/web-api` errors, produced by a real `WebClient` built the way Anthill builds
 * its own (no SDK retries, rate limits rejected), calling `chat.postMessage` with
 * `CUSTOMER_MESSAGE`: a closed port, a server that resets the connection, an HTTP 500,
 * an HTTP 429 with `Retry-After: 7`, and `ok: false` with `channel_not_found`.
 */
export class SdkErrors {
  private constructor(
    private readonly slack: FakeSlack,
    private readonly resetting: Server,
    private readonly closedPort: number,
  ) {}

  static async start(): Promise<SdkErrors> {
    const slack = await FakeSlack.start({ token: LEAK_PROBES.token });
    slack.createChannel({ name: 'cmp-1-charged-twice', id: 'C0CASE0001' });
    const resetting = createServer((socket) => socket.destroy()).listen(0, '127.0.0.1');
    await once(resetting, 'listening');
    const closed = createServer().listen(0, '127.0.0.1');
    await once(closed, 'listening');
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    return new SdkErrors(slack, resetting, closedPort);
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.resetting.close(resolve));
    await this.slack.stop();
  }

  /** The error the SDK throws for `kind`; `logger` receives the SDK's own log lines. */
  async thrown(kind: SdkFailureKind, logger?: SlackSdkLogger): Promise<Error> {
    let apiUrl = this.slack.apiUrl;
    if (kind === 'closed port') apiUrl = `http://127.0.0.1:${this.closedPort}/api/`;
    if (kind === 'connection reset') apiUrl = `http://127.0.0.1:${(this.resetting.address() as AddressInfo).port}/api/`;
    if (kind === 'HTTP 500') this.slack.failNext('chat.postMessage', { status: 500 });
    if (kind === 'HTTP 429') this.slack.failNext('chat.postMessage', { status: 429, retryAfter: 7 });
    if (kind === 'platform error') this.slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    const client = new WebClient(LEAK_PROBES.token, {
      slackApiUrl: apiUrl,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
      timeout: 10_000,
      ...(logger ? { logger } : { logLevel: LogLevel.ERROR }),
    });
    try {
      await client.chat.postMessage({
        channel: 'C0CASE0001',
        text: CUSTOMER_MESSAGE,
        blocks: [{ type: 'section', text: { type: 'plain_text', text: CUSTOMER_MESSAGE } }],
      });
    } catch (error) {
      return error as Error;
    }
    throw new Error(`chat.postMessage did not fail for ${kind}`);
  }
}
