import { emojiNodes, renderMrkdwn } from './mrkdwn.js';
import { splitShortcodes } from './emoji.js';
import type { RenderContext } from './types.js';

/** A Block Kit text object: `plain_text` (emoji on unless turned off) or `mrkdwn`. */
export interface TextObject {
  type: 'plain_text' | 'mrkdwn';
  text: string;
  emoji?: boolean;
}

/**
 * A `plain_text` object as Slack shows it: the text exactly as sent (no entities, links
 * or mentions are read in it), with `:shortcodes:` as emoji unless `emoji` is false.
 *
 * @example
 * renderPlainText({ type: 'plain_text', text: 'Take it :raised_hand:' })
 */
export function renderPlainText(obj: { text: string; emoji?: boolean }): DocumentFragment {
  return plainTextIn(globalThis.document, obj);
}

export function plainTextIn(doc: Document, obj: { text: string; emoji?: boolean }): DocumentFragment {
  const fragment = doc.createDocumentFragment();
  if (obj.emoji === false) fragment.append(obj.text);
  else fragment.append(...emojiNodes(obj.text, doc));
  return fragment;
}

/** A text object where Slack allows either kind. */
export function textIn(doc: Document, obj: TextObject | undefined, ctx: RenderContext): DocumentFragment {
  if (obj === undefined) return doc.createDocumentFragment();
  return obj.type === 'mrkdwn' ? renderMrkdwn(obj.text, { ...ctx, document: doc }) : plainTextIn(doc, obj);
}

/** A text object as one string, for places that take no markup (`<option>`, `alt`, `title`). */
export function flatText(obj: { text: string; emoji?: boolean } | undefined): string {
  if (obj === undefined) return '';
  if (obj.emoji === false) return obj.text;
  return splitShortcodes(obj.text)
    .map((piece) => (typeof piece === 'string' ? piece : piece.emoji))
    .join('');
}
