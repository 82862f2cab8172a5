/**
 * What the sandbox page and the Block Kit renderer agree on. The renderer knows nothing of
 * the sandbox's state or server: names come from `userName`/`channelName`, and every use
 * of an interactive element is handed to `onAction`, which turns it into the
 * `block_actions` request Slack would send.
 */

export interface RenderContext {
  /** A user id (`U…`/`W…`) to its display name; `undefined` shows the id. */
  userName(id: string): string | undefined;
  /** A channel id (`C…`/`G…`) to its name, without `#`; `undefined` shows the label or the id. */
  channelName(id: string): string | undefined;
  /** A button, select, overflow, checkbox group, radio group or date picker was used. */
  onAction(action: BlockAction): void;
  /** The people a `users_select` offers; without it only the ones already chosen are offered. */
  users?(): { id: string; name: string }[];
  /** Defaults to `globalThis.document`; tests pass happy-dom's. */
  document?: Document;
}

export interface SelectedOption {
  text: string;
  value: string;
}

/**
 * One use of an interactive element, as Slack's `actions[0]` of a `block_actions` payload
 * says it (`toSlackAction` gives that shape): a button's `value`, a select's or overflow's
 * `selectedOption`, a users select's `selectedUser`, checkboxes' `selectedOptions` (all
 * ticked after the change), a date or time picker's `selectedDate` or
 * `selectedTime`, a typed field's `value` (Enter, with `dispatch_action`).
 */
export interface BlockAction {
  actionId: string;
  blockId: string;
  value?: string;
  selectedOption?: SelectedOption;
  selectedUser?: string;
  selectedOptions?: SelectedOption[];
  selectedUsers?: string[];
  selectedDate?: string;
  selectedTime?: string;
  type: string;
}

/** A Block Kit option as Slack sends it back in `view.state.values` and in actions. */
export interface SlackOption {
  text: { type: 'plain_text' | 'mrkdwn'; text: string; emoji?: boolean };
  value: string;
  description?: { type: 'plain_text' | 'mrkdwn'; text: string };
}

/** One element's state, as Slack puts it under `view.state.values[blockId][actionId]`. */
export interface ElementState {
  type: string;
  value?: string | null;
  selected_option?: SlackOption | null;
  selected_options?: SlackOption[];
  selected_user?: string | null;
  selected_users?: string[];
  selected_date?: string | null;
  selected_time?: string | null;
}

/** Slack's `view.state.values`: block id, then action id, then the element's state. */
export type ViewStateValues = Record<string, Record<string, ElementState>>;

export interface RenderedView {
  element: HTMLElement;
  /** What Slack would send as `view.state.values` for the fields as they are now. */
  values(): ViewStateValues;
  /** Shows each message under its input block (block id → text); clears earlier ones. */
  showErrors(errors: Record<string, string>): void;
  /** Block ids of required inputs that are still empty (Slack's client refuses to submit them). */
  missingRequired(): string[];
}

/** What a modal's own buttons do; the sandbox's modal host sends the view submission or close. */
export interface ViewHandlers {
  /** Submit was pressed and every required field is filled. */
  onSubmit?(): void;
  /** Close (or the ×) was pressed. */
  onClose?(): void;
}

/** The modal as `views.open`/`views.update`/`views.push` get it; only what is shown is read. */
export interface ViewInput {
  title: { text: string; emoji?: boolean };
  submit?: { text: string; emoji?: boolean };
  close?: { text: string; emoji?: boolean };
  blocks: unknown[];
}
