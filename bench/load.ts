import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';
import { signSlackRequest } from '../fake-slack/slack-requests.js';

/** Every request of a benchmark gives up after this long, so a stuck target cannot hang the run. */
const REQUEST_TIMEOUT_MS = 10_000;

export interface TimedResponse {
  readonly status: number;
  readonly body: string;
  /** From just before the request was written to the end of the response body. */
  readonly ms: number;
}

/** A keep-alive agent; each target gets its own, made the same way, so both are measured alike. */
export function keepAliveAgent(maxSockets: number): Agent {
  return new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
}

/**
 * POSTs a form body signed as Slack signs it and times it. Signing happens before the clock
 * starts: it is the sender's cost, not the server's.
 */
export function postSigned(agent: Agent, url: string, signingSecret: string, body: string): Promise<TimedResponse> {
  const headers = {
    'content-type': 'application/x-www-form-urlencoded',
    'content-length': String(Buffer.byteLength(body)),
    ...signSlackRequest(signingSecret, body),
  };
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const outgoing = request(url, { method: 'POST', agent, headers, timeout: REQUEST_TIMEOUT_MS }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => {
        resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started });
      });
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer from ${url} within ${REQUEST_TIMEOUT_MS} ms`)));
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * Runs `task(0)` … `task(total - 1)` with at most `concurrency` in flight and returns the
 * results in index order.
 */
export async function runConcurrently<T>(total: number, concurrency: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results = new Array<T>(total);
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < total) {
      const index = next++;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, total) }, lane));
  return results;
}
