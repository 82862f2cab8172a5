/**
 * Slack's limits on what Anthill sends, in UTF-16 code units of the text as sent (Slack
 * does not say whether `&amp;` counts as 1 or 5 towards a limit, so it counts as 5 here).
 * A Block Kit payload over any of them is refused with `invalid_blocks` (a view with
 * `invalid_arguments`), a topic or purpose with `too_long`, a message text with
 * `msg_too_long`. Builders fit every text to these through `fitText`.
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  blocksPerView: 100,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  selectOptions: 100,
  optionText: 75,
  optionValue: 150,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  textInputMaxLength: 3000,
  viewTitle: 24,
  viewButton: 24,
  callbackId: 255,
  privateMetadata: 3000,
  /** `chat.postMessage` and `chat.update` refuse a longer `text` with `msg_too_long`. */
  messageText: 40_000,
  /** `conversations.setTopic` refuses a longer topic with `too_long`. */
  topic: 250,
  /** `conversations.setPurpose` refuses a longer purpose with `too_long`. */
  purpose: 250,
} as const;
