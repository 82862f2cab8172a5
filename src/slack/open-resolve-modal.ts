import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../context.js';
import { findTargetCase } from '../cases/find-case.js';
import { checkTransition } from '../domain/lifecycle.js';
import { resolveModal } from '../blocks/resolve-modal.js';
import { userErrorText } from '../blocks/user-error-text.js';

/**
 * Opens "How was it resolved?" for the case named by `#N`, the channel, or `caseId`
 * (a button). Returns the reason when it cannot, for an ephemeral reply.
 */
export async function openResolveModal(
  ctx: AppContext,
  client: WebClient,
  input: { teamId: string; channelId: string; triggerId: string; caseNumber?: number; caseId?: string },
): Promise<string | undefined> {
  const found = await findTargetCase(ctx.db, { ...input, verb: 'resolve' });
  if (!found.ok) return userErrorText(ctx.words, found);
  const denied = checkTransition(found.case, 'resolve');
  if (denied) return userErrorText(ctx.words, denied);
  await client.views.open({ trigger_id: input.triggerId, view: resolveModal(ctx.words, { caseId: found.case.id, number: found.case.number, summary: found.case.summary }) });
  return undefined;
}
