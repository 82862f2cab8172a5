/** What can happen to a case; each is one row of the append-only timeline. */
export const CASE_EVENT_KINDS = [
  'opened',
  'owner_changed',
  'responded',
  'note',
  'severity_changed',
  'escalated',
  'resolved',
  'reopened',
  'deadline_breached',
  'slack_problem',
  /** data: `{ step: <0-based index>, text: <the step as the policy words it> }` */
  'playbook_step_ticked',
  'playbook_step_unticked',
  // Compensation: proposed, decided, the customer's answer, the approvers reminded.
  'compensation_proposed',
  'compensation_approved',
  'compensation_rejected',
  'compensation_answered',
  'compensation_nudged',
  // Follow-up after resolving: data `{ round, answer: 'satisfied' | 'not_yet', nextAt? }`.
  'follow_up_answered',
  // The leads told after the last Not yet: data `{ round, leads }`.
  'follow_up_escalated',
  // Closed with the close form: data `{ closureId, outcome, satisfaction, thanked, from }`.
  'closed',
  // Reopened after its channel was archived, and Slack would not unarchive it: data `{ from, to }`, the old and new channel.
  'channel_replaced',
  // An action item from the retro marked done: data `{ actionItemId, description }`.
  'action_item_done',
  // Retro notes written (or rewritten) on a close: data `{ closureId, cause, rewritten }`.
  'retro_submitted',
  // A procedure change from retro notes became an action item: data `{ closureId, actionItemId, owner, dueOn, rewritten }`.
  'action_item_added',
  // The people who had not written their notes reminded, at half of retro_due: data `{ closureId, people }`.
  'retro_reminded',
  // The retro summary posted in the case and team channels: data `{ closureId, answered, asked }`.
  'retro_summary_posted',
  // The case channel archived after the summary: data `{ closureId, already }` (already: someone archived it first).
  'channel_archived',
  // The case record of a close was uploaded into the case channel: data `{ closureId, fileId, permalink }`.
  'case_record_posted',
] as const;
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];

export interface CaseEvent {
  /** bigint as a string: ids only grow, and compare as numbers. */
  readonly id: string;
  readonly caseId: string;
  readonly kind: CaseEventKind;
  readonly actorId: string | null;
  readonly data: Readonly<Record<string, unknown>>;
  readonly at: Date;
}
