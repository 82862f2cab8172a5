import type { App, MessageShortcut } from '@slack/bolt';
import type { AppContext } from '../../context.js';
import { isConversationId, isMessageTs } from '../../domain/source-message.js';
import { loadingModal, SHORTCUT_CALLBACK_IDS } from '../../blocks/shortcut-views.js';
import { intakeFormFor } from '../intake-form.js';
import { isSlackUserId } from '../../blocks/format.js';
import { messageIntakeForm, type ShortcutMessage } from '../message-intake-form.js';
import { requesterOf } from '../requester.js';

/**
 * "Open a complaint" on a message. Slack's trigger id lasts 3 seconds, so a small form
 * saying the message is being read opens at once; the intake form prefilled from the
 * message replaces it (views.update) once the author, the people mentioned and the cases
 * the message already has are known. Guests and people from other organisations never get
 * here (requester-gate.ts), whoever wrote the message.
 */
export function registerMessageShortcut(app: App, ctx: AppContext): void {
  app.shortcut<MessageShortcut>({ callback_id: SHORTCUT_CALLBACK_IDS.message, type: 'message_action' }, async ({ shortcut, ack, client, context, respond }) => {
    await ack();
    const requester = requesterOf(context);
    let opened;
    try {
      opened = await client.views.open({ trigger_id: shortcut.trigger_id, view: loadingModal(ctx.words) });
    } catch (error) {
      ctx.logger.error({ err: error }, 'could not open the intake form from a message');
      await respond({ response_type: 'ephemeral', text: ctx.words.t('shortcut.formFailed') }).catch(() => undefined);
      return;
    }
    const viewId = opened.view?.id;
    if (!viewId) return;
    const message = shortcutMessage(shortcut);
    if (!message) ctx.logger.warn('a message shortcut named no message Anthill can link; the form opens empty');
    const view = message
      ? await messageIntakeForm(ctx, client, requester, message)
      : intakeFormFor(ctx);
    try {
      await client.views.update({ view_id: viewId, ...(opened.view?.hash && { hash: opened.view.hash }), view });
    } catch (error) {
      // Closed before the form was ready (not_found), or changed meanwhile (hash_conflict): nothing to fill in.
      ctx.logger.info({ err: error }, 'could not fill in the form opened from a message');
    }
  });
}

/** The message of the payload, when its channel and ts have Slack's shapes. */
function shortcutMessage(shortcut: MessageShortcut): ShortcutMessage | undefined {
  const channelId: unknown = shortcut.channel?.id;
  const messageTs: unknown = shortcut.message?.ts ?? shortcut.message_ts;
  if (!isConversationId(channelId) || !isMessageTs(messageTs)) return undefined;
  const raw = shortcut.message as Record<string, unknown>;
  const threadTs = isMessageTs(raw.thread_ts) && raw.thread_ts !== messageTs ? raw.thread_ts : undefined;
  const authorId = isSlackUserId(raw.user) ? raw.user : undefined;
  const authorTeamId = typeof raw.user_team === 'string' ? raw.user_team : undefined;
  const channelName = typeof shortcut.channel?.name === 'string' ? shortcut.channel.name : undefined;
  return {
    channelId,
    messageTs,
    text: typeof raw.text === 'string' ? raw.text : '',
    ...(channelName && { channelName }),
    ...(threadTs && { threadTs }),
    ...(authorId && { authorId }),
    ...(authorTeamId && { authorTeamId }),
  };
}
