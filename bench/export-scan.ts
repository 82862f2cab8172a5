/**
 * How long `/complaint export` takes to read and write its CSV at a million cases: pages
 * the export statement over the stats benchmark's seeded database (`npm run bench --
 * stats` seeds it) for 30, 90 and 365 days, writing the CSV exactly as the export job
 * does, and prints rows, bytes, time and the slowest page. Run with
 * `npx tsx bench/export-scan.ts`; it never seeds.
 */
import os from 'node:os';
import { connectDatabase } from '../src/db/connect.js';
import { exportCursorAfter, loadExportPage, type ExportCursor } from '../src/db/export-repository.js';
import { exportCsvHeader, exportCsvLines } from '../src/blocks/case-export-csv.js';
import { EXPORT_PAGE_SIZE } from '../src/jobs/export-cases.js';
import { STATS_BENCH_DATABASE, STATS_TEAM_ID } from './seed-stats.js';

const DAY = 86_400_000;
const base = process.env.TEST_DATABASE_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const url = base.replace(/\/[^/]*$/, `/${STATS_BENCH_DATABASE}`);
const db = connectDatabase(url, { maxConnections: 1 });
const seeded = await db.selectFrom('cases').select((eb) => eb.fn.max('created_at').as('last')).executeTakeFirst();
if (!seeded?.last) throw new Error(`no seeded cases in ${STATS_BENCH_DATABASE}: run npm run bench -- stats first`);
const to = new Date(seeded.last.getTime() + 1);
console.log(`export scan · load average ${os.loadavg().map((n) => n.toFixed(2)).join(' / ')}`);
for (const days of [30, 90, 365]) {
  const from = new Date(to.getTime() - days * DAY);
  const started = performance.now();
  let rows = 0;
  let bytes = Buffer.byteLength(exportCsvHeader());
  let slowest = 0;
  let after: ExportCursor | undefined;
  for (;;) {
    const pageStarted = performance.now();
    const page = await loadExportPage(db, { teamId: STATS_TEAM_ID, from, to, now: to, after, limit: EXPORT_PAGE_SIZE });
    slowest = Math.max(slowest, performance.now() - pageStarted);
    if (page.length === 0) break;
    bytes += Buffer.byteLength(exportCsvLines(page, { categoryName: (id) => id, currency: 'PLN' }));
    rows += page.length;
    if (page.length < EXPORT_PAGE_SIZE) break;
    after = exportCursorAfter(page);
  }
  const seconds = (performance.now() - started) / 1000;
  console.log(`  ${days}d: ${rows} rows, ${(bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s (${Math.round(rows / seconds)} rows/s), slowest page ${slowest.toFixed(0)} ms`);
}
await db.destroy();
