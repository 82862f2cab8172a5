/** Work a use case asks for once its transaction has committed. */
export type JobRequest =
  /** The case's Slack set-up up to the announcement (channel, then the team's announcement), handing the rest on. */
  | { readonly kind: 'provision-case'; readonly caseId: string }
  /** A case opened from a Slack message: reply under the message with a link to the case (or tell the reporter). */
  | { readonly kind: 'source-reply'; readonly caseId: string }
  /** The rest of the set-up once the team has heard: members, card, topic, the reporter's note. */
  | { readonly kind: 'finish-provisioning'; readonly caseId: string }
  | { readonly kind: 'sync-case'; readonly caseId: string; readonly eventId: string }
  /** Rewrites the card at `runAtMs` (the end of a second): the rewrites asked for within one second are one. */
  | { readonly kind: 'refresh-card'; readonly caseId: string; readonly runAtMs: number }
  | { readonly kind: 'invite-leads'; readonly caseId: string; readonly eventId: string }
  /** Tries the case's stuck Slack steps whose time has come. */
  | { readonly kind: 'retry-stuck'; readonly caseId: string }
  | DeadlineJobRequest
  /** Posts or updates a proposal's approval request (channel message and approvers' DMs) to show `version`. */
  | { readonly kind: 'approval-request'; readonly caseId: string; readonly compensationId: string; readonly version: number }
  /** At `runAtMs` (one business hour after proposing): remind the approvers of a request still pending. */
  | { readonly kind: 'approval-nudge'; readonly caseId: string; readonly compensationId: string; readonly runAtMs: number }
  | FollowUpJobRequest
  /** After reopening a closed case: unarchive its channel (or give it a new one), then sync the card and lines. */
  | { readonly kind: 'restore-channel'; readonly caseId: string; readonly closureId: string }
  | ActionItemJobRequest
  | RetroJobRequest
  /** Writes the case record of a close and uploads it into the case channel, once. */
  | { readonly kind: 'case-record'; readonly caseId: string; readonly closureId: string }
  | HomeJobRequest
  /** Writes the CSV of a `/complaint export` and sends it to the person who asked, in their DM, once. */
  | ExportJobRequest
  | WeeklyDigestJobRequest;

/**
 * App Home: at `runAtMs`, publish one person's Home (`publish-home`); after a change to a
 * case, ask for the Homes of everyone it concerns (`refresh-homes`).
 */
export type HomeJobRequest =
  | { readonly kind: 'publish-home'; readonly teamId: string; readonly userId: string; readonly runAtMs: number }
  | { readonly kind: 'refresh-homes'; readonly caseId: string; readonly runAtMs: number };

/** A person's export of a period's cases: it belongs to no case. */
export interface ExportJobRequest {
  readonly kind: 'export-cases';
  readonly exportId: string;
}

/**
 * Monday's digest of last week's stats in the team channel. The job scheduler asks for it
 * without a week (the week is last week when it runs); reconciliation names the week it
 * found missing, and a run in another week does nothing.
 */
export interface WeeklyDigestJobRequest {
  readonly kind: 'weekly-digest';
  /** Monday 00:00 (workspace zone) of the week, in ms. */
  readonly weekStartMs?: number;
}

/**
 * Retro after closing: DM each participant asking for notes (`retro-requests`); at
 * `runAtMs` (half of `retro_due`) remind those who have not written theirs
 * (`retro-reminder`); at `runAtMs` (due, or once everyone has answered) post the summary
 * and archive the case channel (`retro-summary`).
 */
export type RetroJobRequest =
  | { readonly kind: 'retro-requests'; readonly caseId: string; readonly closureId: string }
  | { readonly kind: 'retro-reminder' | 'retro-summary'; readonly caseId: string; readonly closureId: string; readonly runAtMs: number };

/**
 * Follow-up after resolving: at `runAtMs`, ask the owner (or the responders) whether the
 * customer is satisfied (`follow-up`); after the last Not yet, tell the leads (`follow-up-leads`).
 */
export type FollowUpJobRequest =
  | { readonly kind: 'follow-up'; readonly caseId: string; readonly followUpId: string; readonly runAtMs: number }
  | { readonly kind: 'follow-up-leads'; readonly caseId: string; readonly followUpId: string };

/** At `runAtMs` (the item's `remind_at`, the start of business hours on its due day): DM its owner if it is still open. */
export interface ActionItemJobRequest {
  readonly kind: 'action-item-due';
  readonly caseId: string;
  readonly actionItemId: string;
  readonly runAtMs: number;
}

/** A wake-up call at `runAtMs` for one deadline's reminder or breach. */
export interface DeadlineJobRequest {
  readonly kind: 'deadline-warning' | 'deadline-breach';
  readonly caseId: string;
  readonly deadlineId: string;
  readonly runAtMs: number;
}

/** Hands job requests to the queue; implemented in jobs/, replaced in tests. */
export interface JobScheduler {
  schedule(requests: readonly JobRequest[]): Promise<void>;
}
