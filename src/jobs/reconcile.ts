import type { Queue } from 'bullmq';
import type { AppContext } from '../context.js';
import { deadlineJobs } from '../cases/deadline-jobs.js';
import type { JobRequest } from '../cases/jobs-to-run.js';
import { listUnfinishedProvisioning } from '../db/case-channel-repository.js';
import { listOwedSourceReplies } from '../db/source-message-repository.js';
import { listOwedDeadlines } from '../db/deadline-repository.js';
import { listCasesWithUnpostedEvents } from '../db/event-repository.js';
import { pruneHandledEvents } from '../db/home-repository.js';
import { listOwedNudges, listOwedRequests } from '../db/compensation-repository.js';
import { deleteSettledStuckSteps, listAllStuckSteps, makeStuckStepsDue } from '../db/stuck-step-repository.js';
import { isDue, type StuckRecord } from '../domain/stuck-step.js';
import { SILENT_EVENT_KINDS } from '../blocks/event-lines.js';
import { followUpJobs } from '../cases/follow-ups.js';
import { listOwedFollowUps } from '../db/follow-up-repository.js';
import { listOwedRestores } from '../db/closure-repository.js';
import { actionItemJobs } from '../cases/action-item-jobs.js';
import { listUnremindedActionItems } from '../db/action-item-repository.js';
import { retroJobs } from '../cases/retro-jobs.js';
import { listOwedRetros } from '../db/retro-repository.js';
import { caseRecordJobs } from '../cases/case-record-jobs.js';
import { listOwedRecords } from '../db/case-record-repository.js';
import { exportJobs } from '../cases/request-export.js';
import { listOwedExports } from '../db/export-repository.js';
import { findWeek, hadCasesBefore } from '../db/weekly-digest-repository.js';
import { digestWeek } from '../domain/weekly-digest.js';
import { jobIdFor } from './job-queue.js';
import { queuedJobIds } from './queued-job-ids.js';
import { filterInSlices, flatMapInSlices } from './in-slices.js';

export interface ReconcileReport {
  readonly requested: number;
  readonly removed: number;
  /** Ids of the jobs asked for, in the order asked. */
  readonly requestedIds: readonly string[];
}

const DEADLINE_JOB_ID = /^(warn|breach)-\d+$/;

/**
 * PostgreSQL is the truth and Redis only holds wake-up calls: this asks again for every
 * job the database says is still owed (provisioning, card syncs, every pending reminder
 * and breach, approval requests and nudges, follow-ups, action items' due-date DMs, case records, each close's retro,
 * exports neither sent nor given up, last week's digest), and removes deadline jobs that no longer apply. Job ids make asking twice
 * harmless, so a Redis that lost its data, a crashed enqueue or a worker killed mid-job
 * loses nothing. Work held up by a stuck Slack step is not asked for every minute: the
 * step's retry job asks for it when the step's next try is due (at start-up every stuck
 * step is due, since an operator may have fixed the cause).
 */
/** How long an Events API delivery id is remembered. */
const HANDLED_EVENTS_KEPT_MS = 24 * 3_600_000;

export async function reconcile(ctx: AppContext, queue: Queue, options: { atStartup: boolean }): Promise<ReconcileReport> {
  // Queue first, database second: a job added in between belongs to a deadline the database
  // read below already sees, so it is never mistaken for a stale one.
  const queued = await queuedJobIds(queue);
  const now = ctx.now();
  await deleteSettledStuckSteps(ctx.db);
  // Slack retries an event within minutes; a day of delivery ids is plenty to recognise them.
  await pruneHandledEvents(ctx.db, new Date(now.getTime() - HANDLED_EVENTS_KEPT_MS));
  if (options.atStartup) await makeStuckStepsDue(ctx.db, { now });
  const stuck = await listAllStuckSteps(ctx.db);
  const held = heldWork(stuck);

  // A set-up whose rest is already queued needs no second request.
  const provisioning = (await listUnfinishedProvisioning(ctx.db))
    .filter((caseId) => !queued.has(jobIdFor({ kind: 'finish-provisioning', caseId })))
    .map((caseId): JobRequest => ({ kind: 'provision-case', caseId }));
  const sourceReplies = (await listOwedSourceReplies(ctx.db)).map((caseId): JobRequest => ({ kind: 'source-reply', caseId }));
  const unsynced = (await listCasesWithUnpostedEvents(ctx.db, SILENT_EVENT_KINDS)).map(
    ({ caseId, eventId }): JobRequest => ({ kind: 'sync-case', caseId, eventId }),
  );
  const owed = await flatMapInSlices(await listOwedDeadlines(ctx.db), deadlineJobs);
  const approvals = (await listOwedRequests(ctx.db)).map((owed): JobRequest => ({ kind: 'approval-request', ...owed }));
  const nudges = (await listOwedNudges(ctx.db)).map(
    ({ compensationId, caseId, dueAt }): JobRequest => ({ kind: 'approval-nudge', compensationId, caseId, runAtMs: dueAt.getTime() }),
  );
  const followUps = (await listOwedFollowUps(ctx.db)).flatMap(followUpJobs);
  const restores = (await listOwedRestores(ctx.db)).map((owed): JobRequest => ({ kind: 'restore-channel', ...owed }));
  const actionItems = (await listUnremindedActionItems(ctx.db)).flatMap(actionItemJobs);
  const retros = (await listOwedRetros(ctx.db)).flatMap(({ closure, requests }) => retroJobs(closure, requests));
  const records = (await listOwedRecords(ctx.db)).flatMap(caseRecordJobs);
  const exports = (await listOwedExports(ctx.db)).flatMap((id) => exportJobs({ id, postedAt: null, failedAt: null }));
  const retries = [...new Set(stuck.filter((record) => isDue(record, now)).map((record) => record.caseId))].map(
    (caseId): JobRequest => ({ kind: 'retry-stuck', caseId }),
  );

  const digest = await owedDigest(ctx, now);

  const owedWork = [...provisioning, ...sourceReplies, ...unsynced, ...owed, ...approvals, ...nudges, ...followUps, ...restores, ...actionItems, ...records, ...retros, ...exports];
  const unheld = await filterInSlices(owedWork, (request) => !held.has(heldKey(request)));
  const requests = await filterInSlices(unheld.concat(retries, digest), (request) => !queued.has(jobIdFor(request)));
  await ctx.jobs.schedule(requests);

  const owedIds = new Set(await flatMapInSlices(owed, (request) => [jobIdFor(request)]));
  const stale = await filterInSlices([...queued], (id) => DEADLINE_JOB_ID.test(id) && !owedIds.has(id));
  // A job may start between listing and removal; its handler re-reads the deadline anyway.
  await Promise.all(stale.map((id) => queue.remove(id).catch(() => 0)));
  return { requested: requests.length, removed: stale.length, requestedIds: requests.map(jobIdFor) };
}

/**
 * Last week's digest when it is due (after Monday 09:00) and not posted: its row missing
 * (the worker was down at 09:00, or Redis lost the schedule's job) or claimed and never
 * posted (a crash). Only during the week after it; one refused for good is not asked again.
 * A workspace with no case from before the week ended was not using Anthill then: a new
 * installation does not open with a digest of the week before it.
 */
async function owedDigest(ctx: AppContext, now: Date): Promise<JobRequest[]> {
  const { week, dueAt } = digestWeek(ctx.policy.calendar.timeZone, now);
  if (now < dueAt) return [];
  const row = await findWeek(ctx.db, { teamId: ctx.workspace.teamId, weekStart: week.from });
  if (row && (row.posted_at || row.failed_at)) return [];
  if (!row && !(await hadCasesBefore(ctx.db, ctx.workspace.teamId, week.to))) return [];
  return [{ kind: 'weekly-digest', weekStartMs: week.from.getTime() }];
}

/** What work a stuck step holds up, named the way `heldKey` names a request. */
function heldWork(stuck: readonly StuckRecord[]): Set<string> {
  const held = new Set<string>();
  for (const { caseId, step } of stuck) {
    if (step.kind === 'provision') held.add(`provision-case ${caseId}`);
    if (step.kind === 'channel_lines') held.add(`sync-case ${caseId}`);
    if (step.kind === 'reminder_dm') held.add(`deadline-warning ${step.deadlineId}`);
    if (step.kind === 'breach_dm') held.add(`deadline-breach ${step.deadlineId}`);
    if (step.kind === 'approval') held.add(`approval-request ${step.compensationId}`).add(`approval-nudge ${step.compensationId}`);
    if (step.kind === 'follow_up') held.add(`follow-up ${step.followUpId}`).add(`follow-up-leads ${step.followUpId}`);
    if (step.kind === 'action_item') held.add(`action-item-due ${step.actionItemId}`);
    if (step.kind === 'case_record') held.add(`case-record ${step.closureId}`);
    if (step.kind === 'retro_ask') held.add(`retro-requests ${step.closureId}`);
    if (step.kind === 'retro_reminder') held.add(`retro-reminder ${step.closureId}`);
    if (step.kind === 'retro_summary' || step.kind === 'channel_archive') held.add(`retro-summary ${step.closureId}`);
  }
  return held;
}

function heldKey(request: JobRequest): string {
  if (request.kind === 'export-cases') return `${request.kind} ${request.exportId}`;
  if ('userId' in request) return `${request.kind} ${request.userId}`;
  if (!('caseId' in request)) return request.kind;
  if ('compensationId' in request) return `${request.kind} ${request.compensationId}`;
  if ('followUpId' in request) return `${request.kind} ${request.followUpId}`;
  if ('closureId' in request) return `${request.kind} ${request.closureId}`;
  if ('actionItemId' in request) return `${request.kind} ${request.actionItemId}`;
  return 'deadlineId' in request ? `${request.kind} ${request.deadlineId}` : `${request.kind} ${request.caseId}`;
}
