/** Work a use case asks for once its transaction has committed. */
export type JobRequest =
  | { readonly kind: 'provision-case'; readonly caseId: string }
  | { readonly kind: 'sync-case'; readonly caseId: string; readonly eventId: string };

/** Hands job requests to the queue; implemented in jobs/, replaced in tests. */
export interface JobScheduler {
  schedule(requests: readonly JobRequest[]): Promise<void>;
}
