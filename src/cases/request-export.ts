import type { Kysely } from 'kysely';
import type { Database } from '../db/tables.js';
import { isExportOwed, type CaseExport } from '../domain/case-export.js';
import type { Period } from '../domain/period.js';
import { insertExport } from '../db/export-repository.js';
import type { JobRequest } from './jobs-to-run.js';

/**
 * `/complaint export`: records who asked for which period, and asks for the job that
 * writes the CSV and sends it to that person alone. Whoever the requester gate lets use
 * `/complaint` (full members of the workspace) may export.
 *
 * @example
 * const { jobs } = await requestExport(db, { teamId, userId: 'U0AAA0001', period, now });
 * await ctx.jobs.schedule(jobs);
 */
export async function requestExport(
  db: Kysely<Database>,
  input: { teamId: string; userId: string; period: Period; now: Date },
): Promise<{ export: CaseExport; jobs: JobRequest[] }> {
  const created = await insertExport(db, { teamId: input.teamId, userId: input.userId, from: input.period.from, to: input.period.to, now: input.now });
  return { export: created, jobs: exportJobs(created) };
}

/** The job an export still owes: none once it was sent or given up. */
export function exportJobs(entry: Pick<CaseExport, 'id' | 'postedAt' | 'failedAt'>): JobRequest[] {
  return isExportOwed(entry) ? [{ kind: 'export-cases', exportId: entry.id }] : [];
}
