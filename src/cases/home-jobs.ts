import type { JobRequest } from './jobs-to-run.js';

/** Requests for one person's Home within the same second share one wake-up call. */
const REQUEST_GRAIN_MS = 1_000;

/**
 * The wake-up call that publishes this person's App Home at `atMs` or soon after; the
 * publish itself keeps to one every few seconds (jobs/publish-home.ts).
 *
 * @example
 * await ctx.jobs.schedule([publishHomeJob(teamId, userId, Date.now())]);
 */
export function publishHomeJob(teamId: string, userId: string, atMs: number): JobRequest {
  return { kind: 'publish-home', teamId, userId, runAtMs: Math.ceil(atMs / REQUEST_GRAIN_MS) * REQUEST_GRAIN_MS };
}

/** After a change to a case: ask for the Homes of everyone it concerns, from the next whole second. */
export function refreshHomesJob(caseId: string, now: Date): JobRequest {
  return { kind: 'refresh-homes', caseId, runAtMs: Math.ceil(now.getTime() / REQUEST_GRAIN_MS) * REQUEST_GRAIN_MS };
}
