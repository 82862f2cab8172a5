import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './tables.js';

export type Db = Kysely<Database>;

const DATE_OID = 1082;
// A `date` is a calendar day in the workspace's zone: kept as its `YYYY-MM-DD` text, never a Date at the process's midnight.
pg.types.setTypeParser(DATE_OID, (text: string) => text);

/**
 * Opens a pooled connection to PostgreSQL.
 *
 * @example
 * const db = connectDatabase('postgres://localhost:5432/anthill');
 * await db.destroy();
 */
export function connectDatabase(url: string, options: { maxConnections?: number } = {}): Db {
  const pool = new pg.Pool({ connectionString: url, max: options.maxConnections ?? 30 });
  return new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
}
