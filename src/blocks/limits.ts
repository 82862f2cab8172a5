/**
 * Slack's limits on what Anthill sends, in UTF-16 code units of the text as sent (Slack
 * does not say whether `&amp;` counts as 1 or 5 towards a limit, so it counts as 5 here).
 * A Block Kit payload over any of them is refused with `invalid_blocks` (a view with
 * `invalid_arguments`), a topic with `too_long`, a message text with
 * `msg_too_long`. Builders fit every text to these through `fitText`; only the limits
 * production code fits to are here (the fake Slack in the tests checks them all).
 */
export const SLACK_LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  sectionFields: 10,
  fieldText: 2000,
  headerText: 150,
  buttonText: 75,
  selectOptions: 100,
  checkboxOptions: 10,
  actionsElements: 25,
  optionText: 75,
  placeholder: 150,
  inputLabel: 2000,
  inputHint: 2000,
  textInputMaxLength: 3000,
  viewTitle: 24,
  /** `chat.postMessage` and `chat.update` refuse a longer `text` with `msg_too_long`. */
  messageText: 40_000,
  /** `conversations.setTopic` refuses a longer topic with `too_long`. */
  topic: 250,
} as const;
