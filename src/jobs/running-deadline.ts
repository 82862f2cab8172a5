import type { KnownBlock } from '@slack/types';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Database } from '../db/tables.js';
import { inCaseRowLock } from '../db/case-lock.js';
import { findCaseById } from '../db/case-repository.js';
import { deadlineRuns, findDeadline, markDeadline, noticeRecipients, recordNotice, type Deadline } from '../db/deadline-repository.js';
import { withJobLock } from './job-lock.js';

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
 * Runs `work` under the case's job lock with the deadline and its case as they are now,
 * unless the deadline no longer runs: met, replaced (severity change, reopening) or the
 * case closed. A change may still commit while `work` talks to Slack, so `work` marks
 * through `markRunningDeadline` and DMs through `sendNoticesThenMark`, which check again.
 */
export async function withRunningDeadline(
  ctx: AppContext,
  deadlineId: string,
  work: (db: Kysely<Database>, deadline: Deadline, current: Case) => Promise<void>,
): Promise<void> {
  const first = await findDeadline(ctx.db, deadlineId);
  if (!first) return;
  await withJobLock(ctx.db, first.caseId, async (db) => {
    const deadline = await findDeadline(db, deadlineId);
    const current = await findCaseById(db, first.caseId);
    if (!deadline || !current || deadline.metAt || deadline.supersededAt || current.status === 'closed') return;
    await work(db, deadline, current);
  });
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

/**
 * DMs each recipient not yet sent this notice, then sets `mark` once everyone has theirs.
 * Before every DM it checks that the deadline still runs, so a change committed since the
 * job's own check stops the rest (`stopped`, no mark). `send` delivers one DM and says
 * whether it is done: a DM Slack refused for now (a stuck step) stays owed, so the mark
 * waits for it. Each DM done is recorded under the case lock. The check is a plain read:
 * no lock is held across the Slack call, so a change committed during that very call
 * still lets that one DM go out, with or without a lock around the read.
 */
export async function sendNoticesThenMark(
  ctx: AppContext,
  db: Kysely<Database>,
  deadline: Deadline,
  notice: {
    kind: 'warning' | 'breach';
    recipients: readonly string[];
    message: (recipient: string) => NoticeMessage;
    send: (recipient: string, message: NoticeMessage) => Promise<boolean>;
    mark: Mark;
  },
): Promise<{ stopped: boolean }> {
  const already = await noticeRecipients(db, deadline.id, notice.kind);
  const pending = [...new Set(notice.recipients)].filter((recipient) => !already.has(recipient));
  let everyoneTold = true;
  for (const [index, recipient] of pending.entries()) {
    if (!(await deadlineRuns(db, deadline.id))) return { stopped: true };
    if (!(await notice.send(recipient, notice.message(recipient)))) {
      everyoneTold = false;
      continue;
    }
    // The last DM of a notice everyone received is recorded together with the mark: one transaction fewer.
    const markNow = everyoneTold && index === pending.length - 1;
    const marked = await inCaseRowLock(db, deadline.caseId, async (trx) => {
      await recordNotice(trx, { deadlineId: deadline.id, kind: notice.kind, recipient, now: ctx.now() });
      return markNow && (await markDeadline(trx, deadline.id, notice.mark, ctx.now()));
    });
    if (markNow) return { stopped: !marked && !(await deadlineRuns(db, deadline.id)) };
  }
  if (!everyoneTold) return { stopped: false };
  const marked = await markRunningDeadline(db, deadline, notice.mark, ctx.now());
  return { stopped: !marked && !(await deadlineRuns(db, deadline.id)) };
}
