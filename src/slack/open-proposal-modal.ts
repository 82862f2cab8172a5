import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../context.js';
import type { CompensationKind } from '../domain/compensation.js';
import { checkTransition } from '../domain/lifecycle.js';
import { findTargetCase } from '../cases/find-case.js';
import { approvedTotal } from '../db/compensation-repository.js';
import { categoryName } from '../blocks/card-message.js';
import { proposalModal } from '../blocks/compensation-modal.js';
import { userErrorText } from '../blocks/user-error-text.js';
import type { Case } from '../domain/case.js';
import type { View } from '@slack/types';

/**
 * The proposal form for a case, with its category's guide, the claimed loss and the
 * approved total, optionally prefilled (after the customer declined an offer).
 */
export async function proposalFormFor(
  ctx: AppContext,
  found: Case,
  prefill?: { kind?: CompensationKind; amount?: string; note?: string; asked?: string },
): Promise<View> {
  const category = ctx.policy.categories.find((c) => c.id === found.categoryId);
  return proposalModal(ctx.words, {
    caseId: found.id,
    caseNumber: found.number,
    categoryName: categoryName(ctx.policy, found.categoryId),
    ...(category?.compensationGuide && { guide: category.compensationGuide }),
    claimedLossMinor: found.claimedLossMinor,
    approvedTotalMinor: await approvedTotal(ctx.db, found.id),
    ...(prefill && { prefill }),
  });
}

/**
 * Opens the proposal form for the case named by `#N`, the channel, or `caseId` (the
 * card's button). Returns the reason when it cannot, for an ephemeral reply.
 */
export async function openProposalModal(
  ctx: AppContext,
  client: WebClient,
  input: { teamId: string; channelId: string; triggerId: string; caseNumber?: number; caseId?: string },
): Promise<string | undefined> {
  const found = await findTargetCase(ctx.db, { ...input, verb: 'compensate' });
  if (!found.ok) return userErrorText(ctx.words, found);
  const denied = checkTransition(found.case, 'compensate');
  if (denied) return userErrorText(ctx.words, denied);
  await client.views.open({ trigger_id: input.triggerId, view: await proposalFormFor(ctx, found.case) });
  return undefined;
}
