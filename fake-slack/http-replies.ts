import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { InjectedFailure } from './types.js';

export function replyJson(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

export function replyText(response: ServerResponse, status: number, body: string, contentType = 'text/plain; charset=utf-8'): void {
  response.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

/**
 * Answers the way Slack fails: 429 with Retry-After, a bare 5xx HTML page, a dropped
 * connection, or HTTP 200 `{ ok: false, error }`. Returns what was answered, for the call record.
 */
export function replyWithFailure(
  request: IncomingMessage,
  response: ServerResponse,
  failure: InjectedFailure,
): { status?: number; result?: Record<string, unknown> } {
  if (failure.networkError === true) {
    request.socket.destroy();
    return {};
  }
  if (failure.status === 429 || (failure.status === undefined && failure.error === 'ratelimited')) {
    const result = { ok: false, error: 'ratelimited' };
    replyJson(response, 429, result, { 'retry-after': String(failure.retryAfter ?? 1) });
    return { status: 429, result };
  }
  if (failure.status !== undefined && failure.status !== 200) {
    const title = `${failure.status} ${STATUS_CODES[failure.status] ?? 'Error'}`;
    replyText(response, failure.status, `<html><head><title>${title}</title></head><body><h1>${title}</h1></body></html>`, 'text/html; charset=utf-8');
    return { status: failure.status };
  }
  const result = { ok: false, error: failure.error ?? 'internal_error' };
  replyJson(response, 200, result);
  return { status: 200, result };
}
