import { h } from './dom.js';
import { plainTextIn, textIn, type TextObject } from './text.js';
import type { RenderContext } from './types.js';

/** Block Kit's confirmation dialog object. */
export interface ConfirmObject {
  title?: { text: string; emoji?: boolean };
  text?: TextObject;
  confirm?: { text: string; emoji?: boolean };
  deny?: { text: string; emoji?: boolean };
  style?: 'primary' | 'danger';
}

/**
 * Asks before an action goes out, as Slack does when an element has `confirm`: the
 * dialog covers the page, and only its confirm button lets `proceed` run; its deny
 * button (or Escape) runs `cancel`.
 */
export function askToConfirm(doc: Document, confirm: ConfirmObject, ctx: RenderContext, proceed: () => void, cancel: () => void = () => {}): void {
  const yes = h(doc, 'button', `bk-button ${confirm.style === 'danger' ? 'bk-button-danger' : 'bk-button-primary'} bk-confirm-yes`, plainTextIn(doc, confirm.confirm ?? { text: 'Confirm' }));
  const no = h(doc, 'button', 'bk-button bk-confirm-no', plainTextIn(doc, confirm.deny ?? { text: 'Cancel' }));
  yes.type = 'button';
  no.type = 'button';
  const dialog = h(
    doc,
    'div',
    'bk-confirm',
    h(doc, 'h2', 'bk-confirm-title', plainTextIn(doc, confirm.title ?? { text: 'Are you sure?' })),
    h(doc, 'div', 'bk-confirm-text', textIn(doc, confirm.text, ctx)),
    h(doc, 'div', 'bk-confirm-buttons', no, yes),
  );
  dialog.setAttribute('role', 'alertdialog');
  dialog.setAttribute('aria-modal', 'true');
  const backdrop = h(doc, 'div', 'bk bk-confirm-backdrop', dialog);
  const close = (then: () => void) => {
    backdrop.remove();
    then();
  };
  yes.addEventListener('click', () => close(proceed));
  no.addEventListener('click', () => close(cancel));
  backdrop.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') close(cancel);
  });
  doc.body.append(backdrop);
  yes.focus();
}
