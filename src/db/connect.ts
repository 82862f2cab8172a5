import { Kysely, PostgresDialect } from 'kysely';
import pg from 'pg';
import type { Database } from './tables.js';

export type Db = Kysely<Database>;

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
