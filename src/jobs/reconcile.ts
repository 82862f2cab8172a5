import type { AppContext } from '../context.js';
import { clearFailures, listUnfinishedProvisioning } from '../db/case-channel-repository.js';
import type { JobRequest } from '../cases/jobs-to-run.js';

/**
 * PostgreSQL is the truth and Redis only holds wake-up calls: this asks again for every
 * job the database says is still owed, so work lost with Redis or a crashed enqueue is
 * done after all. Job ids make asking twice harmless. At start-up, provisioning that
 * stopped on a permanent Slack error is tried again too (an operator may have fixed it).
 */
export async function reconcile(ctx: AppContext, options: { atStartup: boolean }): Promise<number> {
  const caseIds = await listUnfinishedProvisioning(ctx.db, { includeFailed: options.atStartup });
  if (options.atStartup) await clearFailures(ctx.db, caseIds, ctx.now());
  const requests: JobRequest[] = caseIds.map((caseId) => ({ kind: 'provision-case', caseId }));
  await ctx.jobs.schedule(requests);
  return requests.length;
}
