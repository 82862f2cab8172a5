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

/** Largest amount accepted, in major units (złoty, euro). */
export const MAX_AMOUNT_MAJOR = 1_000_000_000;

const AMOUNT = /^(\d+)(?:[.,](\d{1,2}))?$/;

/**
 * Reads an amount typed by a person into minor units: digits with at most two decimals
 * after `.` or `,`; no sign, no thousands separators (so `1.234` is refused, not guessed).
 * Returns null when the text is not such an amount or exceeds `MAX_AMOUNT_MAJOR`.
 *
 * @example
 * parseAmountMinor('123,45') // 12345
 * parseAmountMinor('1.234')  // null
 */
export function parseAmountMinor(text: string): number | null {
  const match = AMOUNT.exec(text.trim());
  if (match === null) return null;
  const whole = Number(match[1]);
  const fraction = Number((match[2] ?? '0').padEnd(2, '0'));
  if (whole > MAX_AMOUNT_MAJOR || (whole === MAX_AMOUNT_MAJOR && fraction > 0)) return null;
  return whole * 100 + fraction;
}
