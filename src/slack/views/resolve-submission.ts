import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { resolve } from '../../cases/case-actions.js';
import { RESOLVE_CALLBACK_ID, RESOLVE_FIELD } from '../../blocks/resolve-modal.js';
import { finishChange } from '../finish-change.js';

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
    await finishChange(ctx, change, '');
  });
}
