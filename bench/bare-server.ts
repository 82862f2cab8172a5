import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Slack rejects requests whose timestamp is further than this from now. */
const MAX_SKEW_SECONDS = 5 * 60;

export interface BareServer {
  /** Where to POST, e.g. `http://127.0.0.1:4567/slack/events`. */
  readonly url: string;
  close(): Promise<void>;
}

/** True when the request carries Slack's signature of `body` under `signingSecret`, made within 5 minutes. */
export function hasValidSlackSignature(
  signingSecret: string,
  headers: IncomingMessage['headers'],
  body: Buffer,
  nowSeconds: number = Math.floor(Date.now() / 1000),
): boolean {
  const signature = headers['x-slack-signature'];
  const timestamp = headers['x-slack-request-timestamp'];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') return false;
  const seconds = Number(timestamp);
  if (!Number.isInteger(seconds) || Math.abs(nowSeconds - seconds) > MAX_SKEW_SECONDS) return false;
  const expected = Buffer.from(
    `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:`).update(body).digest('hex')}`,
  );
  const given = Buffer.from(signature);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/**
 * The lower bound for acknowledgement latency: a plain Node `http` server that reads the
 * body, checks Slack's signature and answers 200, nothing else.
 *
 * @example
 * const bare = await startBareServer('secret');
 * // POST signed requests to bare.url …
 * await bare.close();
 */
export async function startBareServer(signingSecret: string): Promise<BareServer> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const ok = hasValidSlackSignature(signingSecret, request.headers, Buffer.concat(chunks));
      response.writeHead(ok ? 200 : 401, { 'content-type': 'text/plain' });
      response.end(ok ? '' : 'invalid signature');
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/slack/events`,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
