import type { Kysely } from 'kysely';
import type { AppContext } from '../context.js';
import type { Case } from '../domain/case.js';
import type { Database } from '../db/tables.js';
import { clearStuckStep, listStuckSteps } from '../db/stuck-step-repository.js';
import { inviteToChannel } from '../outbound/case-channel.js';
import { recordStuckStep } from './stuck-steps.js';

/**
 * Invites people into the case channel. Each person Slack refuses becomes a stuck step
 * of their own (tried again on its schedule) and never stops the others; a person who
 * was stuck and got in is no longer stuck. Returns the people Slack refused.
 */
export async function inviteIntoCase(
  ctx: AppContext,
  db: Kysely<Database>,
  current: Case,
  channelId: string,
  users: readonly string[],
): Promise<Set<string>> {
  const refused = await inviteToChannel(ctx.slack, channelId, users);
  for (const { userId, error } of refused) await recordStuckStep(ctx, db, current, { kind: 'invite', userId }, error);
  const refusedIds = new Set(refused.map((r) => r.userId));
  const wasStuck = (await listStuckSteps(db, current.id)).flatMap((r) => (r.step.kind === 'invite' ? [r.step.userId] : []));
  for (const userId of wasStuck) {
    if (users.includes(userId) && !refusedIds.has(userId)) await clearStuckStep(db, current.id, { kind: 'invite', userId });
  }
  return refusedIds;
}
