import type { AppContext } from '../context.js';
import type { JobRequest } from '../cases/jobs-to-run.js';
import type { Case } from '../domain/case.js';
import type { Outcome } from '../domain/user-error.js';
import type { Reply } from './reply.js';
import { scheduleAfterCommit } from './schedule-after-commit.js';
import { userErrorText } from '../blocks/user-error-text.js';

/**
 * Finishes a use case's change for the person who asked: a refused change answers with
 * its reason; a committed one has its jobs queued (card sync, reminders), then confirms.
 */
export async function finishChange(ctx: AppContext, change: Outcome<{ case: Case; jobs: JobRequest[] }>, confirmation: string): Promise<Reply> {
  if (!change.ok) return { text: userErrorText(ctx.words, change) };
  await scheduleAfterCommit(ctx, change.jobs, change.case.number);
  return { text: confirmation };
}
