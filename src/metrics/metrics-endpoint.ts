import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { AnthillMetrics } from './anthill-metrics.js';

const digest = (text: string): Buffer => createHash('sha256').update(text).digest();

/** Whether the request carries `Authorization: Bearer <token>`, compared in constant time (digests have one length). */
export function hasBearerToken(request: IncomingMessage, token: string): boolean {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] !== undefined && timingSafeEqual(digest(match[1]), digest(token));
}

/**
 * Answers `GET /metrics` in Prometheus' text format; with `METRICS_TOKEN` set, only to a
 * request bearing it (401 otherwise). The one handler behind the Bolt app's route and
 * the worker-only server.
 */
export function answerMetrics(metrics: AnthillMetrics, token: string | undefined, logger: Logger, request: IncomingMessage, response: ServerResponse): void {
  if (token !== undefined && !hasBearerToken(request, token)) {
    response.writeHead(401, { 'www-authenticate': 'Bearer', 'content-type': 'text/plain' }).end('unauthorized\n');
    return;
  }
  metrics.registry.metrics().then(
    (text) => {
      response.writeHead(200, { 'content-type': metrics.registry.contentType }).end(text);
    },
    (error: unknown) => {
      logger.error({ err: error }, 'could not collect the metrics');
      response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
    },
  );
}
