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
