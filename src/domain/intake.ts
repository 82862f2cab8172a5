import type { ComplaintSource } from './case.js';
import type { Severity } from './severity.js';

/** A new complaint as the intake form delivers it, validated and trimmed. */
export interface IntakeInput {
  readonly summary: string;
  readonly customerName: string;
  readonly customerContact: string;
  readonly categoryId: string;
  readonly severity: Severity;
  readonly source: ComplaintSource;
  readonly description: string;
  /** Claimed loss in minor units of the policy currency, or null when none was given. */
  readonly claimedLossMinor: number | null;
  /**
   * Slack user ids of the staff personally involved in the complaint (empty when none):
   * they may neither own the case nor approve its compensation (see authority.ts).
   */
  readonly staffInvolvedIds: readonly string[];
}

/** Most people the intake's "Staff involved" field takes. */
export const MAX_STAFF_INVOLVED = 10;

/** Longest text accepted for each typed field of the intake. */
export const INTAKE_LIMITS = {
  summary: 150,
  customerName: 200,
  customerContact: 200,
  description: 3000,
} as const;
