/**
 * What may reach a log. `@slack/web-api` hangs the whole HTTP exchange on its errors
 * (`original.config.headers.Authorization`, the form body with the message text, the
 * response headers and body); Bolt wraps such errors in its own (`original`, `originals`).
 * So errors are rebuilt from an allowlist, and transport objects are dropped wherever
 * they hang; a last pass over each finished line blanks anything shaped like a secret.
 */

/** The parts of an error that help an operator; nothing else of it is logged. */
export interface SafeError {
  /** The error's class, e.g. `Error`, `AxiosError`, `RetryLaterError`. */
  readonly type: string;
  readonly message: string;
  /** `slack_webapi_request_error`, `ECONNRESET`, … */
  readonly code?: string | number;
  /** Slack's own error of an `ok: false` answer, e.g. `channel_not_found`. */
  readonly slackError?: string;
  /** The scope a `missing_scope` answer names. */
  readonly neededScope?: string;
  /** HTTP status of Slack's answer. */
  readonly statusCode?: number;
  /** Seconds Slack asked us to wait (`Retry-After`). */
  readonly retryAfter?: number;
  readonly retryAfterMs?: number;
  readonly caseNumber?: number;
  readonly stack?: string;
  readonly cause?: SafeError;
  /** The error the SDK or Bolt wrapped (`original`). */
  readonly original?: SafeError;
  /** An `AggregateError`'s errors, or Bolt's `originals`. */
  readonly errors?: readonly SafeError[];
}

/** Where HTTP clients keep whole requests and responses: dropped from any logged object. */
const TRANSPORT_KEYS = new Set(['config', 'request', 'response', 'headers', 'body', 'data', 'req', 'res', 'socket', 'agent']);
/** Field names that hold a secret: the field stays, its value does not. */
const SECRET_KEY = /token|authorization|password|secret|cookie/i;
const MAX_DEPTH = 6;
const MAX_ITEMS = 20;

type Loose = Record<string, unknown>;

const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const count = (value: unknown): number | undefined => (typeof value === 'number' && Number.isFinite(value) ? value : undefined);
const isObject = (value: unknown): value is Loose => typeof value === 'object' && value !== null;

function retryAfterHeader(headers: unknown): number | undefined {
  if (!isObject(headers)) return undefined;
  const value = Number(headers['retry-after']);
  return Number.isFinite(value) && value >= 0 ? value : undefined;
}

function rebuild(error: unknown, depth: number, seen: WeakSet<object>): SafeError {
  if (!isObject(error)) return { type: typeof error, message: String(error) };
  if (seen.has(error) || depth >= MAX_DEPTH) return { type: 'Error', message: seen.has(error) ? '[circular]' : '[too deep]' };
  seen.add(error);
  const data = isObject(error.data) ? error.data : {};
  const response = isObject(error.response) ? error.response : {};
  const code = text(error.code) ?? count(error.code);
  const nested = (value: unknown): SafeError | undefined => (value === undefined || value === null ? undefined : rebuild(value, depth + 1, seen));
  const list = Array.isArray(error.errors) ? error.errors : Array.isArray(error.originals) ? error.originals : undefined;
  const fields: SafeError = {
    type: error.constructor?.name && error.constructor !== Object ? error.constructor.name : (text(error.name) ?? 'Error'),
    message: text(error.message) ?? '',
    code,
    slackError: text(data.error),
    neededScope: text(data.needed),
    statusCode: count(error.statusCode) ?? count(error.status) ?? count(response.status),
    retryAfter: count(error.retryAfter) ?? retryAfterHeader(error.headers) ?? retryAfterHeader(response.headers),
    retryAfterMs: count(error.retryAfterMs),
    caseNumber: count(error.caseNumber),
    stack: text(error.stack),
    cause: nested(error.cause),
    original: nested(error.original),
    errors: list?.slice(0, MAX_ITEMS).map((item) => rebuild(item, depth + 1, seen)),
  };
  return Object.fromEntries(Object.entries(fields).filter(([, value]) => value !== undefined)) as unknown as SafeError;
}

/**
 * An error as it may be logged: type, message, code, Slack's error, HTTP status,
 * `Retry-After`, case number, stack, and the same of what it wraps (`cause`,
 * `original`, `errors`), any depth. Requests, responses, configs, headers and bodies
 * are left behind.
 *
 * @example
 * safeError(sdkError)
 * // => { type: 'Error', code: 'slack_webapi_request_error',
 * //      message: 'A request error occurred: socket hang up', stack: '…',
 * //      original: { type: 'AxiosError', code: 'ECONNRESET', message: 'socket hang up', … } }
 */
export function safeError(error: unknown): SafeError {
  return rebuild(error, 0, new WeakSet());
}

function clean(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (value instanceof Error) return safeError(value);
  if (!isObject(value)) return value;
  if (seen.has(value)) return '[circular]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  if (Array.isArray(value)) return value.slice(0, MAX_ITEMS).map((item) => clean(item, depth + 1, seen));
  if (value instanceof Date) return value;
  const result: Loose = {};
  for (const [key, item] of Object.entries(value)) {
    if (TRANSPORT_KEYS.has(key)) continue;
    result[key] = SECRET_KEY.test(key) ? '[redacted]' : clean(item, depth + 1, seen);
  }
  return result;
}

/**
 * The fields of a log line, made safe: every `Error` at any depth becomes a
 * {@link SafeError}, transport objects (`config`, `request`, `response`, `headers`,
 * `body`, `data`, …) are dropped, and fields named like a secret are `[redacted]`.
 *
 * @example
 * safeLogFields({ caseNumber: 7, err, call: { config: { headers: { Authorization: 'Bearer xoxb-…' } } } })
 * // => { caseNumber: 7, err: { type: 'Error', … }, call: {} }
 */
export function safeLogFields(fields: Loose): Loose {
  return clean(fields, 0, new WeakSet()) as Loose;
}

const SLACK_TOKEN = /\b(?:xox[a-z]|xapp)-[A-Za-z0-9-]+/g;
const BEARER = /\bBearer\s+[^\s"'\\,;]+/gi;
const URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"']+@/gi;
// Response URLs and webhooks: whoever holds one may post as the bot.
const SLACK_HOOK = /\bhttps:\/\/hooks\.slack\.com\/[^\s"'\\]+/gi;
/** Shorter "secrets" are test stand-ins; blanking them everywhere would break the JSON around them. */
const MIN_SECRET_LENGTH = 8;

/**
 * Blanks secrets in a finished log line or message: the given secret values (as they
 * are and URL-encoded), anything shaped like a Slack token (`xoxb-…`, `xapp-…`), bearer
 * credentials, the user and password part of URLs, and Slack response and webhook URLs.
 *
 * @example
 * scrubSecrets('retry https://me:pw@proxy/api with xoxb-1-2-abc', [])
 * // => 'retry https://[redacted]@proxy/api with [redacted]'
 */
export function scrubSecrets(line: string, secrets: readonly string[]): string {
  let result = line;
  for (const secret of secrets) {
    if (secret.length < MIN_SECRET_LENGTH) continue;
    result = result.replaceAll(secret, '[redacted]');
    const encoded = encodeURIComponent(secret);
    if (encoded !== secret) result = result.replaceAll(encoded, '[redacted]');
  }
  return result
    .replace(SLACK_TOKEN, '[redacted]')
    .replace(BEARER, 'Bearer [redacted]')
    .replace(URL_PASSWORD, '$1[redacted]@')
    .replace(SLACK_HOOK, 'https://hooks.slack.com/[redacted]');
}
