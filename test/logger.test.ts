import { Writable } from 'node:stream';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackLogger } from '../src/logger.js';
import { captureLog, findLeaks } from './support/log-capture.js';
import { CUSTOMER_MESSAGE, LEAK_PROBES, MUST_NOT_LEAK, SdkErrors, type SdkFailureKind } from './support/slack-sdk-errors.js';

function capture(level: string) {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(chunk.toString());
      done();
    },
  });
  return { logger: pino({ level }, stream), lines };
}

interface LoggedLine {
  msg?: string;
  caseNumber?: number;
  err?: { stack?: string; cause?: unknown };
  failure?: { attempts: unknown[] };
}

/** The only fields a logged error may have, at any depth. */
const ERROR_FIELDS = new Set(['type', 'message', 'code', 'slackError', 'neededScope', 'statusCode', 'retryAfter', 'retryAfterMs', 'caseNumber', 'stack', 'cause', 'original', 'errors']);

function unexpectedFields(error: unknown, path = 'err'): string[] {
  if (Array.isArray(error)) return error.flatMap((item, i) => unexpectedFields(item, `${path}[${i}]`));
  if (typeof error !== 'object' || error === null) return [];
  return Object.entries(error).flatMap(([key, value]) =>
    ERROR_FIELDS.has(key) ? (['cause', 'original', 'errors'].includes(key) ? unexpectedFields(value, `${path}.${key}`) : []) : [`${path}.${key}`],
  );
}

let sdk: SdkErrors;
beforeAll(async () => {
  sdk = await SdkErrors.start();
});
afterAll(async () => {
  await sdk.stop();
});

describe('createLogger with the Slack SDK real errors', () => {
  const expected: Record<SdkFailureKind, Record<string, unknown>> = {
    'closed port': {
      code: 'slack_webapi_request_error',
      message: expect.stringMatching(/^A request error occurred: connect ECONNREFUSED 127\.0\.0\.1:\d+$/),
      original: expect.objectContaining({ type: 'AxiosError', code: 'ECONNREFUSED' }),
    },
    'connection reset': {
      code: 'slack_webapi_request_error',
      message: 'A request error occurred: socket hang up',
      original: expect.objectContaining({ type: 'AxiosError', code: 'ECONNRESET' }),
    },
    'HTTP 500': { code: 'slack_webapi_http_error', statusCode: 500, message: 'An HTTP protocol error occurred: statusCode = 500' },
    'HTTP 429': { code: 'slack_webapi_rate_limited_error', retryAfter: 7 },
    'platform error': { code: 'slack_webapi_platform_error', slackError: 'channel_not_found' },
  };

  for (const kind of Object.keys(expected) as SdkFailureKind[]) {
    it(`logs a ${kind} with what helps, and nothing of the request, wherever the error hangs`, async () => {
      // No secrets handed to the logger: the error's structure alone must keep them out.
      const log = captureLog('debug');
      const error = await sdk.thrown(kind);
      log.logger.error({ err: error, caseNumber: 42 }, 'job failed; will retry');
      log.logger.warn(error);
      log.logger.warn({ failure: { attempts: [error] } }, 'nested deep in a field');
      log.logger.error({ err: new Error('provisioning stopped', { cause: error }) }, 'in a cause chain');

      const text = log.text();
      expect(findLeaks(text, MUST_NOT_LEAK)).toEqual([]);
      expect(text).not.toMatch(/bearer|authorization|<html|x-www-form-urlencoded/i);

      const [direct, first, nested, chained] = log.entries() as LoggedLine[];
      expect(direct!.caseNumber).toBe(42);
      expect(direct!.err).toMatchObject({ type: 'Error', ...expected[kind] });
      expect(direct!.err?.stack).toMatch(/^Error: /);
      expect(first!.err).toMatchObject(expected[kind]);
      expect(nested!.failure?.attempts[0]).toMatchObject(expected[kind]);
      expect(chained!.err?.cause).toMatchObject(expected[kind]);
      for (const entry of [direct, first, chained]) expect(unexpectedFields(entry!.err)).toEqual([]);
      expect(unexpectedFields(nested!.failure?.attempts)).toEqual([]);
    });
  }

  it('drops requests, responses, configs and bodies from any logged object, and redacts secret-named fields', () => {
    const log = captureLog('info');
    log.logger.info(
      {
        token: 'xoxb-secret-1',
        call: { request: { headers: { authorization: 'Bearer xoxb-secret-2' } }, config: { data: CUSTOMER_MESSAGE }, response: { body: CUSTOMER_MESSAGE } },
        caseNumber: 7,
      },
      'calling Slack',
    );
    const [entry] = log.entries();
    expect(entry).toMatchObject({ token: '[redacted]', call: {}, caseNumber: 7, msg: 'calling Slack' });
    expect(findLeaks(log.text(), ['xoxb-secret', ...MUST_NOT_LEAK])).toEqual([]);
  });
});

describe('the Slack SDK own log lines', () => {
  it('reach our logger as JSON, the failure named, with no request or response body even at debug', async () => {
    const log = captureLog('debug');
    const sdkLogger = slackLogger(log.logger, 'web-api');
    await sdk.thrown('connection reset', sdkLogger);
    await sdk.thrown('platform error', sdkLogger);

    expect(findLeaks(log.text(), MUST_NOT_LEAK)).toEqual([]);
    expect(log.entries()).toContainEqual(expect.objectContaining({ component: 'web-api', level: 40, msg: 'http request failed socket hang up' }));
  });
});

describe('slackLogger', () => {
  it('passes Bolt messages on at or above the level, and builds nothing below it', () => {
    const { logger, lines } = capture('info');
    const bolt = slackLogger(logger);
    let built = 0;
    const expensive = { toString: () => `built ${++built}` };
    bolt.debug('ignored', expensive);
    expect(built).toBe(0);
    bolt.warn('careful', expensive);
    expect(lines.map((l) => JSON.parse(l).msg)).toEqual(['careful built 1']);
  });

  it('logs an Error argument through the error serializer, and never Bolt debug dumps of requests', async () => {
    const log = captureLog('debug');
    const bolt = slackLogger(log.logger);
    const error = await sdk.thrown('closed port');
    // What Bolt writes: its debug lines carry whole request bodies (Slack's payload, typed text).
    bolt.debug(JSON.stringify({ token: 'fake-verification-token', command: '/complaint', text: `new ${CUSTOMER_MESSAGE}` }));
    bolt.debug(`ack() call begins (body: ${CUSTOMER_MESSAGE})`);
    bolt.error('An unhandled error occurred while Bolt processed an event');
    bolt.error(error);
    bolt.warn('http request failed', error.message);

    expect(findLeaks(log.text(), [...MUST_NOT_LEAK, 'fake-verification-token'])).toEqual([]);
    const entries = log.entries() as LoggedLine[];
    expect(entries.map((e) => e.msg)).toEqual([
      'An unhandled error occurred while Bolt processed an event',
      error.message,
      `http request failed ${error.message}`,
    ]);
    expect(entries[1]!.err).toMatchObject({ code: 'slack_webapi_request_error', original: { code: 'ECONNREFUSED' } });
    expect(unexpectedFields(entries[1]!.err)).toEqual([]);
  });
});

describe('createLogger secrets', () => {
  it('blanks the secrets it was given, Slack tokens and URL passwords in every message and field', () => {
    const log = captureLog('info', [LEAK_PROBES.signingSecret, LEAK_PROBES.token]);
    log.logger.info(`computed with ${LEAK_PROBES.signingSecret}`);
    log.logger.warn({ url: `https://anthill:pa55word@proxy.example.com/api/`, note: `form token=${encodeURIComponent(LEAK_PROBES.token)}` }, 'retrying with xoxp-1111-2222-3333 and xapp-1-A0-abc');
    log.logger.error(new Error(`Bearer ${LEAK_PROBES.token} refused`));

    const text = log.text();
    expect(findLeaks(text, [LEAK_PROBES.signingSecret, LEAK_PROBES.token, 'pa55word', 'xoxp-1111', 'xapp-1-A0'])).toEqual([]);
    const [computed, retrying] = log.entries();
    expect(computed!.msg).toBe('computed with [redacted]');
    expect(retrying!.url).toBe('https://[redacted]@proxy.example.com/api/');
  });
});
