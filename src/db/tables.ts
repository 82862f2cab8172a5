import type { ColumnType, Generated, Selectable } from 'kysely';

type Timestamp = ColumnType<Date, Date, Date>;
/** bigint columns come back from pg as strings; we write numbers. */
type BigIntColumn = ColumnType<string, number | string, number | string>;

export interface WorkspaceCountersTable {
  team_id: string;
  last_case_number: number;
}

export interface CasesTable {
  id: Generated<string>;
  team_id: string;
  number: number;
  summary: string;
  customer_name: string;
  customer_contact: string;
  category_id: string;
  severity: string;
  source: string;
  description: string;
  claimed_loss_minor: ColumnType<string | null, number | null, number | null>;
  status: string;
  escalated: Generated<boolean>;
  reporter_id: string;
  owner_id: string | null;
  /** Slack user ids of the staff involved in the complaint. */
  staff_involved: ColumnType<string[], string[] | undefined, string[]>;
  /** The Slack view the intake form was submitted from, when it came from one. */
  intake_view_id: ColumnType<string | null, string | null | undefined, never>;
  created_at: Timestamp;
  updated_at: Timestamp;
  /** Stats (migrations/20261204_0013_stats.ts): the first response and the first resolution, set once. */
  first_response_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** Business time from `created_at` to `first_response_at` on the policy calendar. */
  first_response_business_ms: ColumnType<string | null, number | null | undefined, number | null>;
  resolved_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  resolution_business_ms: ColumnType<string | null, number | null | undefined, number | null>;
}

export interface CaseEventsTable {
  id: Generated<string>;
  case_id: string;
  team_id: string;
  kind: string;
  actor_id: string | null;
  data: ColumnType<Record<string, unknown>, string, never>;
  created_at: Timestamp;
}

export interface CaseChannelsTable {
  case_id: string;
  team_id: string;
  channel_id: string | null;
  channel_name: string | null;
  members_invited_at: Date | null;
  card_ts: string | null;
  topic_set_at: Date | null;
  announcement_ts: string | null;
  reporter_told_at: Date | null;
  updated_at: Timestamp;
}

/** The Slack message a case was opened from, and the threaded reply linking the case (see source-reply.ts). */
export interface CaseSourceMessagesTable {
  case_id: string;
  team_id: string;
  channel_id: string;
  message_ts: string;
  thread_ts: string | null;
  permalink: string | null;
  reply_ts: string | null;
  reply_failed_at: Date | null;
  reply_failure: string | null;
  reporter_told_at: Date | null;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface EventPostsTable {
  event_id: BigIntColumn;
  channel_id: string;
  ts: string;
  posted_at: Timestamp;
}

export interface CaseDeadlinesTable {
  id: Generated<string>;
  case_id: string;
  team_id: string;
  kind: string;
  starts_at: Timestamp;
  warn_at: Timestamp;
  due_at: Timestamp;
  met_at: Date | null;
  superseded_at: Date | null;
  warned_at: Date | null;
  breached_at: Date | null;
  breach_notified_at: Date | null;
  created_at: Timestamp;
}

export interface DeadlineNoticesTable {
  deadline_id: BigIntColumn;
  kind: 'warning' | 'breach';
  recipient: string;
  sent_at: Timestamp;
}

export interface StuckStepsTable {
  case_id: string;
  team_id: string;
  /** The step's key (domain/stuck-step.ts `stepKey`). */
  step: string;
  deadline_id: ColumnType<string | null, number | string | null, never>;
  slack_error: string;
  first_failed_at: Timestamp;
  last_tried_at: Timestamp;
  tries: number;
  next_try_at: Timestamp;
  reported_at: Date | null;
}

/** A playbook step ticked on a case (migrations/20261202_0005_playbook_staff.ts). */
export interface PlaybookStepsDoneTable {
  case_id: string;
  team_id: string;
  step_index: number;
  /** The step as the policy worded it when ticked. */
  step_text: string;
  done_by: string;
  done_at: Timestamp;
}

export interface CompensationsTable {
  id: Generated<string>;
  case_id: string;
  team_id: string;
  kind: string;
  amount_minor: BigIntColumn;
  note: string;
  customer_asked: string;
  proposed_by: string;
  proposed_at: Timestamp;
  state: Generated<string>;
  approver_ids: ColumnType<string[], string[], string[]>;
  decided_by: string | null;
  decided_at: Date | null;
  reject_reason: string | null;
  customer_answer: string | null;
  answered_by: string | null;
  answered_at: Date | null;
  customer_wants: string | null;
  request_channel_id: string | null;
  request_ts: string | null;
  version: Generated<number>;
  shown_version: Generated<number>;
  nudge_due_at: Timestamp;
  nudged_at: Date | null;
}

export interface CompensationDmsTable {
  compensation_id: BigIntColumn;
  kind: 'request' | 'nudge';
  recipient: string;
  channel_id: string | null;
  ts: string | null;
  sent_at: Timestamp;
}

export interface FollowUpsTable {
  id: Generated<string>;
  case_id: string;
  team_id: string;
  round: number;
  due_at: Timestamp;
  created_at: Timestamp;
  sent_at: Date | null;
  answer: 'satisfied' | 'not_yet' | null;
  answered_by: string | null;
  answered_at: Date | null;
  leads_told_at: Date | null;
  cancelled_at: Date | null;
}

export interface FollowUpDmsTable {
  follow_up_id: BigIntColumn;
  kind: 'ask' | 'leads';
  recipient: string;
  sent_at: Timestamp;
}

/** One close of a case (migrations/20261203_0008_closing.ts); reopening cancels it. */
export interface CaseClosuresTable {
  id: Generated<string>;
  case_id: string;
  team_id: string;
  outcome: 'in_favour' | 'partly' | 'not_upheld';
  explanation: string;
  satisfaction: number;
  agreement: string;
  customer_thanked: boolean;
  closed_by: string;
  closed_at: Timestamp;
  record_file_id: string | null;
  record_permalink: string | null;
  record_posted_at: Date | null;
  retro_due_at: Timestamp;
  retro_remind_at: Timestamp;
  retro_reminded_at: Date | null;
  summary_posted_at: Date | null;
  archived_at: Date | null;
  cancelled_at: Date | null;
  channel_restored_at: Generated<Date | null>;
  /** Retro (migrations/20261203_0010_retro.ts): everyone asked; the summary's ts per channel. */
  retro_asked_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  summary_case_ts: ColumnType<string | null, string | null | undefined, string | null>;
  summary_team_ts: ColumnType<string | null, string | null | undefined, string | null>;
}

export interface RetroRequestsTable {
  closure_id: BigIntColumn;
  recipient: string;
  asked_at: Date | null;
  reminded_at: Date | null;
  unreachable_at: Date | null;
  answered_at: Date | null;
}

export interface RetroNotesTable {
  id: Generated<string>;
  closure_id: BigIntColumn;
  case_id: string;
  team_id: string;
  author_id: string;
  root_cause: string;
  root_cause_detail: string;
  went_well: string;
  lesson: string;
  created_at: Timestamp;
  updated_at: Timestamp;
}

export interface ActionItemsTable {
  id: Generated<string>;
  case_id: string;
  team_id: string;
  retro_note_id: BigIntColumn;
  description: string;
  owner_id: string;
  /** `YYYY-MM-DD` in the workspace's zone. */
  due_on: ColumnType<string, string, string>;
  remind_at: Timestamp;
  reminded_at: Date | null;
  created_by: string;
  created_at: Timestamp;
  done_at: Date | null;
  done_by: string | null;
}

export interface CaseExportsTable {
  id: Generated<string>;
  team_id: string;
  user_id: string;
  period_from: Timestamp;
  period_to: Timestamp;
  requested_at: Timestamp;
  row_count: number | null;
  /** Slack's id for the upload, stored before it is completed. */
  file_id: string | null;
  posted_at: Date | null;
  failed_at: Date | null;
  failure: string | null;
}

export interface WeeklyDigestsTable {
  team_id: string;
  /** Monday 00:00 of the week the digest covers, in the workspace zone. */
  week_start: Timestamp;
  claimed_at: Timestamp;
  channel_id: string | null;
  message_ts: string | null;
  posted_at: Date | null;
  /** A permanent Slack refusal of the post (migration 0016): the week is not tried again. */
  failed_at: Date | null;
  failure: string | null;
}

export interface HomeViewsTable {
  team_id: string;
  user_id: string;
  opened_at: Timestamp;
  /** The latest moment a publish was asked for (an open, or a change to one of their cases). */
  requested_at: Timestamp;
  published_at: Date | null;
}

export interface HandledEventsTable {
  event_id: string;
  team_id: string;
  received_at: Timestamp;
}

export interface Database {
  workspace_counters: WorkspaceCountersTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  case_channels: CaseChannelsTable;
  event_posts: EventPostsTable;
  case_deadlines: CaseDeadlinesTable;
  deadline_notices: DeadlineNoticesTable;
  stuck_steps: StuckStepsTable;
  playbook_steps_done: PlaybookStepsDoneTable;
  compensations: CompensationsTable;
  compensation_dms: CompensationDmsTable;
  follow_ups: FollowUpsTable;
  follow_up_dms: FollowUpDmsTable;
  case_closures: CaseClosuresTable;
  retro_requests: RetroRequestsTable;
  retro_notes: RetroNotesTable;
  action_items: ActionItemsTable;
  case_exports: CaseExportsTable;
  weekly_digests: WeeklyDigestsTable;
  home_views: HomeViewsTable;
  handled_events: HandledEventsTable;
  case_source_messages: CaseSourceMessagesTable;
}

export type CaseRow = Selectable<CasesTable>;
export type CaseEventRow = Selectable<CaseEventsTable>;
export type CaseChannelRow = Selectable<CaseChannelsTable>;
export type CaseSourceMessageRow = Selectable<CaseSourceMessagesTable>;
export type CaseDeadlineRow = Selectable<CaseDeadlinesTable>;
export type StuckStepRow = Selectable<StuckStepsTable>;
export type PlaybookStepDoneRow = Selectable<PlaybookStepsDoneTable>;
export type CompensationRow = Selectable<CompensationsTable>;
export type FollowUpRow = Selectable<FollowUpsTable>;
export type CaseClosureRow = Selectable<CaseClosuresTable>;
export type RetroNoteRow = Selectable<RetroNotesTable>;
export type RetroRequestRow = Selectable<RetroRequestsTable>;
export type ActionItemRow = Selectable<ActionItemsTable>;
