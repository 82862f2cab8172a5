/**
 * `action_id`s of the buttons on the case card, reminders and announcement; builders
 * write them, listeners register on them. Each button's `value` is the case id.
 */
export const ACTION_IDS = {
  take: 'case_take',
  responded: 'case_responded',
  resolve: 'case_resolve',
  severity: 'case_severity',
  /** The announcement's Join button, when case channels are private. */
  join: 'case_join',
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];
