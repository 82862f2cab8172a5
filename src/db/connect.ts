import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import type { Database } from './tables.js';

export type Db = Kysely<Database>;

const DATE_OID = 1082;
// A `date` is a calendar day in the workspace's zone: kept as its `YYYY-MM-DD` text, never a Date at the process's midnight.
pg.types.setTypeParser(DATE_OID, (text: string) => text);

/** Connections a process keeps open while idle: a burst after a quiet spell finds them ready. */
export const KEPT_CONNECTIONS = 10;

/**
 * Opens a pooled connection to PostgreSQL. Up to `maxConnections` are opened on demand;
 * `keptConnections` of them are never closed for being idle (see {@link openConnections}).
 *
 * @example
 * const db = connectDatabase('postgres://localhost:5432/anthill');
 * await db.destroy();
 */
export function connectDatabase(url: string, options: { maxConnections?: number; keptConnections?: number } = {}): Db {
  const max = options.maxConnections ?? 30;
  const pool = new pg.Pool({ connectionString: url, max, min: Math.min(max, options.keptConnections ?? 0) });
  // An idle connection the server ended (a restart, a failover, an administrator) is an
  // 'error' event on the pool, which would end the process unheard. The pool drops that
  // connection itself and the next query opens another; a database really down shows in
  // the queries that fail and in /healthz.
  pool.on('error', () => undefined);
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}

/**
 * Opens `count` pooled connections at once and hands them back to the pool. Opening one
 * costs PostgreSQL a new backend process, tens of milliseconds when many open together
 * on a busy machine; done at start-up, the first requests after it do not pay for it.
 */
export async function openConnections(db: Db, count: number): Promise<void> {
  // Each `connection()` holds its own connection until its callback ends, so all `count` are open together.
  await Promise.all(Array.from({ length: count }, () => db.connection().execute((conn) => sql`select 1`.execute(conn))));
}
