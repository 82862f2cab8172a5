import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import { noticeFor, stepKey, type StuckRecord, type StuckStep } from '../domain/stuck-step.js';
import type { Database } from '../db/tables.js';
import { appendEvent } from '../db/event-repository.js';
import { claimReport, clearStuckStep, recordStuckFailure, releaseReport } from '../db/stuck-step-repository.js';
import { getCaseChannel } from '../db/case-channel-repository.js';
import { classifySlackError } from '../outbound/slack-errors.js';
import { cardStuckText, provisioningStuckText } from '../blocks/provisioning-texts.js';

/**
 * Runs one Slack side effect of a case. A permanent Slack error is recorded as a stuck
 * step (retried later on its schedule) instead of thrown, so the job goes on with the
 * side effects that do not depend on it; success clears the step. Temporary errors
 * still throw, for the job's own retries. Returns whether the step went through. A caller
 * that records the success in a statement of its own clears the step there
 * (`clearedByCaller`), a round trip fewer.
 *
 * @example
 * const sent = await attemptStep(ctx, db, current, { kind: 'breach_dm', deadlineId, userId }, () => sendDm(userId));
 */
export async function attemptStep(
  ctx: AppContext,
  db: Kysely<Database>,
  current: Case,
  step: StuckStep,
  work: () => Promise<void>,
  options: { clearedByCaller?: boolean } = {},
): Promise<boolean> {
  try {
    await work();
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind !== 'permanent') throw error;
    await recordStuckStep(ctx, db, current, step, failure.error);
    return false;
  }
  if (!options.clearedByCaller) await clearStuckStep(db, current.id, step);
  return true;
}

/**
 * Records a failed try of a step. A new failure (a step that was not stuck, or stuck
 * with another error) goes into the timeline once, and the people it concerns are told
 * once (domain/stuck-step.ts `noticeFor`); a repeated failure only counts the try.
 */
export async function recordStuckStep(ctx: AppContext, db: Kysely<Database>, current: Case, step: StuckStep, slackError: string): Promise<StuckRecord> {
  const now = ctx.now();
  const record = await db.transaction().execute(async (trx) => {
    const recorded = await recordStuckFailure(trx, { caseId: current.id, teamId: current.teamId, step, slackError, now });
    if (recorded.tries === 1) {
      await appendEvent(trx, { caseId: current.id, teamId: current.teamId, kind: 'slack_problem', actorId: null, data: { step: stepKey(step), error: slackError }, at: now });
    }
    return recorded;
  });
  const log = { caseNumber: current.number, step: step.kind, slackError, tries: record.tries, nextTryAt: record.nextTryAt.toISOString() };
  if (record.tries === 1) ctx.logger.error(log, 'a Slack step is stuck on a permanent error; it is tried again later');
  else ctx.logger.warn(log, 'a stuck Slack step failed again');
  if (record.reportedAt === null) await report(ctx, db, current, record);
  return record;
}

/** Tells the people a new failure concerns, once: one worker claims the report, and gives it back if telling fails. */
async function report(ctx: AppContext, db: Kysely<Database>, current: Case, record: StuckRecord): Promise<void> {
  if (!(await claimReport(db, current.id, record.step, ctx.now()))) return;
  const notice = noticeFor(record.step);
  if (notice === 'card') return;
  try {
    if (notice === 'reporter_dm') {
      const text = provisioningStuckText(ctx.words, { number: current.number, slackError: record.slackError, channelId: current.channelId, nextTryAt: record.nextTryAt });
      await ctx.slack.chat.postMessage({ channel: current.reporterId, text });
    } else {
      const channelId = (await getCaseChannel(db, current.id))?.channel_id;
      if (!channelId) return;
      await ctx.slack.chat.postMessage({ channel: channelId, text: cardStuckText(ctx.words, record.slackError), unfurl_links: false, unfurl_media: false });
    }
  } catch (error) {
    ctx.logger.warn({ caseNumber: current.number, step: record.step.kind, err: error }, 'could not tell people about a stuck Slack step; the next try will');
    await releaseReport(db, current.id, record.step);
  }
}
