/**
 * `action_id`s of the case card's buttons; builders write them, listeners register on
 * them. Each button's `value` is the case id.
 */
export const ACTION_IDS = {
  take: 'case_take',
  responded: 'case_responded',
  resolve: 'case_resolve',
  severity: 'case_severity',
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];
