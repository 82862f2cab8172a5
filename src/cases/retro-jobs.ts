import type { Closure } from '../domain/closure.js';
import { summaryDueAt, type RetroRequest } from '../domain/retro.js';
import type { RetroJobRequest } from './jobs-to-run.js';

/**
 * The wake-up calls a close's retro still needs, from what PostgreSQL holds: asking the
 * participants until everyone has been asked, the reminder at half of `retro_due` until it
 * is sent, and the summary (with the archive after it) until the channel is archived.
 * Given the requests, the summary is asked for as soon as everyone has answered; without
 * them, at due. Safe to ask for twice: every id is deterministic.
 *
 * @example
 * retroJobs(closure) // [{ kind: 'retro-requests', … }, { kind: 'retro-reminder', runAtMs }, { kind: 'retro-summary', runAtMs }]
 */
export function retroJobs(closure: Closure, requests?: readonly RetroRequest[]): RetroJobRequest[] {
  if (closure.cancelledAt || closure.archivedAt) return [];
  const base = { caseId: closure.caseId, closureId: closure.id };
  const jobs: RetroJobRequest[] = [];
  if (!closure.retroAskedAt && !closure.summaryPostedAt) jobs.push({ ...base, kind: 'retro-requests' });
  if (!closure.retroRemindedAt && !closure.summaryPostedAt) jobs.push({ ...base, kind: 'retro-reminder', runAtMs: closure.retroRemindAt.getTime() });
  const summaryAt = requests && !closure.summaryPostedAt ? summaryDueAt(closure, requests) : closure.retroDueAt;
  jobs.push({ ...base, kind: 'retro-summary', runAtMs: summaryAt.getTime() });
  return jobs;
}
