import type { App } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { resolve } from '../../cases/case-actions.js';
import { RESOLVE_CALLBACK_ID, RESOLVE_FIELD } from '../../blocks/resolve-modal.js';
import { parseCaseId } from '../case-reference.js';
import { userErrorText } from '../../blocks/user-error-text.js';
import { finishChange } from '../finish-change.js';
import { requesterOf } from '../requester.js';

/** "How was it resolved?" submitted: resolve the case, or show what is wrong on the field. */
export function registerResolveSubmission(app: App, ctx: AppContext): void {
  app.view(RESOLVE_CALLBACK_ID, async ({ ack, view, context }) => {
    const fieldError = (message: string) => ack({ response_action: 'errors', errors: { [RESOLVE_FIELD.blockId]: message } });
    const { userId, teamId } = requesterOf(context);
    const caseId = parseCaseId(view.private_metadata);
    if (!caseId) return fieldError(ctx.words.t('reply.formOutOfDate'));
    const how = view.state.values[RESOLVE_FIELD.blockId]?.[RESOLVE_FIELD.actionId]?.value?.trim() ?? '';
    if (!how) return fieldError(ctx.words.t('resolve.required'));
    const change = await resolve(ctx.db, ctx.policy, { caseId, teamId, actorId: userId, how, now: ctx.now() }).catch((error: unknown) => {
      ctx.logger.error({ err: error }, 'could not resolve a case from the modal');
      return undefined;
    });
    if (!change) return fieldError(ctx.words.t('resolve.saveFailed'));
    if (!change.ok) return fieldError(userErrorText(ctx.words, change));
    await ack();
    await finishChange(ctx, change, '');
  });
}
