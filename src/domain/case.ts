import type { IntakeInput } from './intake.js';

/** `escalated` is a flag on the case, not a status. */
export const CASE_STATUSES = ['open', 'responded', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Where the complaint reached the team; people read them as `source.*` catalog messages. */
export const COMPLAINT_SOURCES = ['email', 'phone', 'web_form', 'store', 'social_media', 'slack_message', 'other'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

/**
 * A complaint as the rest of the code sees it: what the intake form delivered (text as a
 * person typed it, and `staffInvolvedIds`) plus where the case stands.
 */
export interface Case extends IntakeInput {
  readonly id: string;
  readonly teamId: string;
  readonly number: number;
  readonly status: CaseStatus;
  readonly escalated: boolean;
  readonly reporterId: string;
  readonly ownerId: string | null;
  readonly channelId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
