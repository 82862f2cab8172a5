import type { Transaction } from 'kysely';
import type { Policy } from '../config/policy.js';
import type { Case } from '../domain/case.js';
import { planDeadline, type DeadlineKind, type DeadlinePlan } from '../domain/deadlines.js';
import type { Severity } from '../domain/severity.js';
import type { Database } from '../db/tables.js';
import { insertDeadline, supersedeDeadline, type Deadline } from '../db/deadline-repository.js';
import type { DeadlineJobRequest } from './jobs-to-run.js';

/** The parts of the policy that decide deadlines. */
export type DeadlinePolicy = Pick<Policy, 'calendar' | 'sla' | 'warnAt'>;

/**
 * The wake-up calls a deadline still needs: its reminder (unless sent, or the deadline
 * already passed) and its breach. None once it is met or replaced.
 */
export function deadlineJobs(deadline: Deadline): DeadlineJobRequest[] {
  if (deadline.metAt || deadline.supersededAt) return [];
  const base = { caseId: deadline.caseId, deadlineId: deadline.id };
  const jobs: DeadlineJobRequest[] = [];
  if (!deadline.warnedAt && !deadline.breachedAt) jobs.push({ ...base, kind: 'deadline-warning', runAtMs: deadline.warnAt.getTime() });
  if (!deadline.breachNotifiedAt) jobs.push({ ...base, kind: 'deadline-breach', runAtMs: deadline.dueAt.getTime() });
  return jobs;
}

/** When a deadline of `kind` starting at `startsAt` falls, from the severity's SLA. */
export function planCaseDeadline(policy: DeadlinePolicy, severity: Severity, kind: DeadlineKind, startsAt: Date): DeadlinePlan {
  const target = policy.sla[severity];
  const duration = kind === 'first_response' ? target.firstResponse : target.resolution;
  return planDeadline(policy.calendar, startsAt, duration, policy.warnAt);
}

/** Starts a deadline of `kind` for the case at `startsAt`, from its severity's SLA. */
export async function startDeadline(
  trx: Transaction<Database>,
  policy: DeadlinePolicy,
  input: { case: Pick<Case, 'id' | 'teamId'>; severity: Severity; kind: DeadlineKind; startsAt: Date; now: Date },
): Promise<Deadline> {
  const plan = planCaseDeadline(policy, input.severity, input.kind, input.startsAt);
  return insertDeadline(trx, { caseId: input.case.id, teamId: input.case.teamId, kind: input.kind, plan, now: input.now });
}

/** Replaces a running deadline with one computed again from its own start (severity change). */
export async function replanDeadline(
  trx: Transaction<Database>,
  policy: DeadlinePolicy,
  input: { current: Deadline; case: Pick<Case, 'id' | 'teamId'>; severity: Severity; now: Date },
): Promise<Deadline> {
  await supersedeDeadline(trx, input.current.id, input.now);
  return startDeadline(trx, policy, { ...input, kind: input.current.kind, startsAt: input.current.startsAt });
}
