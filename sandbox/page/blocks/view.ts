import { renderBlockList, type InputSlot } from './blocks.js';
import { documentOf, h } from './dom.js';
import { isEmpty } from './elements.js';
import { FormState } from './form-state.js';
import { plainTextIn } from './text.js';
import type { RenderContext, RenderedView, ViewHandlers, ViewInput } from './types.js';

/** What Slack's client says under an empty required field. */
const REQUIRED = 'Please complete this required field.';

/**
 * A modal as Slack draws it: title bar with ×, the blocks, and Close/Submit at the foot
 * (Submit only when the view has one). Submit first checks the required fields the way
 * Slack's client does, showing its message under each empty one, and calls
 * `handlers.onSubmit` only when none is empty; what the bot answers (`errors`,
 * `update`, `push`, `clear`) is for the sandbox to apply.
 *
 * @example
 * const shown = renderView(view, ctx, { onSubmit: () => submit(shown.values()), onClose: close });
 */
export function renderView(view: ViewInput, ctx: RenderContext, handlers: ViewHandlers = {}): RenderedView {
  const doc = documentOf(ctx);
  const state = new FormState();
  const inputs: InputSlot[] = [];
  const body = renderBlockList(doc, view.blocks, { ...ctx, document: doc }, state, inputs);
  body.classList.add('bk-view-body');

  const cross = h(doc, 'button', 'bk-view-cross', '×');
  cross.type = 'button';
  cross.setAttribute('aria-label', 'Close');
  const close = h(doc, 'button', 'bk-button bk-view-close', plainTextIn(doc, view.close ?? { text: 'Cancel' }));
  close.type = 'button';
  const footer = h(doc, 'div', 'bk-view-footer', close);
  const element = h(doc, 'div', 'bk bk-view', h(doc, 'div', 'bk-view-header', h(doc, 'h2', 'bk-view-title', plainTextIn(doc, view.title)), cross), body, footer);
  element.setAttribute('role', 'dialog');

  const values = () => state.values();
  const missingRequired = () => {
    const current = values();
    return inputs.filter((input) => {
      const field = current[input.blockId]?.[input.actionId];
      return !input.optional && field !== undefined && isEmpty(field);
    }).map((input) => input.blockId);
  };
  const showErrors = (errors: Record<string, string>) => {
    for (const input of inputs) {
      const message = errors[input.blockId];
      input.error.textContent = message ?? '';
      input.error.hidden = message === undefined;
      input.error.parentElement?.classList.toggle('bk-input-has-error', message !== undefined);
    }
  };

  for (const button of [cross, close]) button.addEventListener('click', () => handlers.onClose?.());
  if (view.submit) {
    const submit = h(doc, 'button', 'bk-button bk-button-primary bk-view-submit', plainTextIn(doc, view.submit));
    submit.type = 'button';
    submit.addEventListener('click', () => {
      const missing = missingRequired();
      showErrors(Object.fromEntries(missing.map((blockId) => [blockId, REQUIRED])));
      if (missing.length === 0) handlers.onSubmit?.();
    });
    footer.append(submit);
  }
  return { element, values, showErrors, missingRequired };
}
