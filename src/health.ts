import type { ServerResponse } from 'node:http';
import { sql, type Kysely } from 'kysely';
import type { Redis } from 'ioredis';
import type { Database } from './db/tables.js';

export interface HealthReport {
  readonly ok: boolean;
  readonly failed: readonly string[];
}

const CHECK_TIMEOUT_MS = 2000;

/** `promise`, or a rejection once `ms` have passed without an answer. */
export function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('timed out')), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** Asks PostgreSQL and Redis for an answer; names whichever did not give one in time. */
export async function checkHealth(db: Kysely<Database>, redis: Redis): Promise<HealthReport> {
  const [postgres, redisOk] = await Promise.all([
    within(sql`select 1`.execute(db), CHECK_TIMEOUT_MS).then(() => true, () => false),
    within(redis.ping(), CHECK_TIMEOUT_MS).then((answer) => answer === 'PONG', () => false),
  ]);
  const failed = [...(postgres ? [] : ['postgresql']), ...(redisOk ? [] : ['redis'])];
  return { ok: failed.length === 0, failed };
}

/**
 * Answers `GET /healthz`: 200 `{"status":"ok"}`, or 503 naming what failed. The one
 * handler behind the Bolt app's route and the worker-only health server.
 */
export function answerHealth(check: () => Promise<HealthReport>, response: ServerResponse): void {
  void check().then((report) => {
    response.writeHead(report.ok ? 200 : 503, { 'content-type': 'application/json' });
    response.end(JSON.stringify(report.ok ? { status: 'ok' } : { status: 'unavailable', failed: report.failed }));
  });
}
