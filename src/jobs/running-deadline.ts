import type { KnownBlock } from '@slack/types';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Database } from '../db/tables.js';
import { inCaseRowLock } from '../db/case-lock.js';
import { findDeadlineWithCase, type DeadlineNoticesSent } from '../db/case-repository.js';
import { deadlineRuns, findDeadline, markDeadline, noticeState, recordNoticeSent, type Deadline } from '../db/deadline-repository.js';
import { stepKey } from '../domain/stuck-step.js';
import { sendDirectMessage } from '../outbound/direct-message.js';
import { withJobLock } from './job-lock.js';
import { attemptStep } from './stuck-steps.js';
import { noteUndeliveredDm } from './undelivered-dm.js';

/**
 * Where a deadline job stands when it calls its hook: it has checked the deadline and is
 * about to act on it (`warn`: send the reminders; `breach`: record the breach; `notify`:
 * send the leads' DMs).
 */
export type DeadlineStep = 'warn' | 'breach' | 'notify';

/** Points inside a deadline job where a test can act, e.g. commit a change; the worker passes none. */
export interface DeadlineJobHooks {
  /** Called between a check and the mark or message that follows it, with no case lock held. */
  readonly afterCheck?: (step: DeadlineStep) => Promise<void>;
}

/**
 * The deadline a job is for: its id, or its id with its case's as the job carries them
 * (the worker's jobs do), which saves reading the deadline to learn whose lock to take.
 */
export type DeadlineTarget = string | { readonly deadlineId: string; readonly caseId: string };

/**
 * Runs `work` under the case's job lock with the deadline and its case as they are now,
 * unless the deadline no longer runs: met, replaced (severity change, reopening) or the
 * case closed. A change may still commit while `work` talks to Slack, so `work` marks
 * through `markRunningDeadline` and DMs through `sendNoticesThenMark`, which check again.
 */
export async function withRunningDeadline(
  ctx: AppContext,
  target: DeadlineTarget,
  work: (db: Kysely<Database>, deadline: Deadline, current: Case, read: FreshRead) => Promise<void>,
): Promise<void> {
  const deadlineId = typeof target === 'string' ? target : target.deadlineId;
  const caseId = typeof target === 'string' ? (await findDeadline(ctx.db, deadlineId))?.caseId : target.caseId;
  if (!caseId) return;
  const lockedWrongCase = await withJobLock(ctx.db, caseId, async (db) => {
    const found = await findDeadlineWithCase(db, deadlineId);
    if (!found) return false;
    const { deadline, case: current, told } = found;
    if (deadline.caseId !== caseId) return true;
    if (deadline.metAt || deadline.supersededAt || current.status === 'closed') return false;
    await work(db, deadline, current, { told });
    return false;
  });
  // A job naming another case than its deadline's (never written so): the deadline's own case decides.
  if (lockedWrongCase) await withRunningDeadline(ctx, deadlineId, work);
}

/**
 * What the job's first read found besides the deadline: who has had each notice. With
 * nothing but the job's own reckoning between that read and the first DM (no Slack call,
 * no hook), it is as fresh as a check made just before the DM, and saves one.
 */
export interface FreshRead {
  readonly told: DeadlineNoticesSent;
}

type Mark = 'warned_at' | 'breached_at' | 'breach_notified_at';

/** Sets a once-only mark under the case lock if the deadline still runs; true when this call set it. */
export function markRunningDeadline(db: Kysely<Database>, deadline: Deadline, mark: Mark, now: Date): Promise<boolean> {
  return inCaseRowLock(db, deadline.caseId, (trx) => markDeadline(trx, deadline.id, mark, now));
}

/** A DM about a deadline, as one recipient gets it. */
export interface NoticeMessage {
  readonly text: string;
  readonly blocks?: KnownBlock[];
}

const NOTICE_STEPS = {
  warning: { step: 'reminder_dm', purpose: 'reminder' },
  breach: { step: 'breach_dm', purpose: 'breach' },
} as const;

/**
 * DMs each recipient not yet sent this notice, then sets `mark` once everyone has theirs.
 * Before every DM it checks that the deadline still runs, so a change committed since the
 * job's own check stops the rest (no mark). A person Slack cannot reach (gone,
 * deactivated) is noted in the timeline and counts as told; any other refusal is a stuck
 * step, and the notice stays owed to that person, so the mark waits for it. Each DM sent
 * is recorded in one statement that takes the case lock, the last one together with the
 * mark. The check is a
 * plain read: no lock is held across the Slack call, so a change committed during that
 * very call still lets that one DM go out, with or without a lock around the read.
 * `marked` says whether this call set the mark (the notice complete, now).
 */
export async function sendNoticesThenMark(
  ctx: AppContext,
  db: Kysely<Database>,
  deadline: Deadline,
  current: Case,
  notice: { kind: 'warning' | 'breach'; recipients: readonly string[]; message: (recipient: string) => NoticeMessage; mark: Mark },
  fresh?: FreshRead,
): Promise<{ marked: boolean }> {
  const { step, purpose } = NOTICE_STEPS[notice.kind];
  // Who has it already and the check before the first DM, in one read, unless the job's first read is still fresh.
  const state = fresh ? { runs: true, told: fresh.told[notice.kind] } : await noticeState(db, deadline.id, notice.kind);
  const pending = [...new Set(notice.recipients)].filter((recipient) => !state.told.has(recipient));
  let everyoneTold = true;
  let marked: boolean | undefined;
  for (const [index, recipient] of pending.entries()) {
    if (!(index === 0 ? state.runs : await deadlineRuns(db, deadline.id))) return { marked: false };
    const message = notice.message(recipient);
    const stuckStep = { kind: step, deadlineId: deadline.id, userId: recipient } as const;
    const sent = await attemptStep(
      ctx,
      db,
      current,
      stuckStep,
      async () => {
        const outcome = await sendDirectMessage(ctx.slack, recipient, { ...message, unfurl_links: false });
        if (!outcome.delivered) await noteUndeliveredDm(ctx, db, current, { userId: recipient, slackError: outcome.error, purpose });
      },
      { clearedByCaller: true },
    );
    everyoneTold &&= sent;
    if (!sent) continue;
    const last = everyoneTold && index === pending.length - 1;
    // The DM recorded, its stuck step cleared and (after the last one) the mark set: one statement, which takes the case lock.
    const result = await recordNoticeSent(db, {
      caseId: deadline.caseId,
      deadlineId: deadline.id,
      kind: notice.kind,
      recipient,
      stuckStep: stepKey(stuckStep),
      ...(last && { mark: notice.mark }),
      now: ctx.now(),
    });
    if (last) marked = result;
  }
  if (!everyoneTold) return { marked: false };
  return { marked: marked ?? (await markRunningDeadline(db, deadline, notice.mark, ctx.now())) };
}
