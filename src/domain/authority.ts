/**
 * Who may approve compensation up to an amount, as `approval_tiers` in `anthill.yml`
 * says, with the limit in minor units of the policy currency. `upToMinor: null` means
 * no upper limit and is always the last tier.
 */
export interface ApprovalTier {
  readonly upToMinor: number | null;
  /** Slack user ids, or `owner`: whoever owns the case. */
  readonly approvers: readonly string[];
}
