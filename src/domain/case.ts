import type { Severity } from './severity.js';

/** `escalated` is a flag on the case, not a status. */
export const CASE_STATUSES = ['open', 'responded', 'resolved', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/** Where the complaint reached the team. */
export const COMPLAINT_SOURCES = ['email', 'phone', 'web_form', 'store', 'social_media', 'other'] as const;
export type ComplaintSource = (typeof COMPLAINT_SOURCES)[number];

export const SOURCE_LABELS: Record<ComplaintSource, string> = {
  email: 'Email',
  phone: 'Phone',
  web_form: 'Web form',
  store: 'Store',
  social_media: 'Social media',
  other: 'Other',
};

/** A complaint as the rest of the code sees it; text fields hold exactly what a person typed. */
export interface Case {
  readonly id: string;
  readonly teamId: string;
  readonly number: number;
  readonly summary: string;
  readonly customerName: string;
  readonly customerContact: string;
  readonly categoryId: string;
  readonly severity: Severity;
  readonly source: ComplaintSource;
  readonly description: string;
  /** Claimed loss in minor units of the policy currency (grosze, cents), or null. */
  readonly claimedLossMinor: number | null;
  readonly status: CaseStatus;
  readonly escalated: boolean;
  readonly reporterId: string;
  readonly ownerId: string | null;
  readonly channelId: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}
