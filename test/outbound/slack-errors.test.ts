import { describe, expect, it } from 'vitest';
import { classifySlackError, slackErrorCode } from '../../src/outbound/slack-errors.js';

const platform = (error: string) => Object.assign(new Error(error), { code: 'slack_webapi_platform_error', data: { ok: false, error } });

describe('classifySlackError', () => {
  it('honours Retry-After for rate limits', () => {
    const error = Object.assign(new Error('rl'), { code: 'slack_webapi_rate_limited_error', retryAfter: 7 });
    expect(classifySlackError(error)).toEqual({ kind: 'rate_limited', retryAfterMs: 7000 });
  });
  it('retries 5xx and network errors', () => {
    expect(classifySlackError(Object.assign(new Error(), { code: 'slack_webapi_http_error', statusCode: 503 })).kind).toBe('transient');
    expect(classifySlackError(Object.assign(new Error(), { code: 'slack_webapi_request_error' })).kind).toBe('transient');
    expect(classifySlackError(platform('internal_error')).kind).toBe('transient');
  });
  it.each(['missing_scope', 'channel_not_found', 'is_archived', 'invalid_auth', 'not_in_channel'])('%s is permanent', (code) => {
    expect(classifySlackError(platform(code))).toEqual({ kind: 'permanent', error: code });
  });
  it('reads the platform error code', () => {
    expect(slackErrorCode(platform('name_taken'))).toBe('name_taken');
    expect(slackErrorCode(new Error('x'))).toBeUndefined();
  });
});
