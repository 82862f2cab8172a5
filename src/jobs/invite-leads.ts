import type { AppContext } from '../context.js';
import { findCaseById } from '../db/case-repository.js';
import { inviteIntoCase } from './invite-into-case.js';
import { syncCase } from './sync-case.js';

/**
 * Escalation: the leads join the case channel, then the card and the pinging line
 * follow. A lead Slack will not invite is a stuck step of their own; the others are
 * invited and the line is posted all the same.
 */
export async function inviteLeads(ctx: AppContext, caseId: string): Promise<void> {
  const current = await findCaseById(ctx.db, caseId);
  // Before the channel exists provisioning will post the line; leads are invited by the retry.
  if (!current?.channelId) throw new Error(`case ${caseId} has no channel yet; leads are invited once it has`);
  await inviteIntoCase(ctx, ctx.db, current, current.channelId, ctx.policy.leads.filter((id) => id !== ctx.botUserId));
  await syncCase(ctx, caseId);
}
