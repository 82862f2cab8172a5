/** How a failed Slack call should be treated by the job that made it. */
export type SlackFailure =
  | { readonly kind: 'rate_limited'; readonly retryAfterMs: number }
  | { readonly kind: 'transient'; readonly reason: string }
  | { readonly kind: 'permanent'; readonly error: string };

// Platform errors Slack documents as temporary: worth another try.
const TRANSIENT_PLATFORM_ERRORS = new Set(['internal_error', 'fatal_error', 'service_unavailable', 'request_timeout', 'ratelimited']);

interface SlackishError {
  code?: unknown;
  retryAfter?: unknown;
  statusCode?: unknown;
  data?: { error?: unknown };
  message?: unknown;
}

/**
 * Sorts an error thrown by `@slack/web-api` into what to do next.
 *
 * @example
 * classifySlackError(err) // => { kind: 'rate_limited', retryAfterMs: 30000 }
 */
export function classifySlackError(error: unknown): SlackFailure {
  const e = (error ?? {}) as SlackishError;
  switch (e.code) {
    case 'slack_webapi_rate_limited_error':
      return { kind: 'rate_limited', retryAfterMs: Math.max(1, Number(e.retryAfter) || 1) * 1000 };
    case 'slack_webapi_http_error': {
      const status = Number(e.statusCode);
      if (status === 429) return { kind: 'rate_limited', retryAfterMs: 1000 };
      if (status >= 500 || status === 408) return { kind: 'transient', reason: `HTTP ${status}` };
      return { kind: 'permanent', error: `http_${status}` };
    }
    case 'slack_webapi_request_error':
      return { kind: 'transient', reason: 'network error' };
    case 'slack_webapi_platform_error': {
      const code = typeof e.data?.error === 'string' ? e.data.error : 'unknown_error';
      return TRANSIENT_PLATFORM_ERRORS.has(code) ? { kind: 'transient', reason: code } : { kind: 'permanent', error: code };
    }
    default:
      return { kind: 'transient', reason: error instanceof Error ? error.message : String(error) };
  }
}

/** Slack's error code of a platform error (`name_taken`, `already_in_channel`), else undefined. */
export function slackErrorCode(error: unknown): string | undefined {
  const e = (error ?? {}) as SlackishError;
  return e.code === 'slack_webapi_platform_error' && typeof e.data?.error === 'string' ? e.data.error : undefined;
}
