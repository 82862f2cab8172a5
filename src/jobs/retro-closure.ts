import type { KnownBlock } from '@slack/types';
import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Closure } from '../domain/closure.js';
import type { StuckStep } from '../domain/stuck-step.js';
import type { Database } from '../db/tables.js';
import { inCaseRowLock } from '../db/case-lock.js';
import { findCaseById } from '../db/case-repository.js';
import { findClosure } from '../db/closure-repository.js';
import { findRetroRequest, markRetroRequest, retroStillOpen } from '../db/retro-repository.js';
import { sendDirectMessage } from '../outbound/direct-message.js';
import { withJobLock } from './job-lock.js';
import { attemptStep } from './stuck-steps.js';
import { noteUndeliveredDm } from './undelivered-dm.js';

/** Points inside the retro jobs where a test can act; the worker passes none. */
export interface RetroJobHooks {
  /** Called after the job's check, before its Slack calls, with no case lock held. */
  readonly afterCheck?: () => Promise<void>;
}

/**
 * Runs `work` under the case's job lock with the close and its case as they are now; a
 * close cancelled by reopening, or a case no longer closed, does nothing.
 */
export async function withRetroClosure(
  ctx: AppContext,
  closureId: string,
  work: (db: Kysely<Database>, closure: Closure, current: Case) => Promise<void>,
): Promise<void> {
  const first = await findClosure(ctx.db, closureId);
  if (!first) return;
  await withJobLock(ctx.db, first.caseId, async (db) => {
    const closure = await findClosure(db, closureId);
    const current = await findCaseById(db, first.caseId);
    // A reopened case owes its close nothing more, even before reopening has cancelled the close.
    if (!closure || !current || closure.cancelledAt || current.status !== 'closed') return;
    await work(db, closure, current);
  });
}

/**
 * Whether Slack can still reach a person: someone Slack no longer knows, or whose account
 * is deactivated, has left the workspace. Slack would take a DM to a deactivated account
 * without complaint, so it is asked first (`users.info`, cached for a few minutes).
 */
async function leftWorkspace(ctx: AppContext, userId: string): Promise<string | undefined> {
  const account = await ctx.accounts.lookup(userId);
  if (!account) return 'user_not_found';
  return account.deleted ? 'user_disabled' : undefined;
}

/**
 * DMs each of `recipients` still owed this DM of the retro, marking each under the case
 * lock (`asked_at` or `reminded_at`), so a second run DMs nobody twice. Before each DM the
 * close and the person's request are read again: a reopening or the summary stops the
 * rest, an answer skips the person. Someone who left the workspace, or whose DM Slack
 * refuses, is marked unreachable (not waited for), noted in the timeline and logged. Any
 * other refusal makes the step stuck (retried on its schedule). True when everyone owed has theirs.
 */
export async function sendRetroDms(
  ctx: AppContext,
  db: Kysely<Database>,
  current: Case,
  input: { closureId: string; step: StuckStep; mark: 'asked_at' | 'reminded_at'; recipients: readonly string[]; message: { text: string; blocks: KnownBlock[] } },
): Promise<boolean> {
  let stopped = false;
  const done = await attemptStep(ctx, db, current, input.step, async () => {
    for (const recipient of input.recipients) {
      if (!(await retroStillOpen(db, input.closureId))) {
        stopped = true;
        return;
      }
      const request = await findRetroRequest(db, input.closureId, recipient);
      if (!request || request.answeredAt || request.unreachableAt || (input.mark === 'asked_at' ? request.askedAt : request.remindedAt)) continue;
      const gone = await leftWorkspace(ctx, recipient);
      const outcome = gone ? { delivered: false as const, error: gone } : await sendDirectMessage(ctx.slack, recipient, { ...input.message, unfurl_links: false, unfurl_media: false });
      if (!outcome.delivered) await noteUndeliveredDm(ctx, db, current, { userId: recipient, slackError: outcome.error, purpose: 'retro' });
      const mark = outcome.delivered ? input.mark : 'unreachable_at';
      await inCaseRowLock(db, current.id, (trx) => markRetroRequest(trx, { closureId: input.closureId, recipient, mark, now: ctx.now() }));
    }
  });
  return done && !stopped;
}
