/** How a complaint ended for the customer. */
export const CLOSE_OUTCOMES = ['in_favour', 'partly', 'not_upheld'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

export function isCloseOutcome(value: unknown): value is CloseOutcome {
  return typeof value === 'string' && (CLOSE_OUTCOMES as readonly string[]).includes(value);
}

/** The customer's satisfaction at close, 1 (very unhappy) to 5 (very happy). */
export const SATISFACTION_SCORES = [1, 2, 3, 4, 5] as const;

/**
 * Common root causes offered in the retro form, so causes can be counted across cases;
 * `other` asks for the cause in words. Stored by code, shown as `retro.cause.<code>`.
 */
export const ROOT_CAUSES = [
  'product_defect',
  'delivery_partner',
  'process_gap',
  'communication',
  'staff_training',
  'system_error',
  'expectations',
  'other',
] as const;
export type RootCause = (typeof ROOT_CAUSES)[number];

export function isRootCause(value: unknown): value is RootCause {
  return typeof value === 'string' && (ROOT_CAUSES as readonly string[]).includes(value);
}

/**
 * One close of a case: what was recorded at closing, then the retro that follows (its
 * reminder at half of `retro_due`, the summary and the archived channel). Reopening the
 * case cancels it; closing again starts another.
 */
export interface Closure {
  readonly id: string;
  readonly caseId: string;
  readonly teamId: string;
  readonly outcome: CloseOutcome;
  /** What the customer was told about the outcome. */
  readonly explanation: string;
  readonly satisfaction: number;
  readonly agreement: string;
  readonly customerThanked: boolean;
  readonly closedBy: string;
  readonly closedAt: Date;
  readonly recordFileId: string | null;
  readonly recordPermalink: string | null;
  readonly recordPostedAt: Date | null;
  readonly retroDueAt: Date;
  readonly retroRemindAt: Date;
  /** Everyone asked for retro notes has their DM, or is noted as someone Slack cannot reach. */
  readonly retroAskedAt: Date | null;
  readonly retroRemindedAt: Date | null;
  readonly summaryPostedAt: Date | null;
  readonly archivedAt: Date | null;
  readonly cancelledAt: Date | null;
}

/** What the close form delivers, checked. */
export interface CloseInput {
  readonly outcome: CloseOutcome;
  readonly explanation: string;
  readonly satisfaction: number;
  readonly agreement: string;
  readonly customerThanked: boolean;
}
