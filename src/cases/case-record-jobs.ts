import type { Closure } from '../domain/closure.js';
import type { JobRequest } from './jobs-to-run.js';

/** The case record a close still owes: posted once, never for a close that reopening cancelled. */
export function caseRecordJobs(closure: Closure): JobRequest[] {
  if (closure.cancelledAt || closure.recordPostedAt) return [];
  return [{ kind: 'case-record', caseId: closure.caseId, closureId: closure.id }];
}
