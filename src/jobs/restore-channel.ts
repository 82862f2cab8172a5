import type { AppContext } from '../context.js';
import { findCaseById } from '../db/case-repository.js';
import { forgetChannel, getCaseChannel } from '../db/case-channel-repository.js';
import { findClosure, markChannelRestored } from '../db/closure-repository.js';
import { appendEvent } from '../db/event-repository.js';
import { clearStuckStep } from '../db/stuck-step-repository.js';
import { inCaseRowLock } from '../db/case-lock.js';
import { classifySlackError, slackErrorCode } from '../outbound/slack-errors.js';
import { withJobLock } from './job-lock.js';
import { provisionCase } from './provision-case.js';
import { syncCase } from './sync-case.js';

/** What the case's channel needs once it is decided under the job lock. */
type Next = 'nothing' | 'sync' | 'provision';

/**
 * After a closed case is reopened: gives it its channel back, then syncs the card and
 * posts the reopening. Slack is asked how the channel is now, under the case's job lock,
 * so an archive that finished just before the reopening is seen. An archived channel is
 * unarchived; Slack refuses that to bot tokens (`not_in_channel`), so then the case gets
 * a new channel through provisioning (members, card and topic again, no second
 * announcement), and its first line links the archived one, whose history stays readable.
 * Safe to run twice: the second run finds the channel active, or already replaced.
 */
export async function restoreChannel(ctx: AppContext, closureId: string): Promise<void> {
  const closure = await findClosure(ctx.db, closureId);
  if (!closure) return;
  const next = await withJobLock(ctx.db, closure.caseId, async (db): Promise<Next> => {
    const current = await findCaseById(db, closure.caseId);
    const record = await getCaseChannel(db, closure.caseId);
    if (!current) return 'nothing';
    // Closed again meanwhile: that close owns the channel now.
    if (current.status === 'closed') return 'nothing';
    if (!record?.channel_id) return 'provision';
    const channelId = record.channel_id;
    const archived = await isArchived(ctx, channelId);
    if (!archived) return 'sync';
    try {
      await ctx.slack.conversations.unarchive({ channel: channelId });
      return 'sync';
    } catch (error) {
      if (slackErrorCode(error) === 'not_archived') return 'sync';
      const failure = classifySlackError(error);
      if (failure.kind !== 'permanent') throw error;
      ctx.logger.info({ caseNumber: current.number, slackError: failure.error }, 'Slack would not unarchive a reopened case channel; the case gets a new one');
      // One transaction: a crash leaves either the old channel (tried again) or the new plan, never a second line.
      await inCaseRowLock(db, current.id, async (trx) => {
        await appendEvent(trx, { caseId: current.id, teamId: current.teamId, kind: 'channel_replaced', actorId: null, data: { from: channelId }, at: ctx.now() });
        await forgetChannel(trx, current.id, ctx.now());
        // Steps stuck on the archived channel do not apply to the new one.
        await clearStuckStep(trx, current.id, { kind: 'card' });
        await clearStuckStep(trx, current.id, { kind: 'channel_lines' });
      });
      return 'provision';
    }
  });
  if (next === 'provision') await provisionCase(ctx, closure.caseId);
  if (next === 'sync') await syncCase(ctx, closure.caseId);
  await markChannelRestored(ctx.db, closure.id, ctx.now());
}

/** Whether Slack has the channel archived; a channel Slack no longer knows counts as one to replace. */
async function isArchived(ctx: AppContext, channelId: string): Promise<boolean> {
  try {
    const info = await ctx.slack.conversations.info({ channel: channelId });
    return info.channel?.is_archived === true;
  } catch (error) {
    const failure = classifySlackError(error);
    if (failure.kind !== 'permanent') throw error;
    return true;
  }
}
