import { connectDatabase } from './connect.js';
import { ensureDatabase } from './ensure-database.js';
import { migrateToLatest } from './migrate.js';

// `npm run migrate`: applies pending migrations to DATABASE_URL and exits.
const url = process.env.DATABASE_URL ?? 'postgres://localhost:5432/anthill';
let db: ReturnType<typeof connectDatabase> | undefined;
try {
  if (await ensureDatabase(url)) console.log('created the database');
  db = connectDatabase(url, { maxConnections: 1 });
  const applied = await migrateToLatest(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} catch (error) {
  console.error(`migration failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
} finally {
  await db?.destroy();
}
