import type { Closure } from '../domain/closure.js';
import type { JobRequest } from './jobs-to-run.js';
import { retroJobs } from './retro-jobs.js';
import { caseRecordJobs } from './case-record-jobs.js';

/**
 * The wake-up calls a close still needs, from what PostgreSQL holds: each part of the
 * end of a case (the case record, the retro DMs, its reminder, the summary and archive)
 * adds the job it still owes. Used by closing and by reconciliation alike.
 */
export function closingJobs(closure: Closure): JobRequest[] {
  if (closure.cancelledAt) return [];
  return [...caseRecordJobs(closure), ...retroJobs(closure)];
}
