import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../../context.js';
import { resolve } from '../../cases/case-actions.js';
import { findTargetCase } from '../../cases/find-case.js';
import { checkTransition } from '../../domain/lifecycle.js';
import { RESOLVE_CALLBACK_ID, RESOLVE_FIELD, resolveModal } from '../blocks/resolve-modal.js';
import { changeReply } from '../commands/run-case-command.js';

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
  if (!found.ok) return found.message;
  const denied = checkTransition(found.case, 'resolve');
  if (denied) return denied.message;
  await client.views.open({ trigger_id: input.triggerId, view: resolveModal({ caseId: found.case.id, number: found.case.number, summary: found.case.summary }) });
  return undefined;
}

/** "How was it resolved?" submitted: resolve the case, or show what is wrong on the field. */
export function registerResolveSubmission(app: App, ctx: AppContext): void {
  app.view(RESOLVE_CALLBACK_ID, async ({ ack, body, view }) => {
    const how = view.state.values[RESOLVE_FIELD.blockId]?.[RESOLVE_FIELD.actionId]?.value?.trim() ?? '';
    if (!how) return ack({ response_action: 'errors', errors: { [RESOLVE_FIELD.blockId]: 'Say how it was resolved.' } });
    const change = await resolve(ctx.db, { caseId: view.private_metadata, actorId: body.user.id, how, now: ctx.now() }).catch((error: unknown) => {
      ctx.logger.error({ err: error }, 'could not resolve a case from the modal');
      return undefined;
    });
    if (!change) return ack({ response_action: 'errors', errors: { [RESOLVE_FIELD.blockId]: 'Could not save just now. Please try again.' } });
    if (!change.ok) return ack({ response_action: 'errors', errors: { [RESOLVE_FIELD.blockId]: change.message } });
    await ack();
    await changeReply(ctx, change, '');
  });
}
