/**
 * A Slack side effect of a case that stopped on a permanent Slack error and waits for
 * its next try. Each one is retried on its own, so one that cannot go through never
 * holds up the others.
 */
export type StuckStep =
  | { readonly kind: 'provision' }
  | { readonly kind: 'card' }
  | { readonly kind: 'channel_lines' }
  | { readonly kind: 'invite'; readonly userId: string }
  | { readonly kind: 'reminder_dm' | 'breach_dm'; readonly deadlineId: string; readonly userId: string }
  /** A compensation proposal's approval request: the channel message, the approvers' DMs and nudges. */
  | { readonly kind: 'approval'; readonly compensationId: string }
  /** A follow-up round's DMs: the question to the owner or responders, or the leads after the last Not yet. */
  | { readonly kind: 'follow_up'; readonly followUpId: string }
  /** An action item's due-date DM to its owner. */
  | { readonly kind: 'action_item'; readonly actionItemId: string }
  /** A close's retro: the DMs asking for notes, the reminder, the summary posts, archiving the case channel. */
  | { readonly kind: RetroStepKind; readonly closureId: string }
  /** The case record of a close, uploaded into the case channel as a file. */
  | { readonly kind: 'case_record'; readonly closureId: string };

/** The Slack steps of a close's retro, each stuck on its own. */
export const RETRO_STEP_KINDS = ['retro_ask', 'retro_reminder', 'retro_summary', 'channel_archive'] as const;
export type RetroStepKind = (typeof RETRO_STEP_KINDS)[number];

function isRetroStepKind(kind: string | undefined): kind is RetroStepKind {
  return (RETRO_STEP_KINDS as readonly (string | undefined)[]).includes(kind);
}

export type StuckStepKind = StuckStep['kind'];

/** A stuck step as recorded: what, since when, which Slack error, how many tries, when next. */
export interface StuckRecord {
  readonly caseId: string;
  readonly step: StuckStep;
  readonly slackError: string;
  /** When this failure (this step with this error) first happened. */
  readonly since: Date;
  readonly lastTriedAt: Date;
  readonly tries: number;
  readonly nextTryAt: Date;
  /** When the people who hear of it directly were told; null while still owed. */
  readonly reportedAt: Date | null;
}

const MINUTE = 60_000;

/** Waits before the 1st, 2nd, 3rd retry; every later one waits the last. */
export const RETRY_SCHEDULE_MS: readonly number[] = [5 * MINUTE, 30 * MINUTE, 120 * MINUTE, 360 * MINUTE];

/**
 * When a step that has now failed `tries` times is tried next: 5 min after the first
 * failure, 30 min after the second, 2 h after the third, then every 6 h.
 *
 * @example
 * nextTryAt(new Date('2026-11-23T10:00:00Z'), 2) // => 2026-11-23T10:30:00Z
 */
export function nextTryAt(failedAt: Date, tries: number): Date {
  const index = Math.min(Math.max(tries, 1), RETRY_SCHEDULE_MS.length) - 1;
  return new Date(failedAt.getTime() + (RETRY_SCHEDULE_MS[index] ?? 0));
}

/** Whether a stuck step's next try has come. */
export function isDue(record: Pick<StuckRecord, 'nextTryAt'>, now: Date): boolean {
  return record.nextTryAt.getTime() <= now.getTime();
}

/**
 * The step as stored: one key per case and side effect.
 *
 * @example
 * stepKey({ kind: 'breach_dm', deadlineId: '12', userId: 'U0LEAD001' }) // => 'breach_dm:12:U0LEAD001'
 */
export function stepKey(step: StuckStep): string {
  switch (step.kind) {
    case 'provision':
    case 'card':
    case 'channel_lines':
      return step.kind;
    case 'invite':
      return `invite:${step.userId}`;
    case 'reminder_dm':
    case 'breach_dm':
      return `${step.kind}:${step.deadlineId}:${step.userId}`;
    case 'approval':
      return `approval:${step.compensationId}`;
    case 'follow_up':
      return `follow_up:${step.followUpId}`;
    case 'action_item':
      return `action_item:${step.actionItemId}`;
    case 'retro_ask':
    case 'retro_reminder':
    case 'retro_summary':
    case 'channel_archive':
      return `${step.kind}:${step.closureId}`;
    case 'case_record':
      return `case_record:${step.closureId}`;
  }
}

// Ids came from Slack or the policy; shown through a mention check, so any non-empty id reads back.
const USER_ID = /^[^:\s]+$/;
const DEADLINE_ID = /^\d+$/;

/** The step a stored key names, or undefined for a key this version does not know. */
export function parseStepKey(key: string): StuckStep | undefined {
  const [kind, first, second, ...rest] = key.split(':');
  if (rest.length > 0) return undefined;
  switch (kind) {
    case 'provision':
    case 'card':
    case 'channel_lines':
      return first === undefined ? { kind } : undefined;
    case 'invite':
      return first !== undefined && second === undefined && USER_ID.test(first) ? { kind, userId: first } : undefined;
    case 'reminder_dm':
    case 'breach_dm':
      return first !== undefined && second !== undefined && DEADLINE_ID.test(first) && USER_ID.test(second)
        ? { kind, deadlineId: first, userId: second }
        : undefined;
    case 'approval':
      return first !== undefined && second === undefined && DEADLINE_ID.test(first) ? { kind, compensationId: first } : undefined;
    case 'follow_up':
      return first !== undefined && second === undefined && DEADLINE_ID.test(first) ? { kind, followUpId: first } : undefined;
    case 'action_item':
      return first !== undefined && second === undefined && DEADLINE_ID.test(first) ? { kind, actionItemId: first } : undefined;
    case 'case_record':
      return first !== undefined && second === undefined && DEADLINE_ID.test(first) ? { kind, closureId: first } : undefined;
    default:
      return isRetroStepKind(kind) && first !== undefined && second === undefined && DEADLINE_ID.test(first) ? { kind, closureId: first } : undefined;
  }
}

/** The deadline a DM step is about, if it is one. */
export function stepDeadlineId(step: StuckStep): string | undefined {
  return step.kind === 'reminder_dm' || step.kind === 'breach_dm' ? step.deadlineId : undefined;
}

/**
 * Whose business a step's failure is: the reporter hears of a set-up that stopped by
 * DM; the channel hears of a card that can no longer be updated by a line in it (the
 * card cannot say so itself); every other stuck step is shown on the card.
 */
export function noticeFor(step: StuckStep): 'reporter_dm' | 'channel_line' | 'card' {
  if (step.kind === 'provision') return 'reporter_dm';
  if (step.kind === 'card') return 'channel_line';
  return 'card';
}
