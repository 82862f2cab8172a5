import { MultipleListenerError, UnknownError } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { RetryLaterError } from '../src/jobs/retry-later.js';
import { safeError, safeLogFields, scrubSecrets } from '../src/log-safety.js';

/** Shaped like the SDK's request error: the whole HTTP exchange hangs on `original`. */
function requestError(): Error {
  const original = Object.assign(new Error('socket hang up'), {
    code: 'ECONNRESET',
    config: { headers: { Authorization: 'Bearer xoxb-1-2-secret' }, data: 'text=Jane%20Kowalska' },
    request: { _header: 'Authorization: Bearer xoxb-1-2-secret' },
  });
  return Object.assign(new Error('A request error occurred: socket hang up'), { code: 'slack_webapi_request_error', original, attemptNumber: 1 });
}

describe('safeError', () => {
  it('keeps type, message, code and stack of what Bolt wrapped, and none of the request', () => {
    const wrapped = new MultipleListenerError([new UnknownError(requestError()), new Error('second listener')]);
    const safe = safeError(wrapped);
    expect(safe).toMatchObject({
      type: 'MultipleListenerError',
      code: 'slack_bolt_multiple_listener_error',
      errors: [
        { type: 'UnknownError', code: 'slack_bolt_unknown_error', original: { code: 'slack_webapi_request_error', original: { code: 'ECONNRESET', message: 'socket hang up' } } },
        { type: 'Error', message: 'second listener' },
      ],
    });
    expect(JSON.stringify(safe)).not.toMatch(/xoxb|Kowalska|Authorization|attemptNumber/);
  });

  it('keeps the Slack error, HTTP status, Retry-After and case number', () => {
    const platform = Object.assign(new Error('An API error occurred: missing_scope'), {
      code: 'slack_webapi_platform_error',
      data: { ok: false, error: 'missing_scope', needed: 'channels:manage', provided: 'chat:write' },
    });
    const http = Object.assign(new Error('An HTTP protocol error occurred: statusCode = 503'), {
      code: 'slack_webapi_http_error',
      statusCode: 503,
      headers: { 'retry-after': '30' },
      body: '<html>down</html>',
    });
    const withCase = Object.assign(new Error('card sync failed'), { caseNumber: 12 });
    expect(safeError(platform)).toMatchObject({ slackError: 'missing_scope', neededScope: 'channels:manage' });
    expect(safeError(platform)).not.toHaveProperty('data');
    expect(safeError(http)).toMatchObject({ statusCode: 503, retryAfter: 30 });
    expect(JSON.stringify(safeError(http))).not.toContain('<html>');
    expect(safeError(new RetryLaterError(7000, 'rate limited by Slack'))).toMatchObject({ type: 'RetryLaterError', retryAfterMs: 7000 });
    expect(safeError(withCase)).toMatchObject({ caseNumber: 12 });
  });

  it('follows cause chains and aggregate errors, and stops at cycles and great depth', () => {
    const cyclic: Error & { cause?: unknown } = new Error('loop');
    cyclic.cause = new Error('back', { cause: cyclic });
    expect(safeError(cyclic)).toMatchObject({ message: 'loop', cause: { message: 'back', cause: { message: '[circular]' } } });

    let deep: Error = new Error('level 0');
    for (let i = 1; i < 20; i++) deep = new Error(`level ${i}`, { cause: deep });
    expect(JSON.stringify(safeError(deep))).toContain('[too deep]');

    const aggregate = new AggregateError([requestError(), 'a string'], 'all attempts failed');
    expect(safeError(aggregate)).toMatchObject({
      type: 'AggregateError',
      errors: [{ code: 'slack_webapi_request_error' }, { type: 'string', message: 'a string' }],
    });
  });

  it('makes something of whatever was thrown', () => {
    expect(safeError('plain text')).toEqual({ type: 'string', message: 'plain text' });
    expect(safeError(undefined)).toEqual({ type: 'undefined', message: 'undefined' });
    expect(safeError({ message: 'error-like', code: 'E_LIKE', config: { data: 'secret body' } })).toEqual({ type: 'Error', message: 'error-like', code: 'E_LIKE' });
  });
});

describe('safeLogFields', () => {
  it('turns Errors into safe errors at any depth, drops transport objects, redacts secret-named fields', () => {
    const fields = safeLogFields({
      caseNumber: 3,
      report: { attempts: [{ when: 'now', err: requestError() }] },
      response: { status: 500, body: 'Jane Kowalska' },
      slackToken: 'xoxb-1-2-secret',
      at: new Date('2026-11-23T10:00:00Z'),
    });
    expect(fields).toMatchObject({ caseNumber: 3, report: { attempts: [{ when: 'now', err: { code: 'slack_webapi_request_error' } }] }, slackToken: '[redacted]' });
    expect(fields).not.toHaveProperty('response');
    expect(JSON.stringify(fields)).not.toMatch(/xoxb|Kowalska/);
    expect(JSON.stringify(fields)).toContain('"at":"2026-11-23T10:00:00.000Z"');
  });
});

describe('scrubSecrets', () => {
  it('blanks given secrets as they are and URL-encoded, Slack tokens, bearer credentials, URL passwords and response URLs', () => {
    const secret = 'shh/its+a=secret';
    const line = `s=${encodeURIComponent(secret)} raw=${secret} xoxb-1-2-abc xapp-1-A1-xyz Bearer abc.def redis://:pw@127.0.0.1:6379 "https://hooks.slack.com/commands/T0/12/AbC"`;
    expect(scrubSecrets(line, [secret])).toBe(
      's=[redacted] raw=[redacted] [redacted] [redacted] Bearer [redacted] redis://[redacted]@127.0.0.1:6379 "https://hooks.slack.com/[redacted]"',
    );
  });

  it('leaves ordinary text alone, and ignores stand-in secrets too short to blank safely', () => {
    const line = '{"level":30,"msg":"token_revoked for jane@example.com at https://slack.com/api/chat.postMessage"}';
    expect(scrubSecrets(line, ['30', ''])).toBe(line);
  });
});
