import type { AppContext } from '../context.js';
import { findCaseById } from '../db/case-repository.js';
import { inviteToChannel } from '../outbound/case-channel.js';
import { syncCase } from './sync-case.js';

/** Escalation: the leads join the case channel, then the card and the pinging line follow. */
export async function inviteLeads(ctx: AppContext, caseId: string): Promise<void> {
  const channelId = (await findCaseById(ctx.db, caseId))?.channelId;
  // Before the channel exists provisioning will post the line; leads are invited by the retry.
  if (!channelId) throw new Error(`case ${caseId} has no channel yet; leads are invited once it has`);
  await inviteToChannel(ctx.slack, channelId, ctx.policy.leads.filter((id) => id !== ctx.botUserId));
  await syncCase(ctx, caseId);
}
