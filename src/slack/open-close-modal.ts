import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../context.js';
import { findTargetCase } from '../cases/find-case.js';
import { checkTransition } from '../domain/lifecycle.js';
import { userError } from '../domain/user-error.js';
import { hasPendingCompensation } from '../db/compensation-repository.js';
import { closeModal } from '../blocks/close-modal.js';
import { userErrorText } from '../blocks/user-error-text.js';

/**
 * Opens the close form for the case named by `#N`, the channel, or `caseId` (a button).
 * Returns the reason when it cannot, for an ephemeral reply.
 */
export async function openCloseModal(
  ctx: AppContext,
  client: WebClient,
  input: { teamId: string; channelId: string; triggerId: string; caseNumber?: number; caseId?: string },
): Promise<string | undefined> {
  const found = await findTargetCase(ctx.db, { ...input, verb: 'close' });
  if (!found.ok) return userErrorText(ctx.words, found);
  const denied = checkTransition(found.case, 'close');
  if (denied) return userErrorText(ctx.words, denied);
  // Said before the form opens; closing checks it again under the case lock.
  if (await hasPendingCompensation(ctx.db, found.case.id)) return userErrorText(ctx.words, userError('compensation_pending', { caseNumber: found.case.number }));
  await client.views.open({ trigger_id: input.triggerId, view: closeModal(ctx.words, { caseId: found.case.id, number: found.case.number, summary: found.case.summary }) });
  return undefined;
}
