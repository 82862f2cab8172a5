import type { ElementState, ViewStateValues } from './types.js';

/**
 * The fields of one message or modal: each stateful element registers how to read
 * itself, so `values()` reads the DOM as it is when asked, the way Slack's client
 * gathers `view.state.values` at submission.
 */
export class FormState {
  private readonly readers = new Map<string, Map<string, () => ElementState>>();

  add(blockId: string, actionId: string, read: () => ElementState): void {
    const block = this.readers.get(blockId) ?? new Map<string, () => ElementState>();
    block.set(actionId, read);
    this.readers.set(blockId, block);
  }

  values(): ViewStateValues {
    const values: ViewStateValues = {};
    for (const [blockId, block] of this.readers) {
      values[blockId] = Object.fromEntries(Array.from(block, ([actionId, read]) => [actionId, read()]));
    }
    return values;
  }
}
