import type { JobRequest } from '../cases/jobs-to-run.js';

/** Every job kind this version runs: reconciliation plus each kind use cases ask for. */
export const JOB_KINDS = [
  'provision-case',
  'finish-provisioning',
  'sync-case',
  'refresh-card',
  'invite-leads',
  'deadline-warning',
  'deadline-breach',
  'retry-stuck',
  'approval-request',
  'approval-nudge',
  'follow-up',
  'follow-up-leads',
  'restore-channel',
  'action-item-due',
  'retro-requests',
  'retro-reminder',
  'retro-summary',
  'case-record',
  'publish-home',
  'refresh-homes',
  'export-cases',
  'weekly-digest',
  'source-reply',
  'reconcile',
] as const satisfies readonly (JobRequest['kind'] | 'reconcile')[];

export type JobKind = (typeof JOB_KINDS)[number];

// A kind added to JobRequest but not listed above fails to compile here.
type Unlisted = Exclude<JobRequest['kind'], JobKind>;
const everyKindListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyKindListed;

/** A job's kind as metrics may name it: one of {@link JOB_KINDS}, else `unknown` (never a stray job's own string). */
export function knownJobKind(data: unknown): JobKind | 'unknown' {
  const kind = typeof data === 'object' && data !== null ? (data as { kind?: unknown }).kind : undefined;
  return JOB_KINDS.find((known) => known === kind) ?? 'unknown';
}
