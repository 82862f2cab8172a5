import pg from 'pg';

const UNDEFINED_DATABASE = '3D000';
// Two concurrent creates: the loser sees either of these.
const ALREADY_CREATED = new Set(['42P04', '23505']);

/**
 * Creates the database named in `url` when it does not exist yet, through the server's
 * `postgres` maintenance database, so a first start on a fresh machine just works.
 * Returns true when it created it. Any other connection problem is left to the caller.
 */
export async function ensureDatabase(url: string): Promise<boolean> {
  const probe = new pg.Client({ connectionString: url });
  try {
    await probe.connect();
    return false;
  } catch (error) {
    if ((error as { code?: string }).code !== UNDEFINED_DATABASE) throw error;
  } finally {
    await probe.end().catch(() => undefined);
  }
  const target = new URL(url);
  const name = decodeURIComponent(target.pathname.replace(/^\//, ''));
  target.pathname = '/postgres';
  const admin = new pg.Client({ connectionString: target.toString() });
  await admin.connect();
  try {
    await admin.query(`create database ${pg.escapeIdentifier(name)}`);
    return true;
  } catch (error) {
    // Another process starting at the same moment created it first.
    if (ALREADY_CREATED.has((error as { code?: string }).code ?? '')) return false;
    throw error;
  } finally {
    await admin.end();
  }
}
