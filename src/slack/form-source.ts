import type { AppContext } from '../context.js';
import type { SourceMessage } from '../domain/source-message.js';
import { ANOTHER_FROM_MESSAGE_FIELD, ANOTHER_FROM_MESSAGE_VALUE, INTAKE_FIELDS, type SlackViewStateValues } from '../blocks/intake-modal.js';
import { sealSecret } from './message-intake-form.js';
import { openSource, sourceSealKey } from './source-metadata.js';
import type { Requester } from './requester.js';

export type FormSource =
  /** A form from `/complaint` or "New complaint": no message. */
  | { readonly ok: true; readonly message?: undefined }
  | { readonly ok: true; readonly message: SourceMessage }
  /** Refused on its fields, ready for `ack({ response_action: 'errors', errors })`. */
  | { readonly ok: false; readonly errors: Record<string, string> };

/**
 * The message an intake form was opened from, read from its sealed `private_metadata` and
 * checked (see source-metadata.ts): a seal that is not Anthill's, or not this person's in
 * this workspace, refuses the form; a message that had cases needs the "open another" box ticked.
 */
export function readFormSource(
  ctx: Pick<AppContext, 'slack' | 'logger' | 'words' | 'now'>,
  view: { private_metadata?: string; state: { values: SlackViewStateValues } },
  requester: Requester,
): FormSource {
  const metadata = view.private_metadata ?? '';
  if (metadata === '') return { ok: true };
  const opened = openSource(sourceSealKey(sealSecret(ctx.slack)), metadata, { ...requester, now: ctx.now() });
  if (!opened.ok) {
    ctx.logger.warn({ reason: opened.reason }, 'an intake form came back with a source message that does not check out; refused');
    return { ok: false, errors: { [INTAKE_FIELDS.summary.blockId]: ctx.words.t('intake.error.sourceUnchecked') } };
  }
  const { source } = opened;
  const ticked = view.state.values[ANOTHER_FROM_MESSAGE_FIELD.blockId]?.[ANOTHER_FROM_MESSAGE_FIELD.actionId]?.selected_options ?? [];
  if (source.alreadyCases > 0 && !ticked.some((option) => option.value === ANOTHER_FROM_MESSAGE_VALUE)) {
    return { ok: false, errors: { [ANOTHER_FROM_MESSAGE_FIELD.blockId]: ctx.words.t('shortcut.alreadyHint') } };
  }
  return {
    ok: true,
    message: { channelId: source.channelId, messageTs: source.messageTs, ...(source.threadTs && { threadTs: source.threadTs }), permalink: source.permalink },
  };
}
