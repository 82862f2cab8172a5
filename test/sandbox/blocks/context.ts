import type { BlockAction, RenderContext } from '../../../sandbox/page/blocks/index.js';

/** The demo people and channels the renderer's tests name. */
export const PEOPLE: Record<string, string> = { U0ALICE01: 'Alice', U0BRUNO01: 'Bruno', U0LENA001: 'Lena' };
export const CHANNELS: Record<string, string> = { C0TEAM001: 'customer-team', C0CASE042: 'case-42-parcel-arrived-broken' };

/** A context that names the demo people and channels and records every action. */
export function recordingContext(): RenderContext & { actions: BlockAction[] } {
  const actions: BlockAction[] = [];
  return {
    actions,
    userName: (id) => PEOPLE[id],
    channelName: (id) => CHANNELS[id],
    users: () => Object.entries(PEOPLE).map(([id, name]) => ({ id, name })),
    onAction: (action) => actions.push(action),
  };
}

/** Rendered nodes in a detached element, for reading back. */
export function holder(...nodes: Node[]): HTMLElement {
  const div = document.createElement('div');
  div.append(...nodes);
  return div;
}

/** The block a field is in, by block id. */
function block(root: HTMLElement, blockId: string): HTMLElement {
  const found = root.querySelector<HTMLElement>(`[data-block-id="${blockId}"]`);
  if (found === null) throw new Error(`no block ${blockId}`);
  return found;
}

/** Types into a block's text field, as a person would. */
export function type(root: HTMLElement, blockId: string, text: string): void {
  const field = block(root, blockId).querySelector<HTMLInputElement | HTMLTextAreaElement>('input, textarea');
  if (field === null) throw new Error(`no text field in ${blockId}`);
  field.value = text;
  field.dispatchEvent(new Event('input', { bubbles: true }));
}

/** Chooses options of a block's select by value (several for a multi select). */
export function pick(root: HTMLElement, blockId: string, ...values: string[]): void {
  const select = block(root, blockId).querySelector('select');
  if (select === null) throw new Error(`no select in ${blockId}`);
  for (const item of Array.from(select.options)) item.selected = values.includes(item.value);
  select.dispatchEvent(new Event('change', { bubbles: true }));
}

/** Clicks a block's checkbox or radio button with this value. */
export function tick(root: HTMLElement, blockId: string, value: string): void {
  const box = block(root, blockId).querySelector<HTMLInputElement>(`input[value="${value}"]`);
  if (box === null) throw new Error(`no choice ${value} in ${blockId}`);
  box.click();
}

/** Sets a block's date picker. */
export function date(root: HTMLElement, blockId: string, day: string): void {
  const field = block(root, blockId).querySelector<HTMLInputElement>('input[type=date]');
  if (field === null) throw new Error(`no date picker in ${blockId}`);
  field.value = day;
  field.dispatchEvent(new Event('change', { bubbles: true }));
}
