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
  /** Compensation: the card's Propose button (value: case id), and the approval request's buttons (value: proposal id). */
  compPropose: 'case_compensate',
  compApprove: 'comp_approve',
  compReject: 'comp_reject',
  compOffered: 'comp_offered',
  compAccepted: 'comp_accepted',
  compDeclined: 'comp_declined',
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];
