/**
 * `action_id`s of the buttons on the case card, reminders and announcement; builders
 * write them, listeners register on them. Each button's `value` is the case id.
 */
export const ACTION_IDS = {
  take: 'case_take',
  responded: 'case_responded',
  resolve: 'case_resolve',
  /** The card's Close button: opens the close form. */
  close: 'case_close',
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
  /** Follow-up after resolving: the DM's buttons (value: follow-up round id). */
  followUpSatisfied: 'follow_up_satisfied',
  followUpNotYet: 'follow_up_not_yet',
  /** Action items: Done in `/complaint list actions` and in the due-date DM (value: action item id). */
  actionItemDone: 'action_item_done',
  /** Retro: the DM's button that opens the retro form (value: the close's id). */
  retroWrite: 'retro_write',
} as const;

export type ActionId = (typeof ACTION_IDS)[keyof typeof ACTION_IDS];

/**
 * The card's playbook checklist: each checkbox group's `action_id` is this prefix, then
 * `:<case id>:<first step>:<shown ticks as 0/1>:<playbook version>`, so a click says which
 * steps the person saw ticked (and nothing else they did not touch is changed).
 */
export const CHECKLIST_ACTION_PREFIX = 'case_playbook';

/** Matches every checklist group's `action_id`, for the listener. */
export const CHECKLIST_ACTION_PATTERN = new RegExp(`^${CHECKLIST_ACTION_PREFIX}:`);

/**
 * A checklist group's `action_id`.
 *
 * @example
 * checklistActionId({ caseId, first: 0, shownDone: [true, false], version: 'b7c1d2e3f4a5' })
 * // 'case_playbook:<case id>:0:10:b7c1d2e3f4a5'
 */
export function checklistActionId(input: { caseId: string; first: number; shownDone: readonly boolean[]; version: string }): string {
  const shown = input.shownDone.map((done) => (done ? '1' : '0')).join('');
  return `${CHECKLIST_ACTION_PREFIX}:${input.caseId}:${input.first}:${shown}:${input.version}`;
}
