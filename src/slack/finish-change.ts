import type { AppContext } from '../context.js';
import type { CaseChange } from '../cases/change-case.js';
import type { Reply } from './reply.js';
import { scheduleAfterCommit } from './schedule-after-commit.js';
import { userErrorText } from '../blocks/user-error-text.js';

/**
 * Finishes a use case's change for the person who asked: a refused change answers with
 * its reason; a committed one has its jobs queued (card sync, reminders), then confirms.
 */
export async function finishChange(ctx: AppContext, change: CaseChange, confirmation: string): Promise<Reply> {
  if (!change.ok) return { text: userErrorText(ctx.words, change) };
  await scheduleAfterCommit(ctx, change.jobs, change.case.number);
  return { text: confirmation };
}
